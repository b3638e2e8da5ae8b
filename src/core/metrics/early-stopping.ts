// LoadGen's early stopping for the Server scenario's p99 (mlcommons/inference loadgen/early_stopping.cc and results.cc): how many requests a run needs, given how many went over the bound.
import type { TenantMetrics } from './snapshot';
import type { VerdictKind } from './loadgen-verdict';

/** LoadGen's confidence for early stopping (results.cc: 0.99; its tolerance is 0). */
export const EARLY_STOPPING_CONFIDENCE = 0.99;
/** The percentile the Server scenario bounds. */
const P99 = 0.99;

/** ln(n choose k) by summing logs (k small: k <= t, the requests over the bound). */
function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log(n - k + i) - Math.log(i);
  return sum;
}

/**
 * The odds of `t` or fewer requests over the bound among `h + t` when each is within it with probability
 * `p`: P(Binomial(h + t, 1 - p) <= t), LoadGen's `odds(h, t, p, 0)` (= BetaRegularized[p, h, 1 + t]),
 * summed term by term in log space (no underflow for large h).
 */
export function overBoundOdds(h: number, t: number, p: number): number {
  const n = h + t;
  const logs: number[] = [];
  for (let x = 0; x <= t; x++) logs.push(logChoose(n, x) + x * Math.log(1 - p) + (n - x) * Math.log(p));
  const top = logs.reduce((most, v) => (v > most ? v : most), -Infinity);
  return top === -Infinity ? 0 : Math.exp(top) * logs.reduce((sum, v) => sum + Math.exp(v - top), 0);
}

/**
 * LoadGen's `find_min_passing(t, p, 0, c)`: the fewest requests within the bound `h` such that
 * overBoundOdds(h, t, p) < 1 - c, i.e. with `t` over it the run shows, at confidence `c`, that at least
 * a share `p` of requests meet the bound. 459 for t = 0 at p99 (0.99^h < 0.01), 661 for t = 1.
 */
export function minPassingRequests(t: number, p = P99, c = EARLY_STOPPING_CONFIDENCE): number {
  const passes = (h: number): boolean => overBoundOdds(h, t, p) < 1 - c;
  let hi = Math.max(1, Math.ceil(Math.log(1 - c) / Math.log(p)));
  while (!passes(hi)) hi *= 2;
  let lo = 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The early-stopping estimate of a tenant's p99 verdict. */
export interface EarlyStoppingEstimate {
  /** PASS: enough requests for LoadGen's early stopping, p99 within the bound; FAIL: enough, p99 over it; INVALID: too few. */
  readonly kind: VerdictKind;
  /** Requests judged (completed + dropped, those cancelled by Stop left out). */
  readonly samples: number;
  /** Of them over the bound: completed over the SLO, and every drop. */
  readonly overBound: number;
  /** Requests early stopping needs with that many over the bound: minPassingRequests(overBound) + overBound. */
  readonly neededSamples: number;
  /** One line: what was counted, what is needed, and the verdict's ground. */
  readonly reason: string;
}

/** Most requests over the bound the estimate counts out (past it, far more than 662 requests are needed anyway). */
const MAX_OVER_BOUND = 100_000;

/**
 * LoadGen's Server-scenario early stopping on a tenant's measured requests: with `t` of `n` over the
 * bound, the run is long enough when n >= minPassingRequests(t) + t (results.cc); then PASS when p99 is
 * within the bound, FAIL otherwise; INVALID (with how many more requests, all within the bound, would do)
 * when it is too short. Null when `t` is past MAX_OVER_BOUND.
 */
export function earlyStoppingOf(m: Pick<TenantMetrics, 'latencyMs' | 'measured'>, sloMs: number): EarlyStoppingEstimate | null {
  const dropped = m.measured.dropped - m.measured.droppedByReason.stopped;
  const samples = m.measured.completed + dropped;
  const overBound = m.measured.completed - m.measured.completedWithinSlo + dropped;
  if (!(overBound >= 0 && overBound <= MAX_OVER_BOUND)) return null;
  const neededSamples = minPassingRequests(overBound) + overBound;
  const counted = `${String(overBound)} of ${String(samples)} requests over the bound; LoadGen's early stopping needs ${String(neededSamples)}`;
  if (samples < neededSamples) return { kind: 'INVALID', samples, overBound, neededSamples, reason: `${counted}: ${String(neededSamples - samples)} more all within the bound` };
  const p99 = m.latencyMs.p99.value;
  const within = p99 === null || p99 <= sloMs;
  return { kind: within ? 'PASS' : 'FAIL', samples, overBound, neededSamples, reason: `${counted}: enough; p99 ${within ? 'within' : 'over'} the bound` };
}
