// LoadGen's minimum sample counts before a latency percentile is reported as valid.
import { invariant } from '../assert';

/**
 * Smallest sample count at which the p-quantile (0 < p < 1) counts as valid, by MLPerf LoadGen's
 * early-stopping rule (mlcommons/inference loadgen/early_stopping.cc, MinPassingQueriesFinder, with
 * the SingleStream settings of results.cc: one over-latency query t = 1, tolerance 0, confidence 0.99):
 * the least h with I_p(h, 1 + t) <= 1 - 0.99, plus the one query over the bound. With t = 1 the
 * regularized incomplete beta is a binomial tail: I_p(h, 2) = p^(h+1) + (h+1) p^h (1 - p).
 * This gives 64 for p90 and 662 for p99 (LoadGen's figures); the same formula gives 11 for p50
 * and 130 for p95.
 */
export function minSamplesForQuantile(p: number): number {
  invariant(p > 0 && p < 1, 'quantile in (0, 1)');
  const odds = (h: number): number => Math.exp((h + 1) * Math.log(p)) + (h + 1) * Math.exp(h * Math.log(p)) * (1 - p);
  let h = 1;
  while (odds(h) > 0.01) h++;
  return h + 1;
}
