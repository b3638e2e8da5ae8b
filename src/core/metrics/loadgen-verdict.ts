// MLPerf-style pass/fail of one tenant's tail latency: p99 from the scheduled arrival against its SLO, with LoadGen's minimum sample count, and why.
import { minSamplesForQuantile } from './min-samples';
import type { TenantMetrics } from './snapshot';

/** LoadGen's minimum measured samples for a valid p99 (662). */
export const P99_MIN_SAMPLES = minSamplesForQuantile(0.99);

/** Largest share of dropped requests a PASS allows (a drop never meets the bound). */
export const MAX_DROPPED_SHARE = 0.01;

/** PASS / FAIL against the bound, or INVALID below the minimum sample count. */
export type VerdictKind = 'PASS' | 'FAIL' | 'INVALID';
/** Every verdict kind (for schemas). */
export const VERDICT_KINDS = ['PASS', 'FAIL', 'INVALID'] as const satisfies readonly VerdictKind[];

/** What the verdict reads of one tenant's measured requests. */
export interface VerdictInput {
  /** p99 latency from the scheduled arrival over completed requests, ms; null without any. */
  readonly p99Ms: number | null;
  readonly sloMs: number;
  readonly completed: number;
  /** Dropped requests (queue full, SLO unreachable, lane error; not those cancelled by Stop). */
  readonly dropped: number;
}

/** A verdict, how the table writes it ('INVALID (n < 662)'), and the figures behind it. */
export interface LoadgenVerdict {
  readonly kind: VerdictKind;
  readonly label: string;
  /** Samples the verdict counted: completed plus dropped (a drop is a request over any bound). */
  readonly samples: number;
  /** Samples a valid p99 needs ({@link P99_MIN_SAMPLES}). */
  readonly neededSamples: number;
  /** Dropped / samples (0 without samples). */
  readonly droppedShare: number;
  /** One line saying why: samples against the minimum, the dropped share, p99 against the bound. */
  readonly reason: string;
}

/** The rule in a sentence (the column's title). */
export const VERDICT_RULE =
  `MLPerf-style verdict: PASS when the p99 latency (from the scheduled arrival) is at most the tenant's SLO over at least ${String(P99_MIN_SAMPLES)} measured requests (LoadGen's minimum for p99); ` +
  'FAIL when it is over, or when more than 1% of the requests were dropped (a drop never meets the bound); INVALID with fewer requests. No early-stopping estimate: the fixed minimum only.';

const msText = (value: number): string => `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
const shareText = (share: number): string => `${(share * 100).toFixed(2)}%`;

/** Why a verdict is what it is, in one line (figures from its input). */
function reasonOf(kind: VerdictKind, input: VerdictInput, samples: number, droppedShare: number): string {
  const dropped = `${shareText(droppedShare)} dropped (at most 1%)`;
  const p99 = input.p99Ms === null ? 'no p99 (nothing completed)' : `p99 ${Number.isFinite(input.p99Ms) ? msText(input.p99Ms) : String(input.p99Ms)} ${input.p99Ms <= input.sloMs ? 'within' : 'over'} the ${msText(input.sloMs)} bound`;
  switch (kind) {
    case 'INVALID':
      return `${String(samples)} samples of the ${String(P99_MIN_SAMPLES)} needed for p99; ${dropped}; ${p99}`;
    case 'FAIL':
    case 'PASS':
      return `${String(samples)} samples (${String(P99_MIN_SAMPLES)} needed); ${dropped}; ${p99}`;
  }
}

/**
 * The verdict of a tenant: INVALID below {@link P99_MIN_SAMPLES} samples (completed + dropped);
 * otherwise FAIL when dropped requests alone exceed 1% (their latency is unbounded, so p99 is over
 * any SLO) or the p99 of the completed ones exceeds the SLO; PASS otherwise.
 */
export function loadgenVerdict(input: VerdictInput): LoadgenVerdict {
  const samples = input.completed + input.dropped;
  const droppedShare = samples > 0 ? input.dropped / samples : 0;
  const of = (kind: VerdictKind, label: string): LoadgenVerdict => ({
    kind, label, samples, neededSamples: P99_MIN_SAMPLES, droppedShare, reason: reasonOf(kind, input, samples, droppedShare),
  });
  if (!(samples >= P99_MIN_SAMPLES)) return of('INVALID', `INVALID (n < ${String(P99_MIN_SAMPLES)})`);
  const fail = input.dropped > MAX_DROPPED_SHARE * samples || (input.p99Ms !== null && !(input.p99Ms <= input.sloMs));
  return fail ? of('FAIL', 'FAIL') : of('PASS', 'PASS');
}

/** What a verdict reads of a tenant's metrics: requests cancelled by Stop were never judged, so they are not samples. */
export function verdictInputOf(m: Pick<TenantMetrics, 'latencyMs' | 'measured'>, sloMs: number): VerdictInput {
  return { p99Ms: m.latencyMs.p99.value, sloMs, completed: m.measured.completed, dropped: m.measured.dropped - m.measured.droppedByReason.stopped };
}

/** The verdict of a tenant from its metrics and SLO. */
export function verdictOfMetrics(m: Pick<TenantMetrics, 'latencyMs' | 'measured'>, sloMs: number): LoadgenVerdict {
  return loadgenVerdict(verdictInputOf(m, sloMs));
}
