// ESLint flat config. The layer rules of shared/DESIGN.md live in LAYERS below:
// imports point downwards only (ui -> app -> engine -> runtime -> zoo -> core; page code
// reaches the engine only through its protocol and client), and only src/runtime may import
// onnxruntime-web or touch navigator.gpu. Transitive rules: tooling/import-graph.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** A relative import that climbs into the named sibling layer folder. */
const layer = (name) => ({
  regex: `^(\\.\\./)+${name}(/|$)`,
  message: `Layer rule (shared/DESIGN.md): this folder may not import src/${name}.`,
});
const pkg = (name, why) => ({ regex: `^${name}(/|$)`, message: why });

const ORT = pkg('onnxruntime-web', 'Only src/runtime may import onnxruntime-web (shared/DESIGN.md).');
const REACT = pkg('react(-dom)?', 'Only src/ui may use React.');
const RECHARTS = pkg('recharts', 'Only src/ui may draw charts.');
const UPLOT = pkg('uplot', 'Only src/ui may draw charts.');
const NODE = { regex: '^node:', message: 'Browser code may not import Node built-ins.' };

/** Page code reaches the engine (worker side) only through the named engine modules. */
const engineExcept = (...allowed) => ({
  regex: `^(\\.\\./)+engine(/(?!(${allowed.join('|')})$)|$)`,
  message: `Layer rule (shared/DESIGN.md): page code may import only ${allowed.map((m) => `src/engine/${m}`).join(' and ')} from the engine.`,
});

/** Per layer: which folders and packages it must not import. */
const LAYERS = {
  core: [layer('zoo'), layer('runtime'), layer('engine'), layer('app'), layer('ui'), ORT, REACT, RECHARTS, UPLOT, NODE],
  zoo: [layer('runtime'), layer('engine'), layer('app'), layer('ui'), ORT, REACT, RECHARTS, UPLOT, NODE],
  runtime: [layer('engine'), layer('app'), layer('ui'), REACT, RECHARTS, UPLOT, NODE],
  engine: [layer('app'), layer('ui'), ORT, REACT, RECHARTS, UPLOT, NODE],
  app: [engineExcept('engine-protocol', 'engine-client'), layer('ui'), ORT, REACT, RECHARTS, UPLOT, NODE],
  ui: [engineExcept('engine-protocol'), layer('runtime'), ORT, NODE],
};

/** Pure layers: no wall clock, no ambient randomness, no DOM. */
const PURE_RULES = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Core is pure: inject a clock.' },
    { object: 'Math', property: 'random', message: 'Core is pure: inject a seeded rng.' },
    { object: 'performance', property: 'now', message: 'Core is pure: inject a clock.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'Core is pure: inject a clock.' },
  ],
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'navigator', 'self', 'performance', 'setTimeout', 'setInterval', 'requestAnimationFrame'].map(
      (name) => ({ name, message: `Pure layer: no ${name}; pass what you need in.` }),
    ),
  ],
};

const gpuOutsideRuntime = {
  'no-restricted-properties': [
    'error',
    { object: 'navigator', property: 'gpu', message: 'Only src/runtime touches navigator.gpu (shared/DESIGN.md).' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'models/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './tsconfig.node.json'], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**', 'bench/**', 'e2e/**', 'tooling/**', '*.config.*'], languageOptions: { globals: { ...globals.node } } },
  ...Object.entries(LAYERS).map(([name, patterns]) => ({
    files: [`src/${name}/**/*.{ts,tsx}`],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  { files: ['src/core/**/*.ts', 'src/zoo/**/*.ts'], ignores: ['src/**/*.test.ts'], rules: PURE_RULES },
  { files: ['src/engine/**/*.ts', 'src/app/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'], rules: gpuOutsideRuntime },
  {
    files: ['src/ui/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
