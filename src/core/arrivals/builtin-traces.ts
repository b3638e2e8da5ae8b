// The real arrival traces the lab ships (excerpts of the Azure LLM inference trace 2023), their attribution and time scaling.
import { GAPS_US as CODE_GAPS_US } from './traces/azure-llm-2023-code';
import { GAPS_US as CONV_GAPS_US } from './traces/azure-llm-2023-conv';
import type { BuiltinTraceId } from './builtin-trace-ids';

export { BUILTIN_TRACE_IDS, BUILTIN_TRACE_SPAN_S, TRACE_ATTRIBUTION, type BuiltinTraceId } from './builtin-trace-ids';

/** Each trace's gaps between consecutive arrivals, microseconds (the first 2,001 arrivals of the service's trace). */
export const BUILTIN_TRACES: Readonly<Record<BuiltinTraceId, { readonly gapsUs: readonly number[] }>> = {
  'azure-llm-2023-conv': { gapsUs: CONV_GAPS_US },
  'azure-llm-2023-code': { gapsUs: CODE_GAPS_US },
};

/** The time scale (ms of the replay per µs of the trace) at which the whole trace has mean rate `ratePerSec`. */
export function wholeTraceScaleMsPerUs(trace: BuiltinTraceId, ratePerSec: number): number {
  const gapsUs = BUILTIN_TRACES[trace].gapsUs;
  let spanUs = 0;
  for (const g of gapsUs) spanUs += g;
  // Trace mean gap / wanted mean gap: gaps (us) times this are the scaled gaps (ms).
  return gapsUs.length / spanUs / (ratePerSec / 1000);
}

/** The trace's gaps in ms at time scale `scaleMsPerUs`. */
export function gapsAtScaleMs(trace: BuiltinTraceId, scaleMsPerUs: number): number[] {
  return BUILTIN_TRACES[trace].gapsUs.map((g) => g * scaleMsPerUs);
}

/**
 * The trace's gaps in ms, time-scaled so that its mean rate is `ratePerSec` (AlpaServe's method: the
 * bursts keep their shape, compressed or stretched). The replay loops over them until the run ends.
 */
export function scaledGapsMs(trace: BuiltinTraceId, ratePerSec: number): number[] {
  return gapsAtScaleMs(trace, wholeTraceScaleMsPerUs(trace, ratePerSec));
}

/**
 * Where a replay of `trace` at `ratePerSec` starts, ms of the scaled replay: `startAtS` seconds of the original
 * trace, time-scaled by the same factor as its gaps (see scaledGapsMs).
 */
export function scaledStartMs(trace: BuiltinTraceId, ratePerSec: number, startAtS: number): number {
  return startAtS * 1e6 * wholeTraceScaleMsPerUs(trace, ratePerSec);
}

/** A trace's arrival instants (µs from its first arrival at 0, which is the first gap's start) and its loop span. */
function instantsUs(trace: BuiltinTraceId): { readonly atUs: Float64Array; readonly spanUs: number } {
  const gapsUs = BUILTIN_TRACES[trace].gapsUs;
  const atUs = new Float64Array(gapsUs.length);
  let t = 0;
  gapsUs.forEach((g, i) => {
    t += g;
    atUs[i] = t;
  });
  return { atUs, spanUs: t };
}

/** Arrivals of the looped trace in [fromUs, toUs) (instants at or after 0). */
function countLooped(atUs: Float64Array, spanUs: number, fromUs: number, toUs: number): number {
  const below = (x: number): number => {
    // Arrivals at instants < x of the endless loop.
    const loops = Math.floor(x / spanUs);
    const rest = x - loops * spanUs;
    let lo = 0;
    let hi = atUs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((atUs[mid] as number) < rest) lo = mid + 1;
      else hi = mid;
    }
    return loops * atUs.length + lo;
  };
  return below(toUs) - below(fromUs);
}

/**
 * The time scale (ms of the replay per µs of the trace) at which a replay of `trace` that starts `startAtS` into
 * it brings `ratePerSec` on average over the run's first `windowMs`: so that a replay which starts where the trace
 * is busy offers the run the load it says, not the trace's long-run mean (a window holding a burst would
 * otherwise bring several times the arrivals of a Poisson twin at the same rate). Found by bisection on the
 * scale (the count in the window falls as the scale grows); the whole-trace scale when the window wants under
 * one arrival.
 */
export function windowScaleMsPerUs(trace: BuiltinTraceId, ratePerSec: number, startAtS: number, windowMs: number): number {
  const { atUs, spanUs } = instantsUs(trace);
  const wholeScale = wholeTraceScaleMsPerUs(trace, ratePerSec);
  const wanted = (ratePerSec * windowMs) / 1000;
  if (!(wanted >= 1) || !(windowMs > 0)) return wholeScale;
  const fromUs = startAtS * 1e6;
  const count = (scale: number): number => countLooped(atUs, spanUs, fromUs, fromUs + windowMs / scale);
  // count(lo) >= wanted > count(hi): widen the bracket geometrically, then bisect in log space.
  let lo = wholeScale;
  let hi = wholeScale;
  for (let i = 0; i < 60 && count(lo) < wanted; i++) lo /= 2;
  for (let i = 0; i < 60 && count(hi) >= wanted; i++) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (count(mid) >= wanted) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The coefficient of variation of a trace's gaps (1 for Poisson; above 1 burstier). */
export function gapCv(trace: BuiltinTraceId): number {
  const gaps = BUILTIN_TRACES[trace].gapsUs;
  let sum = 0;
  for (const g of gaps) sum += g;
  const mean = sum / gaps.length;
  let sq = 0;
  for (const g of gaps) sq += (g - mean) ** 2;
  return Math.sqrt(sq / gaps.length) / mean;
}
