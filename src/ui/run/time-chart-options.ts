// uPlot options of a run's time-series chart: seconds since the first arrival on x from 0, the theme's axes and dashed grid, the warm-up and drain bands, reference lines, the hover readout.
import uPlot from 'uplot';
import type { ChartTheme } from './chart-theme';
import { formatSeconds } from './chart-parts';
import { readoutPlugin, timeReadout, type ReadoutValue } from './chart-readout';
import { phaseBands, type RunPhases } from './phase-bands';
import type { ChartOptions } from './uplot-host';

/** One drawn series. */
export interface TimeLine {
  readonly label: string;
  readonly color: string;
  /** Stroke width, CSS px (default 1.5). */
  readonly widthPx?: number;
  /** Dash and gap lengths, CSS px (default: solid). */
  readonly dashPx?: readonly number[];
  /** Area fill colour; for a stacked line, filled down to the line before it (see {@link TimeChartSpec.stacked}). */
  readonly fill?: string;
  /** A step after each point (a level held until the next snapshot) rather than straight segments. */
  readonly step?: boolean;
}

/** A horizontal line across the plot at `y` (a target such as an SLO), labelled at its right end. */
export interface ReferenceY {
  readonly y: number;
  readonly color: string;
  readonly dashPx?: readonly number[];
  readonly label?: string;
}

/** The y axis. */
export interface TimeYAxis {
  /** Width of the axis with its tick labels, CSS px. */
  readonly widthPx: number;
  readonly format: (value: number) => string;
  /** The scale's [min, max] from the largest value drawn (0 when there is none). */
  readonly range: (dataMax: number) => [number, number];
  /** Fixed tick values (default: uPlot's, at steps of `steps`). */
  readonly ticks?: readonly number[];
  /** Allowed tick steps (default uPlot's 1-2-5 steps, fractions included). */
  readonly steps?: readonly number[];
}

export interface TimeChartSpec {
  readonly theme: ChartTheme;
  readonly phases: RunPhases;
  readonly lines: readonly TimeLine[];
  readonly y: TimeYAxis;
  /** Unit after each value in the readout. */
  readonly unit: string;
  /** The first `stacked` lines are stacked areas: their data are running sums, each filled down to the line before it (default 0). */
  readonly stacked?: number;
  readonly references?: readonly ReferenceY[];
  /** Space above the plot, CSS px (default 8). */
  readonly topPx?: number;
  /** What the readout shows per line (default: the drawn value). */
  readonly readoutValue?: ReadoutValue;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Whole seconds: the time axis never ticks at fractions of a second. */
const SECOND_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200];
/** Whole numbers (counts). */
export const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

/** uPlot draws dashes and text in canvas pixels; its pixel ratio is unset outside a browser. */
/** Canvas pixels per CSS pixel (uPlot draws at the device's ratio). */
export const ratio = (): number => (Number.isFinite(uPlot.pxRatio) && uPlot.pxRatio > 0 ? uPlot.pxRatio : 1);
const canvasPx = (lengths: readonly number[] | undefined): number[] | undefined => lengths?.map((n) => n * ratio());

/**
 * The smallest "round" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above
 * `max`: the top of an axis from 0. 1 for nothing above 0.
 */
export function niceCeil(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const decade = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    // Rounded so that 0.1 * 3 is 0.3, not 0.30000000000000004.
    const candidate = Number((m * decade).toPrecision(6));
    if (candidate >= max) return candidate;
  }
  return 10 * decade;
}

/** An axis in the theme's colours: 11 px labels, a dashed grid, ticks and its border line; `sizePx` deep. */
export function axis(theme: ChartTheme, sizePx: number): uPlot.Axis {
  return {
    stroke: theme.axis,
    font: `11px ${FONT}`,
    size: sizePx,
    gap: 3,
    grid: { stroke: theme.grid, width: 1, dash: canvasPx([3, 3]) },
    ticks: { stroke: theme.axis, width: 1, size: 6 },
    border: { show: true, stroke: theme.axis, width: 1 },
  };
}

