// uPlot options of the live run's latency CDF: latency on a log axis with 1-2-5 ticks, the share 0-100%, a step curve per tenant, each tenant's SLO as a dashed vertical line, a hover readout.
import uPlot from 'uplot';
import { formatAxisMs } from '../format';
import { tenantColor, type ChartTheme } from './chart-theme';
import type { ChartOptions } from './uplot-host';
import { readoutPlugin } from './chart-readout';
import { axis, ratio } from './time-chart-options';

/** The share axis's ticks (fractions). */
const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Latency axis without any latency or SLO to show, ms. */
const EMPTY_RANGE_MS: [number, number] = [1, 100];
/** Relative slack for values a rounding error off a 1-2-5 number (bucket edges are 10 ** (k / 40) products). */
const SLACK = 1e-9;
const MANTISSAS = [1, 2, 5] as const;
/** Least distance between the starts of two latency labels ("200 ms" is about 40 px at 11 px), CSS px. */
const LABEL_GAP_PX = 48;

/** `mantissa` × 10^`exponent` without binary noise (0.1 * 2 is 0.2, not 0.20000000000000004). */
const value125 = (mantissa: number, exponent: number): number => Number((mantissa * 10 ** exponent).toPrecision(1));

/** 1-2-5 numbers (1, 2, 5, 10, 20, ...) within [lowMs, highMs] (> 0), ascending. */
export function ticks125(lowMs: number, highMs: number): number[] {
  const ticks: number[] = [];
  if (!(lowMs > 0) || !(highMs >= lowMs) || !Number.isFinite(highMs)) return ticks;
  for (let exponent = Math.floor(Math.log10(lowMs)) - 1; exponent <= Math.ceil(Math.log10(highMs)); exponent++) {
    for (const mantissa of MANTISSAS) {
      const tick = value125(mantissa, exponent);
      if (tick >= lowMs * (1 - SLACK) && tick <= highMs * (1 + SLACK)) ticks.push(tick);
    }
  }
  return ticks;
}

/**
 * The log latency axis's range, ms: from the 1-2-5 number at or below the lowest of `valuesMs` to the one
 * at or above the highest (a range that holds every value, ending on ticks); one step wider each way
 * for a single value; {@link EMPTY_RANGE_MS} without a positive finite value.
 */
export function logRange125(valuesMs: readonly number[]): [number, number] {
  let low = Infinity;
  let high = 0;
  for (const v of valuesMs) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (!(high > 0)) return [...EMPTY_RANGE_MS];
  const below = ticks125(low / 10, low).at(-1) ?? low;
  const above = ticks125(high, high * 10)[0] ?? high;
  if (below < above) return [below, above];
  return [ticks125(low / 10, low / 1.5).at(-1) ?? low / 2, ticks125(high * 1.5, high * 10)[0] ?? high * 2];
}

/**
 * The ticks of `splits` (1-2-5 numbers) to label on a log axis `pxPerDecade` wide a decade: every one
 * where 1 and 2 (the closest pair) stand {@link LABEL_GAP_PX} apart, else the decades (every n-th where
 * even those crowd); null for a tick left unlabelled, as uPlot's axis filters return. uPlot's own log
 * filter labels only the decades on a horizontal axis: it measures 9 to 10 as a positive distance,
 * which holds only on a vertical one.
 */
export function logLabels(splits: readonly number[], pxPerDecade: number): (number | null)[] {
  if (pxPerDecade * Math.log10(2) >= LABEL_GAP_PX) return [...splits];
  const every = Math.max(1, Math.ceil(LABEL_GAP_PX / Math.max(pxPerDecade, 1e-9)));
  return splits.map((v) => {
    const exponent = Math.round(Math.log10(v));
    return Math.abs(v - 10 ** exponent) <= v * SLACK && exponent % every === 0 ? v : null;
  });
}

/** Each tenant's SLO as a dashed vertical line in its colour, over the grid and under the curves. */
function drawSloLines(u: uPlot, sloMs: readonly number[]): void {
  const { ctx, bbox } = u;
  const r = ratio();
  ctx.save();
  ctx.lineWidth = r;
  ctx.setLineDash([4 * r, 2 * r]);
  sloMs.forEach((slo, i) => {
    if (!(slo > 0)) return;
    const x = Math.round(u.valToPos(slo, 'x', true));
    if (x < bbox.left || x > bbox.left + bbox.width) return;
    ctx.strokeStyle = tenantColor(i);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
  });
  ctx.restore();
}

/** The share of a request count as the readout writes it: "93.4%", '—' before a curve starts. */
export const formatShare = (fraction: number | null | undefined): string => (typeof fraction === 'number' ? `${(fraction * 100).toFixed(1)}%` : '—');

/**
 * The CDF chart's options (all but its size): series k + 1 is tenant k's curve, its data the share (0-1)
 * as cdf-columns.ts lays it out. Built once per run (tenants, SLOs, theme): the latency range follows
 * the data (and always holds every SLO) without a rebuild.
 */
export function cdfChartOptions(theme: ChartTheme, tenants: readonly string[], sloMs: readonly number[]): ChartOptions {
  const slos = sloMs.filter((s) => s > 0);
  return {
    padding: [8, 16, 0, 0],
    legend: { show: false },
    cursor: { y: false, drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: false, distr: 3, log: 10, range: (_u, min, max) => logRange125([min, max, ...slos]) },
      y: { range: () => [0, 1] },
    },
    axes: [
      // A tick and grid line at each 1-2-5 number; labels on those that do not crowd.
      {
        ...axis(theme, 30),
        splits: (_u, _axis, min, max) => ticks125(min, max),
        filter: (u, splits) => logLabels(splits, Math.abs(u.valToPos(10, 'x') - u.valToPos(1, 'x'))),
        values: (_u, splits) => splits.map(formatAxisMs),
      },
      { ...axis(theme, 44), splits: () => [...SHARE_TICKS], values: (_u, splits) => splits.map((v) => `${String(Math.round(v * 100))}%`) },
    ],
    series: [
      { label: 'latency' },
      ...tenants.map((tenant, i): uPlot.Series => ({
        label: tenant,
        stroke: tenantColor(i),
        width: 2,
        // A step after each point: the share reached at a bucket's upper edge holds until the next edge.
        paths: uPlot.paths.stepped?.({ align: 1 }),
        points: { show: false },
        spanGaps: false,
      })),
    ],
    hooks: { drawAxes: [(u) => drawSloLines(u, sloMs)] },
    // "≤ x ms" and each tenant's share at the cursor's point.
    plugins: [readoutPlugin(theme, { heading: (xMs) => `≤ ${formatAxisMs(xMs)}`, value: formatShare }, tenants.map((label, i) => ({ label, color: tenantColor(i) })))],
  };
}
