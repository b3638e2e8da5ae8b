// Transitive import rules (perfetto's check_imports): what each bundle pulls in, not only each file's direct imports.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Source text by repository-relative path ('src/engine/engine-run.ts'). */
export type SourceFiles = ReadonlyMap<string, string>;

/** A file's runtime imports (type-only ones are erased and pull in nothing) and the workers it starts. */
export interface FileImports {
  /** Resolved repository-relative paths, or 'pkg:<name>' for a package. */
  readonly imports: readonly string[];
  /** Worker entry files started with `new Worker(new URL('./x.worker.ts', import.meta.url))`: a bundle of their own. */
  readonly workers: readonly string[];
}

const IMPORT_FROM = /^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm;
const BARE_IMPORT = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const WORKER_URL = /new\s+Worker\(\s*new\s+URL\(\s*['"]([^'"]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The package name of a bare specifier ('onnxruntime-web/webgpu' -> 'onnxruntime-web'). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function resolve(files: SourceFiles, from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return `pkg:${packageOf(specifier)}`;
  const base = normalize(join(dirname(from), specifier)).replaceAll('\\', '/');
  for (const ext of EXTENSIONS) if (files.has(base + ext)) return base + ext;
  return base; // not a source file (a stylesheet, an asset): a leaf
}

/** Runtime imports and started workers of one file; `import type` and `export type` lines pull in nothing. */
export function importsOf(files: SourceFiles, path: string): FileImports {
  const text = files.get(path) ?? '';
  const imports: string[] = [];
  for (const m of text.matchAll(IMPORT_FROM)) if (m[2] === undefined) imports.push(resolve(files, path, m[3] ?? ''));
  for (const m of text.matchAll(BARE_IMPORT)) imports.push(resolve(files, path, m[1] ?? ''));
  for (const m of text.matchAll(DYNAMIC_IMPORT)) imports.push(resolve(files, path, m[1] ?? ''));
  const workers = [...text.matchAll(WORKER_URL)].map((m) => resolve(files, path, m[1] ?? ''));
  return { imports, workers };
}

/** Every module a bundle starting at `entry` contains, each with the chain of imports that pulled it in. */
export function bundleOf(files: SourceFiles, entry: string): Map<string, readonly string[]> {
  const chains = new Map<string, readonly string[]>([[entry, [entry]]]);
  const todo = [entry];
  for (let path = todo.pop(); path !== undefined; path = todo.pop()) {
    const chain = chains.get(path) ?? [path];
    for (const next of importsOf(files, path).imports) {
      if (chains.has(next)) continue;
      chains.set(next, [...chain, next]);
      if (files.has(next)) todo.push(next);
    }
  }
  return chains;
}

/** A module a bundle must not contain, with why. */
export interface BundleRule {
  readonly forbidden: RegExp;
  readonly allowed?: RegExp;
  readonly why: string;
}

/**
 * The page bundle (src/main.tsx and what it imports, dynamic imports included; workers are bundles of
 * their own) reaches the engine only through its protocol and client, and runs no inference itself.
 */
export const PAGE_RULES: readonly BundleRule[] = [
  {
    forbidden: /^src\/engine\//,
    allowed: /^src\/engine\/engine-(protocol|client)\.ts$/,
    why: 'page code reaches the engine only through engine-protocol.ts and engine-client.ts (the rest runs in the engine worker)',
  },
  { forbidden: /^pkg:onnxruntime-web$/, why: 'onnxruntime-web runs in lane workers, not in the page' },
  { forbidden: /\.worker\.ts$/, why: 'a worker module is started with new Worker(new URL(...)), never imported' },
];

/** One line per module of the bundle that breaks a rule: the module, the import chain and why. */
export function bundleViolations(files: SourceFiles, entry: string, rules: readonly BundleRule[]): string[] {
  const problems: string[] = [];
  for (const [module, chain] of bundleOf(files, entry)) {
    for (const rule of rules) {
      if (rule.forbidden.test(module) && !(rule.allowed?.test(module) ?? false)) problems.push(`${chain.join(' -> ')}: ${rule.why}`);
    }
  }
  return problems;
}

/** Every .ts/.tsx file under `dir` (tests excluded: they are in no bundle), keyed relative to `root`. */
export function readSources(root: string, dir = 'src'): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.set(relative(root, path).replaceAll('\\', '/'), readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, dir));
  return files;
}
