// Pieces the run's charts share: the stride note, number formats, and the recharts grid and tooltip (of the charts still on recharts: Compare and the analysis).
import { CartesianGrid, Tooltip } from 'recharts';
import { MAX_CHART_POINTS, type RunSeries } from '../../app/run/run-series';
import type { ChartTheme } from './chart-theme';

/** What the charts leave out of a long run ('' while they draw every snapshot). */
export function strideNote(series: Pick<RunSeries, 'pointStride'>): string {
  return series.pointStride > 1 ? ` Past ${String(MAX_CHART_POINTS)} snapshots the chart draws every ${String(series.pointStride)}th one and the last.` : '';
}

/** Seconds on the time axis: "12 s". */
export const formatSeconds = (s: number): string => `${s.toFixed(s < 10 && s % 1 !== 0 ? 1 : 0)} s`;

/** A tooltip value: 1 decimal, or '—' for a missing one. */
export const formatValue = (value: unknown): string => (typeof value === 'number' ? value.toFixed(1) : '—');

export function grid(theme: ChartTheme) {
  return <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />;
}

/** A tooltip labelled with the instant, values to 1 decimal. */
export function tooltip(theme: ChartTheme, unit: string) {
  return (
    <Tooltip isAnimationActive={false} labelFormatter={(t) => (typeof t === 'number' ? `t = ${t.toFixed(1)} s` : '')}
      formatter={(value) => `${formatValue(value)} ${unit}`}
      contentStyle={{ background: theme.background, borderColor: theme.grid, color: theme.text, fontSize: 12 }} />
  );
}
