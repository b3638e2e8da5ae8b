// The frame of the run's hand-drawn bar charts (interference, queue vs service): the plot's layout, grid lines with tick labels, both axes, a label under each group.
import type { ReactNode } from 'react';
import type { ChartTheme } from './chart-theme';

/** Body height and the plot's margins, px (the y axis's width is the chart's own: its labels differ). */
export const BAR_CHART_HEIGHT = 220;
const RIGHT = 12;
const AXIS_H = 26;
const FONT = 11;

/** Where the plot of a bar chart `width` px wide with a y axis `axisW` wide lies: its left, width and bottom, px. */
export function barPlot(width: number, axisW: number): { readonly left: number; readonly width: number; readonly bottom: number } {
  return { left: axisW, width: Math.max(1, width - axisW - RIGHT), bottom: BAR_CHART_HEIGHT - AXIS_H };
}

export interface BarFrameProps {
  readonly theme: ChartTheme;
  readonly width: number;
  readonly label: string;
  readonly plot: ReturnType<typeof barPlot>;
  readonly top: number;
  /** Tick values, their pixel y and label. */
  readonly ticks: readonly number[];
  readonly y: (value: number) => number;
  readonly tickLabel: (value: number) => string;
  /** One label per group, under its band, by key. */
  readonly groups: readonly { readonly key: string; readonly label: string }[];
  /** The bars and anything drawn over them. */
  readonly children: ReactNode;
}

/** The SVG of a bar chart: grid and tick labels, axes, group labels, then `children`. */
export function BarFrame({ theme, width, label, plot, top, ticks, y, tickLabel, groups, children }: BarFrameProps) {
  const right = plot.left + plot.width;
  return (
    <svg width={width} height={BAR_CHART_HEIGHT} role="img" aria-label={label} fontSize={FONT}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={plot.left} x2={right} y1={y(tick)} y2={y(tick)} stroke={theme.grid} strokeDasharray="3 3" />
          <text x={plot.left - 8} y={y(tick)} dy="0.35em" textAnchor="end" fill={theme.axis}>{tickLabel(tick)}</text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.left} y1={top} y2={plot.bottom} stroke={theme.axis} />
      <line x1={plot.left} x2={right} y1={plot.bottom} y2={plot.bottom} stroke={theme.axis} />
      {groups.map((g, i) => (
        <text key={g.key} x={plot.left + (i + 0.5) * (plot.width / groups.length)} y={plot.bottom + 16} textAnchor="middle" fill={theme.axis}>{g.label}</text>
      ))}
      {children}
    </svg>
  );
}
