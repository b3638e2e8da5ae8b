// Solo latency profiles (one model alone on the device, by batch size), for slowdown.
import type { SoloCapacities } from '../arrivals/rates';
import type { Ms } from '../units';
import { ms } from '../units';

/** A solo measurement: a batch of `batch` requests took `latencyMs` (median) with nothing else running. */
export interface SoloPoint {
  readonly batch: number;
  readonly latencyMs: number;
}

/** Solo latency curves keyed by `modelKey(model, resolution)`, e.g. `resnet18@224`. Plain data; read it with {@link soloPointsOf}. */
export type SoloProfiles = Readonly<Record<string, readonly SoloPoint[]>>;

/** A measured solo point as engine and run files carry it (median latency of a batch, ms). */
export interface SoloMeasurement {
  readonly modelKey: string;
  readonly batch: number;
  readonly medianMs: number;
}

/**
 * The solo profiles of measured points, each curve sorted by batch. The record has no prototype: a model
 * key is the user's (`custom:<name>`), and `constructor` or `__proto__` must stay plain keys.
 */
export function soloProfilesOf(points: readonly SoloMeasurement[]): SoloProfiles {
  const byKey = new Map<string, SoloPoint[]>();
  for (const p of points) {
    let list = byKey.get(p.modelKey);
    if (list === undefined) byKey.set(p.modelKey, (list = []));
    list.push({ batch: p.batch, latencyMs: p.medianMs });
  }
  const out = Object.create(null) as Record<string, readonly SoloPoint[]>;
  for (const [key, list] of byKey) out[key] = list.sort((a, b) => a.batch - b.batch);
  return out;
}

/** The curve of `key`, or undefined; only own keys count (a plain object's `constructor` is not a curve). */
export function soloPointsOf(profiles: SoloProfiles | undefined, key: string): readonly SoloPoint[] | undefined {
  return profiles !== undefined && Object.hasOwn(profiles, key) ? profiles[key] : undefined;
}

/**
 * Solo latency at `batch` from a profile: exact point, or linear interpolation between the
 * neighbouring batch sizes. Undefined outside the measured range (never extrapolated).
 */
export function soloLatencyAt(points: readonly SoloPoint[], batch: number): Ms | undefined {
  const sorted = [...points].sort((a, b) => a.batch - b.batch);
  for (let i = 0; i < sorted.length; i++) {
    const hi = sorted[i];
    if (hi === undefined || hi.batch < batch) continue;
    if (hi.batch === batch) return ms(hi.latencyMs);
    const lo = sorted[i - 1];
    if (lo === undefined) return undefined;
    return ms(lo.latencyMs + ((hi.latencyMs - lo.latencyMs) * (batch - lo.batch)) / (hi.batch - lo.batch));
  }
  return undefined;
}

/**
 * A service-time estimate at any batch >= 1 from a profile: {@link soloLatencyAt} inside the measured
 * range; past the largest measured batch, the last segment's slope carries on (with one point, latency
 * grows in proportion to the batch), as the simulator's profile model does. Undefined without points.
 */
export function soloLatencyEstimate(points: readonly SoloPoint[], batch: number): Ms | undefined {
  const inside = soloLatencyAt(points, batch);
  if (inside !== undefined) return inside;
  const sorted = [...points].sort((a, b) => a.batch - b.batch);
  const last = sorted[sorted.length - 1];
  if (last === undefined || batch < last.batch) return undefined;
  const previous = sorted[sorted.length - 2];
  const slope = previous === undefined ? last.latencyMs / last.batch : (last.latencyMs - previous.latencyMs) / (last.batch - previous.batch);
  return ms(last.latencyMs + Math.max(0, slope) * (batch - last.batch));
}

/** A measured solo point as the engine reports it: a model key, a batch and the median latency, ms. */
export interface MeasuredSoloPoint {
  readonly modelKey: string;
  readonly batch: number;
  readonly medianMs: number;
}

/** The recorder's solo profiles (median latency by batch, ascending) from measured points. */
export function toSoloProfiles(points: readonly MeasuredSoloPoint[]): SoloProfiles {
  const out = new Map<string, SoloPoint[]>();
  for (const p of points) {
    const list = out.get(p.modelKey) ?? [];
    list.push({ batch: p.batch, latencyMs: p.medianMs });
    out.set(p.modelKey, list);
  }
  const profiles: Record<string, readonly SoloPoint[]> = Object.create(null) as Record<string, readonly SoloPoint[]>;
  for (const [key, list] of out) profiles[key] = list.sort((a, b) => a.batch - b.batch);
  return profiles;
}

/**
 * Solo capacity per model, req/s: 1000 / median latency at batch 1, as the simulator defines it
 * (1000 / mean service time of a batch of 1), so capacity-fraction rates mean the same in both.
 */
export function toCapacities(points: readonly MeasuredSoloPoint[]): SoloCapacities {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const p of points) if (p.batch === 1) out[p.modelKey] = 1000 / p.medianMs;
  return out;
}
