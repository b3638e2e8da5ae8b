// Solo profiles: each model alone on its lane at the batches its tenants use, after warm-up; cached per device, backend, build, model and batch.
import { nearestRank } from '../core/metrics';
import type { PreparedInfo } from '../runtime/lane-protocol';
import { SERVICE_TIMING, type SoloProfilePoint } from './engine-protocol';

/** A profile point as a cache keeps it. */
export type StoredProfilePoint = Omit<SoloProfilePoint, 'cached' | 'measuredAtEpochMs'> & { readonly measuredAtEpochMs: number };

/**
 * Solo profiles by {@link profileCacheKey}: a Map for one session (tests), or IndexedDB-backed across
 * reloads (profile-store.ts). `ready` resolves once stored points are loaded.
 */
export interface ProfileCache {
  readonly ready?: Promise<void>;
  get(key: string): StoredProfilePoint | undefined;
  set(key: string, point: StoredProfilePoint): void;
}

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

/** A profile point from timed runs (wall clock, ms), measured at `measuredAtEpochMs`. */
export function profilePoint(modelKey: string, batch: number, warmupRuns: number, latenciesMs: readonly number[], measuredAtEpochMs: number): StoredProfilePoint {
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
    measuredAtEpochMs,
  };
}
