// Solo profiles: each model alone on its lane at batch 1, 2, 4, 8 after warm-up; cached per device, backend, build and model.
import type { SoloCapacities } from '../core/arrivals';
import { nearestRank, type SoloProfiles } from '../core/metrics';
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

/** The recorder's solo profiles (median latency by batch) from the points. */
export function toSoloProfiles(points: readonly SoloProfilePoint[]): SoloProfiles {
  const out: Record<string, { batch: number; latencyMs: number }[]> = {};
  for (const p of points) (out[p.modelKey] ??= []).push({ batch: p.batch, latencyMs: p.medianMs });
  for (const list of Object.values(out)) list.sort((a, b) => a.batch - b.batch);
  return out;
}

/**
 * Solo capacity per model, req/s: 1000 / median latency at batch 1, as the simulator defines it
 * (1000 / mean service time of a batch of 1), so capacity-fraction rates mean the same in both.
 */
export function toCapacities(points: readonly SoloProfilePoint[]): SoloCapacities {
  const out: Record<string, number> = {};
  for (const p of points) if (p.batch === 1) out[p.modelKey] = 1000 / p.medianMs;
  return out;
}
