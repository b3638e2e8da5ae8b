// Solo profiles measured while a lane was still warming up: the lane's first point measured again after the others, and all of them again when it has sped up.
import type { StoredProfilePoint } from './solo-profiler';

/**
 * The first point measured in a lane, measured again after the lane's last point, must not run this
 * share faster than when it was first measured, or the lane counts as still warming up.
 *
 * Why: a browser compiles WebAssembly in tiers (V8: a quick baseline compiler first, its optimizing
 * compiler later, for each function once it is hot, on background threads), so a fresh WASM lane runs
 * its first inferences several times slower. Measured here in headless Chromium (ResNet-18@32, WASM,
 * load average 10): medians per 10 runs fell from 287 ms to 65-103 ms over the first 120 runs, and
 * stood at 16 ms once VGG-16 had run in the same lane. The drop comes in steps with plateaus between
 * them, so a stability rule on consecutive windows can pass on a plateau: a second look later catches it.
 */
export const WARMING_SPEEDUP = 0.1;

/** Passes that measure a warming lane's points again, at most (then the last figures stand). */
export const MAX_WARMING_PASSES = 2;

/** Whether a point measured again (`againMs`, its median) ran more than {@link WARMING_SPEEDUP} faster than at first (`firstMs`). */
export function stillWarming(firstMs: number, againMs: number): boolean {
  return againMs < firstMs * (1 - WARMING_SPEEDUP);
}

/** One point measured (not recalled) in this setup: where it sits in the result and how to measure it again. */
export interface MeasuredPoint {
  /** Its index in the setup's list of points. */
  readonly index: number;
  readonly lane: number;
  readonly label: string;
}

/** What {@link recheckWarmLanes} needs: the points so far, a way to measure one again, and where to put a new figure. */
export interface RecheckPort<P extends MeasuredPoint> {
  /** Median of the point as it stands now, ms. */
  medianOf(point: P): number;
  /** Measures the point again (as it was measured at first) and returns the new figures. */
  measure(point: P): Promise<StoredProfilePoint>;
  /** Replaces the point's figures (the result list and the cache). */
  replace(point: P, figures: StoredProfilePoint): void;
  /** Says what is being done (the setup's progress line). */
  progress(label: string): void;
}

/** A lane's warm-up check: how many passes measured its points again, and its first point's medians in turn (ms). */
export interface LaneRecheck {
  readonly lane: number;
  readonly passes: number;
  readonly firstMediansMs: readonly number[];
}

/**
 * For each lane with measured points: measures its first point again; while that ran more than
 * {@link WARMING_SPEEDUP} faster, keeps its new figures and measures every other point of the lane
 * again, then checks again, at most {@link MAX_WARMING_PASSES} passes. Returns what each lane did.
 */
export async function recheckWarmLanes<P extends MeasuredPoint>(measured: readonly P[], port: RecheckPort<P>): Promise<LaneRecheck[]> {
  const byLane = new Map<number, P[]>();
  for (const point of measured) byLane.set(point.lane, [...(byLane.get(point.lane) ?? []), point]);
  const out: LaneRecheck[] = [];
  for (const [lane, points] of byLane) {
    const first = points[0] as P;
    const medians = [port.medianOf(first)];
    let passes = 0;
    for (;;) {
      port.progress(`${first.label}: measured again to check that lane ${String(lane)} has warmed up`);
      const again = await port.measure(first);
      const before = medians[medians.length - 1] as number;
      medians.push(again.medianMs);
      if (!stillWarming(before, again.medianMs)) break;
      // The faster figure is the truer one, also when no pass is left to measure the others again.
      port.replace(first, again);
      if (passes === MAX_WARMING_PASSES) break;
      passes++;
      for (const point of points.slice(1)) {
        port.progress(`${point.label}: measured again, lane ${String(lane)} was still warming up (${first.label} ran ${String(Math.round((1 - again.medianMs / before) * 100))}% faster on a second look)`);
        port.replace(point, await port.measure(point));
      }
    }
    out.push({ lane, passes, firstMediansMs: medians });
  }
  return out;
}
