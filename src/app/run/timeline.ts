// The GPU timeline's bars: slices merged where they would draw closer than a pixel apart (thousands of slices, a few hundred bars).
import type { SliceEvent } from '../../engine/engine-protocol';

/** One bar: a run of back-to-back slices of one tenant on one lane. */
export interface TimelineBar {
  readonly lane: number;
  readonly tenant: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Slices merged into this bar. */
  readonly slices: number;
  /** Requests those slices served (a layer-blocked batch counts once per block). */
  readonly requests: number;
  /** The longest of the merged slices, ms. */
  readonly longestMs: number;
}

/**
 * Merges, per lane, consecutive slices of the same tenant whose gap is under `msPerPixel`: drawn at
 * that scale they would touch anyway. Bars come out sorted by lane, then start.
 */
export function timelineBars(slices: readonly SliceEvent[], msPerPixel: number): TimelineBar[] {
  const byLane = new Map<number, SliceEvent[]>();
  for (const s of slices) {
    let lane = byLane.get(s.lane);
    if (lane === undefined) byLane.set(s.lane, (lane = []));
    lane.push(s);
  }
  const bars: TimelineBar[] = [];
  for (const lane of [...byLane.keys()].sort((a, b) => a - b)) {
    const sorted = (byLane.get(lane) ?? []).sort((a, b) => a.startMs - b.startMs);
    let bar: { -readonly [K in keyof TimelineBar]: TimelineBar[K] } | null = null;
    for (const s of sorted) {
      if (bar !== null && bar.tenant === s.tenant && s.startMs - bar.endMs < msPerPixel) {
        bar.endMs = Math.max(bar.endMs, s.endMs);
        bar.slices++;
        bar.requests += s.batch;
        bar.longestMs = Math.max(bar.longestMs, s.endMs - s.startMs);
        continue;
      }
      if (bar !== null) bars.push(bar);
      bar = { lane, tenant: s.tenant, startMs: s.startMs, endMs: s.endMs, slices: 1, requests: s.batch, longestMs: s.endMs - s.startMs };
    }
    if (bar !== null) bars.push(bar);
  }
  return bars;
}
