// Solo latency profiles (one model alone on the device, by batch size), for slowdown.
import type { Ms } from '../units';
import { ms } from '../units';

/** A solo measurement: a batch of `batch` requests took `latencyMs` (median) with nothing else running. */
export interface SoloPoint {
  readonly batch: number;
  readonly latencyMs: number;
}

/** Solo latency curves keyed by `modelKey(model, resolution)`, e.g. `resnet18@224`. Plain data. */
export type SoloProfiles = Readonly<Record<string, readonly SoloPoint[]>>;

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
