// Solo profiles: each model alone on its lane at batch 1, 2, 4, 8 after warm-up; cached per device, backend, build and model.
import { nearestRank } from '../core/metrics';
import type { PreparedInfo } from '../runtime/lane-protocol';
import { SERVICE_TIMING, type SoloProfilePoint } from './engine-protocol';

/** Profiles kept for the life of the engine worker (the browser session), by {@link profileCacheKey}. */
export type ProfileCache = Map<string, Omit<SoloProfilePoint, 'cached'>>;

/** The device a session runs on, as a cache key part: backend, build and adapter. */
export function deviceKey(info: PreparedInfo): string {
  const a = info.adapter;
  const adapter = a === null ? 'cpu' : `${a.vendor}/${a.architecture}/${a.device}/${a.description}`;
  return `${info.backendUsed}|${info.build}|${adapter}`;
}

/** Cache key of one profile point. */
export function profileCacheKey(info: PreparedInfo, modelKey: string, batch: number): string {
  return `${deviceKey(info)}|${modelKey}|${String(batch)}`;
}

/** A profile point from timed runs (wall clock, ms). */
export function profilePoint(modelKey: string, batch: number, warmupRuns: number, latenciesMs: readonly number[]): Omit<SoloProfilePoint, 'cached'> {
  const medianMs = nearestRank(latenciesMs, 0.5);
  const p99Ms = nearestRank(latenciesMs, 0.99);
  if (medianMs === null || p99Ms === null) throw new Error(`solo profile of ${modelKey} at batch ${String(batch)}: no timed runs`);
  return {
    modelKey,
    batch,
    warmupRuns,
    samples: latenciesMs.length,
    medianMs,
    p99Ms,
    throughputPerSec: (batch * 1000) / medianMs,
    timing: SERVICE_TIMING,
  };
}
