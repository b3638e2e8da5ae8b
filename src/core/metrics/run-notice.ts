// Says when a live run was not what its solo profile promised: service slower (or faster) than the profile by over 20%, or offered load over the capacity seen in the run.

/** Service inflation (run median / solo median at the same batch) above which the notice speaks. */
export const INFLATION_LIMIT = 1.2;

/** What the notice reads of one tenant's measured requests. */
export interface NoticeTenant {
  readonly id: string;
  /** Median of (lane service time / solo profile median at the session batch); null without a solo profile or requests. */
  readonly inflationP50: number | null;
  /** Measured arrivals per second (arrivals over the measured time, up to the end of arrivals). */
  readonly arrivalPerSec: number;
  /** The run's own median service time per request (a batch's service time / its requests), ms; null without completions. */
  readonly servicePerRequestMs: number | null;
  /** Measured requests dropped because the tenant's queue was full (absent: 0). */
  readonly queueDrops?: number;
  /** Measured arrivals (absent: 0). */
  readonly arrivals?: number;
  /** Measured completions per second (absent: 0). */
  readonly servedPerSec?: number;
}

/** Inputs of {@link runNotice}; tenants in experiment order. */
export interface NoticeInput {
  readonly tenants: readonly NoticeTenant[];
  /** time-sliced: every tenant shares one lane; concurrent: a lane per tenant. */
  readonly laneMode: 'time-sliced' | 'concurrent';
  /** What the lanes run on, for the sentence ('CPU' on WASM, 'GPU' otherwise). */
  readonly device: 'CPU' | 'GPU';
}

/** A lane whose offered load exceeded 1 (arrival rate x the run's service time per request). */
export interface OverloadedLane {
  /** 'the lane' (time-sliced) or the tenant's id (its own lane). */
  readonly lane: string;
  readonly load: number;
}

/** What the notice found and its sentences; null from {@link runNotice} when the run kept the profile's promise. */
export interface RunNotice {
  readonly inflated: readonly { readonly id: string; readonly ratio: number }[];
  /** Tenants served over 20% faster than their solo profile (ratio = profile median / run median, > 1.2). */
  readonly deflated: readonly { readonly id: string; readonly ratio: number }[];
  readonly overloaded: readonly OverloadedLane[];
  /** Tenants whose queue overflowed: over 1% of their measured arrivals dropped with a full queue. */
  readonly overflowed: readonly string[];
  readonly sentences: readonly string[];
}

const x = (ratio: number): string => `${ratio.toFixed(1)}×`;

/** Offered load of each lane: sum over its tenants of arrival rate x service time per request (tenants without a service time add nothing). */
export function laneLoads(input: NoticeInput): OverloadedLane[] {
  const loadOf = (t: NoticeTenant): number => (t.servicePerRequestMs === null ? 0 : (t.arrivalPerSec * t.servicePerRequestMs) / 1000);
  if (input.laneMode === 'time-sliced') return [{ lane: 'the lane', load: input.tenants.reduce((sum, t) => sum + loadOf(t), 0) }];
  return input.tenants.map((t) => ({ lane: t.id, load: loadOf(t) }));
}

/**
 * The notice of a run, or null when no tenant's median service time was more than 20% ({@link INFLATION_LIMIT})
 * above or below its solo profile and no lane's offered load exceeded 1. Per tenant (tenants of one
 * model each say theirs); at most three sentences.
 */
export function runNotice(input: NoticeInput): RunNotice | null {
  const inflated = input.tenants
    .filter((t): t is NoticeTenant & { inflationP50: number } => t.inflationP50 !== null && t.inflationP50 > INFLATION_LIMIT)
    .map((t) => ({ id: t.id, ratio: t.inflationP50 }));
  const deflated = input.tenants
    .filter((t): t is NoticeTenant & { inflationP50: number } => t.inflationP50 !== null && t.inflationP50 > 0 && t.inflationP50 < 1 / INFLATION_LIMIT)
    .map((t) => ({ id: t.id, ratio: 1 / t.inflationP50 }));
  const overloaded = laneLoads(input).filter((l) => l.load > 1);
  // Capacity is also what the run served: a queue that overflowed says the offered load exceeded it, whatever the service time says.
  const overflowing = input.tenants.filter((t) => (t.queueDrops ?? 0) > 0.01 * (t.arrivals ?? 0) && (t.queueDrops ?? 0) > 0);
  const overflowed = overflowing.map((t) => t.id);
  if (inflated.length === 0 && deflated.length === 0 && overloaded.length === 0 && overflowed.length === 0) return null;
  const sentences: string[] = [];
  if (inflated.length > 0) {
    const worst = inflated.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const who = inflated.map((t) => `${t.id} ${x(t.ratio)}`).join(', ');
    const competing = input.device === 'CPU' ? 'the page and the lanes compete for the CPU' : 'the lanes and the page compete for the GPU and the CPU that feeds it';
    sentences.push(
      `This machine served requests up to ${x(worst.ratio)} slower than the solo profile (median service time at the same batch: ${who}): ${competing}. ` +
      `Rates set as fractions of capacity were computed from the profile, so 0.5 of capacity was really ${(0.5 * worst.ratio).toFixed(2)}.`,
    );
  }
  if (deflated.length > 0) {
    const best = deflated.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const who = deflated.map((t) => `${t.id} ${x(t.ratio)}`).join(', ');
    sentences.push(
      `This machine served requests up to ${x(best.ratio)} faster than the solo profile (median service time at the same batch: ${who}): ` +
      'the profile was measured on a busier machine, or while the lane was still warming up (browsers compile WebAssembly in tiers, so a fresh lane starts slow). ' +
      `Rates set as fractions of capacity were computed from the profile, so 0.5 of capacity was really ${(0.5 / best.ratio).toFixed(2)}: re-measure the solo profiles.`,
    );
  }
  if (overloaded.length > 0 || overflowed.length > 0) {
    const loads = overloaded.map((l) => `${l.lane} at ${l.load.toFixed(2)}`).join(', ');
    const why = overloaded.length > 0
      ? `${loads}: arrival rate × the run's own median service time per request, over 1 means more work arrived than the lane could do`
      : '';
    const drops = overflowing
      .map((t) => `${t.id}: ${(t.arrivalPerSec).toFixed(1)}/s arrived, ${(t.servedPerSec ?? 0).toFixed(1)}/s served, ${String(t.queueDrops ?? 0)} of ${String(t.arrivals ?? 0)} dropped with a full queue`)
      .join('; ');
    sentences.push(
      `The offered load exceeded the capacity seen in this run (${[why, drops].filter((p) => p !== '').join('; ')}): ` +
      'queues grow for as long as arrivals go on, so latency measures that backlog more than the scheduling policy.',
    );
  }
  return { inflated, deflated, overloaded, overflowed, sentences };
}
