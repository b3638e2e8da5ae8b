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

/**
 * The trace's gaps in ms, time-scaled so that its mean rate is `ratePerSec` (AlpaServe's method: the
 * bursts keep their shape, compressed or stretched). The replay loops over them until the run ends.
 */
export function scaledGapsMs(trace: BuiltinTraceId, ratePerSec: number): number[] {
  const gapsUs = BUILTIN_TRACES[trace].gapsUs;
  let spanUs = 0;
  for (const g of gapsUs) spanUs += g;
  // Trace mean gap / wanted mean gap: gaps (us) times this are the scaled gaps (ms).
  const factorMsPerUs = gapsUs.length / spanUs / (ratePerSec / 1000);
  return gapsUs.map((g) => g * factorMsPerUs);
}

/**
 * Where a replay of `trace` at `ratePerSec` starts, ms of the scaled replay: `startAtS` seconds of the original
 * trace, time-scaled by the same factor as its gaps (see scaledGapsMs).
 */
export function scaledStartMs(trace: BuiltinTraceId, ratePerSec: number, startAtS: number): number {
  const gapsUs = BUILTIN_TRACES[trace].gapsUs;
  let spanUs = 0;
  for (const g of gapsUs) spanUs += g;
  return startAtS * 1e6 * (gapsUs.length / spanUs / (ratePerSec / 1000));
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
