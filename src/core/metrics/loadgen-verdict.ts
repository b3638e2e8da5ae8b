// MLPerf-style pass/fail of one tenant's tail latency: p99 from the scheduled arrival against its SLO, with LoadGen's minimum sample count.
import { minSamplesForQuantile } from './min-samples';

/** LoadGen's minimum measured samples for a valid p99 (662). */
export const P99_MIN_SAMPLES = minSamplesForQuantile(0.99);

/** PASS / FAIL against the bound, or INVALID below the minimum sample count. */
export type VerdictKind = 'PASS' | 'FAIL' | 'INVALID';

/** A verdict and how the table writes it ('INVALID (n < 662)'). */
export interface LoadgenVerdict {
  readonly kind: VerdictKind;
  readonly label: string;
  /** Samples the verdict counted: completed plus dropped (a drop is a request over any bound). */
  readonly samples: number;
}

/** What the verdict reads of one tenant's measured requests. */
export interface VerdictInput {
  /** p99 latency from the scheduled arrival over completed requests, ms; null without any. */
  readonly p99Ms: number | null;
  readonly sloMs: number;
  readonly completed: number;
  /** Dropped requests (queue full, SLO unreachable, lane error; not those cancelled by Stop). */
  readonly dropped: number;
}

/** The rule in a sentence (the column's title). */
export const VERDICT_RULE =
  `MLPerf-style verdict: PASS when the p99 latency (from the scheduled arrival) is at most the tenant's SLO over at least ${String(P99_MIN_SAMPLES)} measured requests (LoadGen's minimum for p99); ` +
  'FAIL when it is over, or when more than 1% of the requests were dropped (a drop never meets the bound); INVALID with fewer requests. No early-stopping estimate: the fixed minimum only.';

/**
 * The verdict of a tenant: INVALID below {@link P99_MIN_SAMPLES} samples (completed + dropped);
 * otherwise FAIL when dropped requests alone exceed 1% (their latency is unbounded, so p99 is over
 * any SLO) or the p99 of the completed ones exceeds the SLO; PASS otherwise.
 */
export function loadgenVerdict(input: VerdictInput): LoadgenVerdict {
  const samples = input.completed + input.dropped;
  if (!(samples >= P99_MIN_SAMPLES)) {
    return { kind: 'INVALID', label: `INVALID (n < ${String(P99_MIN_SAMPLES)})`, samples };
  }
  const fail = input.dropped > 0.01 * samples || (input.p99Ms !== null && !(input.p99Ms <= input.sloMs));
  return fail ? { kind: 'FAIL', label: 'FAIL', samples } : { kind: 'PASS', label: 'PASS', samples };
}
