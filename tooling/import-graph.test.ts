// Proves the transitive import rules bite: a page module that pulls worker-only code through any chain fails, with the chain named.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleOf, bundleViolations, importsOf, PAGE_RULES, readSources } from './import-graph';

const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('import graph', () => {
  it('follows runtime and dynamic imports, not type-only ones nor started workers', () => {
    const src = files({
      'src/main.tsx': "import { a } from './app/a';\nimport type { T } from './engine/engine-run';\nvoid import('./app/hook');\n",
      'src/app/a.ts': "export { b } from './b';\nconst w = new Worker(new URL('../engine/engine.worker.ts', import.meta.url));\n",
      'src/app/b.ts': "import './style.css';\nexport const b = 1;\n",
      'src/app/hook.ts': 'export const h = 1;\n',
      'src/engine/engine-run.ts': 'export type T = 1;\n',
      'src/engine/engine.worker.ts': "import { r } from './engine-run';\n",
    });
    expect([...bundleOf(src, 'src/main.tsx').keys()].sort()).toEqual(['src/app/a.ts', 'src/app/b.ts', 'src/app/hook.ts', 'src/app/style.css', 'src/main.tsx']);
    expect(importsOf(src, 'src/app/a.ts').workers).toEqual(['src/engine/engine.worker.ts']);
    expect(bundleViolations(src, 'src/main.tsx', PAGE_RULES)).toEqual([]);
  });

  it.each([
    ['a worker-only engine module, two hops away', "import { x } from '../engine/run-setup';\n", 'src/engine/run-setup.ts'],
    ['onnxruntime-web', "import * as ort from 'onnxruntime-web/webgpu';\n", 'pkg:onnxruntime-web'],
    ['a worker module imported, not started', "import '../engine/engine.worker';\n", 'src/engine/engine.worker.ts'],
  ])('rejects a page bundle that pulls in %s, naming the chain', (_what, line, module) => {
    const src = files({
      'src/main.tsx': "import { v } from './ui/View';\n",
      'src/ui/View.tsx': "import { s } from '../app/s';\nexport const v = s;\n",
      'src/app/s.ts': line,
      'src/engine/run-setup.ts': "import { p } from '../zoo/partition';\n",
      'src/engine/engine.worker.ts': '',
      'src/zoo/partition.ts': '',
    });
    const problems = bundleViolations(src, 'src/main.tsx', PAGE_RULES);
    expect(problems).toContainEqual(expect.stringContaining(`src/main.tsx -> src/ui/View.tsx -> src/app/s.ts -> ${module}:`));
  });

  it('allows the engine protocol and client', () => {
    const src = files({
      'src/main.tsx': "import { c } from './engine/engine-client';\n",
      'src/engine/engine-client.ts': "import { p } from './engine-protocol';\n",
      'src/engine/engine-protocol.ts': '',
    });
    expect(bundleViolations(src, 'src/main.tsx', PAGE_RULES)).toEqual([]);
  });

  it('never throws on arbitrary source text, and every module it reports is reachable', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('src/main.tsx', 'src/a.ts', 'src/b/c.ts', 'src/engine/x.ts'), fc.string({ maxLength: 200 })), (entries) => {
        const src = files({ 'src/main.tsx': '', ...entries });
        const bundle = bundleOf(src, 'src/main.tsx');
        for (const chain of bundle.values()) expect(chain[0]).toBe('src/main.tsx');
        expect(() => bundleViolations(src, 'src/main.tsx', PAGE_RULES)).not.toThrow();
      }),
    );
  });

  it('the real page bundle pulls in no worker-only module', () => {
    expect(bundleViolations(readSources(process.cwd()), 'src/main.tsx', PAGE_RULES)).toEqual([]);
  });
});
