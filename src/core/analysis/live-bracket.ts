// Live capacity confirmation's decisions: the next load factor to probe, the bracket update, the stop rule, and the driver.
import { MAX_FACTOR } from './capacity';

/** Default relative width a live bracket stops at: live probes are few and noisy, so coarser than the simulation's 2%. */
export const DEFAULT_LIVE_RESOLUTION = 0.1;
/** Default budget of live probes (each one a short live run). */
export const DEFAULT_LIVE_MAX_PROBES = 5;

/** The simulated answer the live search starts around: factors that held and failed (either may be null). */
export interface SimulatedBracket {
  readonly holdsFactor: number | null;
  readonly failsFactor: number | null;
}

/** Settings of the live bracket search. */
export interface LiveBracketOptions {
  /** Stop once fails / holds <= 1 + resolution; in [0.001, 1), default 0.1. */
  readonly resolution?: number;
  /** Most live probes, 1-20; default 5. */
  readonly maxProbes?: number;
}

/** Where the live search stands: the bracket so far and how it got there. */
export interface LiveBracketState {
  /** Largest factor that held live (null: none yet). */
  readonly holds: number | null;
  /** Smallest factor that failed live (null: none yet). */
  readonly fails: number | null;
  readonly probes: number;
  /** Probes in a row that moved the only known side outwards (after the first, the step is 2). */
  readonly expansions: number;
  /** The first factor to probe: the simulated holding factor (or one step under the simulated failing one). */
  readonly start: number;
  /** Outward step ratio, > 1: the simulated bracket's width, at least 1 + resolution. */
  readonly step: number;
}

/** How a live search ended. */
export type LiveOutcome =
  /** holds < fails within the resolution. */
  | 'bracketed'
  /** holds < fails, but the probe budget ran out before the resolution. */
  | 'bracketed-wide'
  /** Only one side found before the budget ran out. */
  | 'unbracketed'
  /** Failed even at 1/MAX_FACTOR. */
  | 'fails-at-floor'
  /** Held even at MAX_FACTOR. */
  | 'holds-at-ceiling';

const resolutionOf = (o: LiveBracketOptions): number => o.resolution ?? DEFAULT_LIVE_RESOLUTION;
const maxProbesOf = (o: LiveBracketOptions): number => o.maxProbes ?? DEFAULT_LIVE_MAX_PROBES;

/** Checks the options' ranges; each problem names the option. */
export function liveBracketOptionIssues(o: LiveBracketOptions): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (o.resolution !== undefined && !(o.resolution >= 0.001 && o.resolution < 1)) issues.push({ path: 'resolution', message: 'expected a number in [0.001, 1)' });
  if (o.maxProbes !== undefined && !(Number.isInteger(o.maxProbes) && o.maxProbes >= 1 && o.maxProbes <= 20)) issues.push({ path: 'maxProbes', message: 'expected an integer in [1, 20]' });
  return issues;
}

/** The state before any live probe: start at the simulated holding factor, step by the simulated bracket's width. */
export function initialLiveBracket(sim: SimulatedBracket, options: LiveBracketOptions = {}): LiveBracketState {
  const minStep = 1 + resolutionOf(options);
  const { holdsFactor: h, failsFactor: f } = sim;
  const step = h !== null && f !== null && f > h ? Math.max(f / h, minStep) : minStep;
  const start = h ?? (f === null ? 1 : f / step);
  return { holds: null, fails: null, probes: 0, expansions: 0, start: Math.min(MAX_FACTOR, Math.max(1 / MAX_FACTOR, start)), step };
}

/** Why the search stops now, or null when it goes on. */
export function liveStopReason(state: LiveBracketState, options: LiveBracketOptions = {}): LiveOutcome | null {
  const { holds, fails } = state;
  if (holds !== null && fails !== null && fails / holds <= 1 + resolutionOf(options)) return 'bracketed';
  if (holds !== null && fails === null && holds >= MAX_FACTOR) return 'holds-at-ceiling';
  if (fails !== null && holds === null && fails <= 1 / MAX_FACTOR) return 'fails-at-floor';
  if (state.probes >= maxProbesOf(options)) return holds !== null && fails !== null ? 'bracketed-wide' : 'unbracketed';
  return null;
}

/**
 * The next factor to probe, or null when the search stops. First the simulated holding factor; while
 * one side is missing, outwards from the known side: first by the simulated bracket's width (at least
 * 1 + resolution), then doubling or halving as the simulated search does; once both are known, the
 * geometric midpoint. A probe is therefore
 * always strictly inside the bracket or beyond its only known side, so holds < fails however noisy.
 */
export function nextLiveFactor(state: LiveBracketState, options: LiveBracketOptions = {}): number | null {
  if (liveStopReason(state, options) !== null) return null;
  const { holds, fails } = state;
  const out = state.expansions === 0 ? state.step : 2;
  if (holds === null && fails === null) return state.start;
  if (holds !== null && fails !== null) return Math.sqrt(holds * fails);
  if (holds !== null) return Math.min(MAX_FACTOR, holds * out);
  return Math.max(1 / MAX_FACTOR, (fails ?? 1) / out);
}

/** The state after a probe at `factor` held (or failed) live. */
export function updateLiveBracket(state: LiveBracketState, factor: number, held: boolean): LiveBracketState {
  const onlyOneSide = (state.holds === null) !== (state.fails === null);
  const holds = held ? factor : state.holds;
  const fails = held ? state.fails : factor;
  // Expanding: the probe moved the only known side further out; the next step outwards is larger.
  const expanded = onlyOneSide && (holds === null || fails === null);
  return { ...state, holds, fails, probes: state.probes + 1, expansions: expanded ? state.expansions + 1 : 0 };
}

/** A live search's answer. */
export interface LiveBracketResult<P> {
  readonly outcome: LiveOutcome | 'cancelled';
  readonly holdsFactor: number | null;
  readonly failsFactor: number | null;
  /** Every probe's own record, in the order run. */
  readonly probes: readonly P[];
}

/** What the driver needs from one probe: whether the load held, plus the caller's record of it. */
export interface LiveProbeVerdict<P> {
  readonly holds: boolean;
  readonly record: P;
}

/**
 * Runs the live search: asks `probe` for each factor the rule picks (one at a time) until the stop rule
 * says so, or `cancelled()` turns true (the probe in progress then counts as measured, not as a verdict).
 * A probe that throws ends the search with its error.
 */
export async function searchLiveBracket<P>(
  sim: SimulatedBracket,
  probe: (factor: number, index: number, state: LiveBracketState) => Promise<LiveProbeVerdict<P>>,
  options: LiveBracketOptions & { readonly cancelled?: () => boolean } = {},
): Promise<LiveBracketResult<P>> {
  let state = initialLiveBracket(sim, options);
  const records: P[] = [];
  for (let factor = nextLiveFactor(state, options); factor !== null; factor = nextLiveFactor(state, options)) {
    if (options.cancelled?.() === true) return { outcome: 'cancelled', holdsFactor: state.holds, failsFactor: state.fails, probes: records };
    const verdict = await probe(factor, state.probes, state);
    records.push(verdict.record);
    // A probe cut short by the cancel is kept as measured but does not move the bracket.
    if (options.cancelled?.() === true) return { outcome: 'cancelled', holdsFactor: state.holds, failsFactor: state.fails, probes: records };
    state = updateLiveBracket(state, factor, verdict.holds);
  }
  return { outcome: liveStopReason(state, options) ?? 'unbracketed', holdsFactor: state.holds, failsFactor: state.fails, probes: records };
}
