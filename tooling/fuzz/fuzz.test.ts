// The fast slice of the fuzz tests (npm test): every entry point, a few hundred generated inputs each.
import { describe, expect, it } from 'vitest';
import { fuzz } from './runner';
import { FUZZ_TARGETS } from './targets';

/** Inputs per target in the fast slice (`npm run fuzz -- --runs N` runs more). */
const FAST_RUNS = new Map<string, number>([
  ['experiment-json', 300],
  ['url-hash', 300],
  ['simulate-cli', 60],
  ['onnx-bytes', 300],
  ['run-file', 40],
]);

describe('fuzz (fast slice)', () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))('%s: every input is accepted or refused in one-line messages, none throws', (name, target) => {
    const runs = FAST_RUNS.get(name) ?? 100;
    const counts = fuzz(target as Parameters<typeof fuzz>[0], runs, 15);
    expect(counts.accepted + counts.refused).toBe(runs);
  }, 120_000);
});
