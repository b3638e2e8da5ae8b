// The knee of throughput against batch size: where throughput stops growing, and when a solo sweep may stop.

/** One point of a solo sweep: throughput at a batch size. */
export interface BatchThroughput {
  readonly batch: number;
  readonly throughputPerSec: number;
}

/** Smallest relative throughput gain from one batch size to the next that still counts as growing (default 10%). */
export const DEFAULT_MIN_GAIN = 0.1;

/**
 * The batch size at the knee: the first point (batches ascending) from which no later point is more
 * than `minGain` above it. Null for no points. With one point, that point.
 */
export function kneeBatch(points: readonly BatchThroughput[], minGain = DEFAULT_MIN_GAIN): number | null {
  for (let i = 0; i < points.length; i++) {
    const here = points[i];
    if (here === undefined) continue;
    let grows = false;
    for (let j = i + 1; j < points.length && !grows; j++) {
      grows = (points[j]?.throughputPerSec ?? 0) > here.throughputPerSec * (1 + minGain);
    }
    if (!grows) return here.batch;
  }
  return null;
}

/**
 * Whether a sweep (batches ascending) may stop: the last `pastKnee` steps (default 2) each gained
 * less than `minGain`, so throughput has stopped growing past the knee.
 */
export function sweepSaturated(points: readonly BatchThroughput[], pastKnee = 2, minGain = DEFAULT_MIN_GAIN): boolean {
  if (points.length < pastKnee + 1) return false;
  for (let i = points.length - pastKnee; i < points.length; i++) {
    const prev = points[i - 1];
    const here = points[i];
    if (prev === undefined || here === undefined) return false;
    if (here.throughputPerSec > prev.throughputPerSec * (1 + minGain)) return false;
  }
  return true;
}
