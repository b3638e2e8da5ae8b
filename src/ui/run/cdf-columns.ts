// Per-tenant latency CDFs as uPlot's aligned columns: one x column (every curve's points, merged) and a y column per curve held as a step between its own points.
import type { CdfCurve } from '../../app/run/latency-cdf';
import type { Column } from './time-columns';

/**
 * The sorted union of the curves' latencies (ms, strictly ascending) and one column per curve: its
 * fraction at each of its own points, carried forward (a CDF is a step) to the points of the other
 * curves up to its next own point and past its last one; null before its first point and throughout
 * a curve without points. Each curve's points must be in ascending latency (as {@link CdfCurve} says).
 * Cost: O(P log P) for P points in all (at most a few hundred per tenant).
 */
export function cdfColumns(curves: readonly CdfCurve[]): [number[], ...Column[]] {
  const all: number[] = [];
  for (const curve of curves) for (const point of curve.points) all.push(point.latencyMs);
  all.sort((a, b) => a - b);
  const xs: number[] = [];
  for (const x of all) if (xs.length === 0 || x !== xs[xs.length - 1]) xs.push(x);
  const columns = curves.map((curve) => {
    const column: Column = new Array<number | null>(xs.length);
    let next = 0;
    let held: number | null = null;
    for (let i = 0; i < xs.length; i++) {
      const point = curve.points[next];
      if (point !== undefined && point.latencyMs === xs[i]) {
        held = point.fraction;
        next++;
      }
      column[i] = held;
    }
    return column;
  });
  return [xs, ...columns];
}
