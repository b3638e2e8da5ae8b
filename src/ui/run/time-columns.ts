// A run's chart points as uPlot's column data: the time column, one column per drawn line (gaps kept as null), and stacked sums.

/** One line's value at a point; null or undefined is a gap (nothing measured in that window). */
export type PointValue<P> = (point: P) => number | null | undefined;

/** One y value per point; null is a gap that the line does not bridge. */
export type Column = (number | null)[];

/** uPlot's aligned data: the x column, then one y column per series. */
export type TimeColumns = [number[], ...Column[]];

/** The x column (seconds, `tS`) and one column per `values`, each as long as `points`; a missing or non-finite value becomes null. */
export function timeColumns<P extends { readonly tS: number }>(points: readonly P[], values: readonly PointValue<P>[]): TimeColumns {
  const xs = points.map((p) => p.tS);
  const columns = values.map((valueOf) => points.map((p): number | null => {
    const value = valueOf(p);
    return value === null || value === undefined || !Number.isFinite(value) ? null : value;
  }));
  return [xs, ...columns];
}

/**
 * Running sums of `columns` (the first, the first two, ...): the top edges of stacked areas. A gap adds
 * nothing to the sums above it and stays a gap in its own column.
 */
export function stackColumns(columns: readonly Column[]): Column[] {
  const sums: number[] = [];
  return columns.map((column) => column.map((value, i) => {
    const sum = (sums[i] ?? 0) + (value ?? 0);
    sums[i] = sum;
    return value === null ? null : sum;
  }));
}

/**
 * Line `k`'s own value at `idx` from stacked `columns` (running sums, as {@link stackColumns} makes them):
 * its sum less the nearest sum below it that is not a gap; null where line `k` has a gap.
 */
export function stackedValue(columns: readonly ArrayLike<number | null | undefined>[], k: number, idx: number): number | null {
  const sum = columns[k]?.[idx];
  if (sum === null || sum === undefined) return null;
  for (let j = k - 1; j >= 0; j--) {
    const below = columns[j]?.[idx];
    if (below !== null && below !== undefined) return sum - below;
  }
  return sum;
}
