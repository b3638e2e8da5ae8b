// Geometry of a grouped bar chart on a log scale (the interference chart): 1-2-5 ticks, value to pixel, bar places per group.

/** Lowest value of the log axis: a bar of 1× (solo) stands clear of the floor. */
export const LOG_FLOOR = 0.5;

/** Log-scale ticks: 1-2-5 steps from {@link LOG_FLOOR} up to the first past `max` (max >= 1: the chart always shows 1×). */
export function logTicks(max: number): number[] {
  const ticks: number[] = [];
  for (let decade = 0.1; decade <= Math.max(max, 1) * 10; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const tick = Number((decade * step).toPrecision(1));
      if (tick >= LOG_FLOOR) ticks.push(tick);
      if (tick > max) return ticks;
    }
  }
  return ticks;
}

/**
 * Pixel y of `value` on a log axis from `low` (at `bottomPx`) to `high` (at `topPx`); values outside the
 * axis are held at its ends (a bar never leaves the plot).
 */
export function logY(value: number, low: number, high: number, bottomPx: number, topPx: number): number {
  const clamped = Math.min(Math.max(value, low), high);
  const share = Math.log(clamped / low) / Math.log(high / low);
  return bottomPx + share * (topPx - bottomPx);
}

/** A bar's left edge and width, px. */
export interface BarSlot {
  readonly x: number;
  readonly width: number;
}

/**
 * Places `bars` bars side by side in each of `groups` equal bands across [leftPx, leftPx + widthPx]:
 * a tenth of each band free on either side, `gapPx` between bars. Returns [group][bar].
 */
export function groupedBars(groups: number, bars: number, leftPx: number, widthPx: number, gapPx = 4): BarSlot[][] {
  if (groups <= 0 || bars <= 0) return [];
  const band = widthPx / groups;
  const inner = band * 0.8;
  const width = Math.max(1, (inner - gapPx * (bars - 1)) / bars);
  return Array.from({ length: groups }, (_, g) => {
    const start = leftPx + g * band + (band - (width * bars + gapPx * (bars - 1))) / 2;
    return Array.from({ length: bars }, (_, b) => ({ x: start + b * (width + gapPx), width }));
  });
}
