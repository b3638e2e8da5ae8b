// Runs one fuzz target for N inputs with fast-check and counts how they ended.
import fc from 'fast-check';
import type { FuzzTarget } from './targets';

/** The counts of one fuzz run; `ms` is wall clock, for the report only (never asserted). */
export interface FuzzCounts {
  readonly name: string;
  readonly runs: number;
  readonly accepted: number;
  readonly refused: number;
  readonly ms: number;
}

/**
 * Runs `target` on `runs` generated inputs (seeded): each must end accepted or refused by the
 * target's rules; a throw anywhere fails with fast-check's shrunk counterexample.
 */
export function fuzz<T>(target: FuzzTarget<T>, runs: number, seed: number): FuzzCounts {
  let accepted = 0;
  let refused = 0;
  const start = performance.now();
  fc.assert(
    fc.property(target.input, (input) => {
      const outcome = target.run(input);
      if (outcome.kind === 'accepted') accepted++;
      else refused++;
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  return { name: target.name, runs, accepted, refused, ms: performance.now() - start };
}
