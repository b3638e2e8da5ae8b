// Fuzz support: hostile JSON values and structural mutations of a valid JSON document, as fast-check arbitraries.
import fc from 'fast-check';

/** Values that have broken parsers before: float extremes, lengths, prototype names, control characters. */
export const HOSTILE_SCALARS: readonly unknown[] = [
  0, -0, -1, 1, 0.5, 5e-324, 1e-300, 1e-10, 1e6, 1e9, 1e12, 1e308, -1e308, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 1e7, 255, 256, 257, 4096, 86_400_000, 86_400_001,
  '', ' ', '__proto__', 'constructor', 'toString', 'prototype', 'a\nb', '\u2028', '\u0000', '\uFEFF', 'x'.repeat(10_000), '💥', 'custom:a.b', null, true, false,
];

/** A hostile JSON value: a scalar from the pool, an empty or nested container, or a long array of one bad item. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_SCALARS) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({}, [], [[]], { __proto__: null }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(300, 300, 300, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 140_000), fc.constantFrom<unknown>({}, 'x', -1, null)).map(([n, item]) => new Array<unknown>(n).fill(item)) },
  // Deep nesting, kept to 500 levels here (pretty-printing is quadratic in depth); json-text.test.ts covers 200k.
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown) },
);

/** Keys to add to an object: prototype names, unknown fields, long and multi-line names. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'extra', 'a\nb', 'k'.repeat(100_000), ''),
  fc.string({ maxLength: 12 }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container and value position in `root`, as paths, in document order. */
function positions(root: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (node: Json, path: (string | number)[]): void => {
    out.push(path);
    // Positions past the first 5000 or 40 levels down are never picked: deep or huge inputs come from hostileValue itself.
    if (out.length > 5000 || path.length > 40) return;
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]));
    else if (node !== null && typeof node === 'object') for (const key of Object.keys(node)) walk(node[key] as Json, [...path, key]);
  };
  walk(root, []);
  return out;
}

/** A copy of `root` with `value` at `path` ('' path: the root itself). Keys are defined, never assigned (`__proto__` stays a key). */
function setAt(root: Json, path: readonly (string | number)[], value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (Array.isArray(root)) {
    const copy = [...root] as unknown[];
    copy[key as number] = setAt(root[key as number] as Json, rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(root as Record<string, Json>) };
  Object.defineProperty(copy, key, { value: setAt((root as Record<string, Json>)[key] as Json, rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** One structural mutation of a JSON document: replace a value, add a key, delete a key. */
export type Mutation = { readonly kind: 'replace'; readonly at: number; readonly value: unknown } | { readonly kind: 'add-key'; readonly at: number; readonly key: string; readonly value: unknown } | { readonly kind: 'delete'; readonly at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: hostileKey, value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
);

/** Applies the mutations in order to (a copy of) `doc`. */
export function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  let root = doc as Json;
  for (const m of mutations) {
    const all = positions(root);
    const path = all[m.at % all.length] ?? [];
    if (m.kind === 'replace') root = setAt(root, path, m.value) as Json;
    else {
      // add-key and delete act on the nearest object at or above the position.
      let objectPath = path;
      const nodeAt = (p: readonly (string | number)[]): Json => p.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k] as Json, root);
      while (objectPath.length > 0 && (Array.isArray(nodeAt(objectPath)) || typeof nodeAt(objectPath) !== 'object' || nodeAt(objectPath) === null)) objectPath = objectPath.slice(0, -1);
      const target = nodeAt(objectPath);
      if (target === null || typeof target !== 'object' || Array.isArray(target)) continue;
      if (m.kind === 'add-key') {
        const copy: Record<string, unknown> = { ...target };
        Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
        root = setAt(root, objectPath, copy) as Json;
      } else {
        const keys = Object.keys(target);
        const key = keys[m.at % Math.max(1, keys.length)];
        if (key === undefined) continue;
        const copy: Record<string, unknown> = { ...target };
        delete copy[key];
        root = setAt(root, objectPath, copy) as Json;
      }
    }
  }
  return root;
}

/** Text-level damage: a cut, an inserted run of characters, a BOM in front. */
export const textDamage: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  fc.tuple(fc.nat(), fc.string({ maxLength: 4 })).map(([at, s]) => (text: string) => {
    const k = at % (text.length + 1);
    return text.slice(0, k) + s + text.slice(k + 1);
  }),
  fc.constant((text: string) => `\uFEFF${text}`),
  fc.constant((text: string) => text.replace(/\n/g, '\r\n')),
);