/** The phase bands' shades, under the grid and the lines. */
function drawPhaseShades(u: uPlot, phases: RunPhases, theme: ChartTheme): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.fillStyle = theme.shade;
  for (const band of phaseBands(phases, u.data[0].at(-1) ?? 0)) {
    const x0 = u.valToPos(band.fromS, 'x', true);
    const x1 = u.valToPos(band.toS, 'x', true);
    ctx.globalAlpha = band.opacity;
    ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
  }
  ctx.restore();
}

/** The phase bands' labels and the reference lines, over the lines. */
function drawOverlays(u: uPlot, phases: RunPhases, references: readonly ReferenceY[], theme: ChartTheme): void {
  const { ctx, bbox } = u;
  const r = ratio();
  ctx.save();
  ctx.font = `${String(10 * r)}px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.axis;
  for (const band of phaseBands(phases, u.data[0].at(-1) ?? 0)) {
    const left = band.labelAt === 'left';
    ctx.textAlign = left ? 'left' : 'right';
    ctx.fillText(band.label, u.valToPos(left ? band.fromS : band.toS, 'x', true) + (left ? 4 : -4) * r, bbox.top + 4 * r);
  }
  ctx.textAlign = 'right';
  for (const ref of references) {
    const y = Math.round(u.valToPos(ref.y, 'y', true));
    if (y < bbox.top || y > bbox.top + bbox.height) continue;
    ctx.strokeStyle = ref.color;
    ctx.lineWidth = r;
    ctx.setLineDash(canvasPx(ref.dashPx) ?? []);
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
    if (ref.label !== undefined) {
      // Above the line, or below it where the line runs along the top (the phase labels' place).
      const above = y - bbox.top > 18 * r;
      ctx.textBaseline = above ? 'bottom' : 'top';
      ctx.fillStyle = ref.color;
      ctx.fillText(ref.label, bbox.left + bbox.width - 4 * r, y + (above ? -2 : 2) * r);
    }
  }
  ctx.restore();
}

function series(line: TimeLine): uPlot.Series {
  return {
    label: line.label,
    stroke: line.color,
    width: line.widthPx ?? 1.5,
    dash: canvasPx(line.dashPx),
    fill: line.fill,
    paths: line.step ? uPlot.paths.stepped?.({ align: 1 }) : undefined,
    points: { show: false },
    spanGaps: false,
  };
}

/** The options of one time-series chart (all but its size, which the chart's box gives). */
export function timeChartOptions(spec: TimeChartSpec): ChartOptions {
  const { theme, phases, y } = spec;
  const stacked = spec.stacked ?? 0;
  const references = spec.references ?? [];
  const bands: uPlot.Band[] = [];
  // Line k is series k + 1 (series 0 is x): each stacked area above the first is filled down to the one below it.
  for (let k = 1; k < stacked; k++) bands.push({ series: [k + 1, k] });
  const yTicks = y.ticks;
  return {
    padding: [spec.topPx ?? 8, 12, 0, 0],
    legend: { show: false },
    cursor: { y: false, drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: false, range: (_u, _min, max) => [0, Number.isFinite(max) && max > 0 ? max : 1] },
      y: { range: (_u, _min, max) => y.range(Number.isFinite(max) ? max : 0) },
    },
    axes: [
      { ...axis(theme, 30), incrs: SECOND_STEPS, space: 60, values: (_u, splits) => splits.map(formatSeconds) },
      {
        ...axis(theme, y.widthPx),
        values: (_u, splits) => splits.map(y.format),
        ...(yTicks === undefined ? {} : { splits: () => [...yTicks] }),
        ...(y.steps === undefined ? {} : { incrs: [...y.steps] }),
      },
    ],
    series: [{ label: 't' }, ...spec.lines.map(series)],
    bands,
    hooks: {
      drawClear: [(u) => drawPhaseShades(u, phases, theme)],
      draw: [(u) => drawOverlays(u, phases, references, theme)],
    },
    plugins: [readoutPlugin(theme, timeReadout(spec.unit), spec.lines, spec.readoutValue)],
  };
}
