// Pieces every time-series chart of a run shares: the time axis, the warm-up band, the grid, the tooltip.
import { CartesianGrid, ReferenceArea, Tooltip, XAxis } from 'recharts';
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

/** The x axis: seconds since the run's first arrival. */
export function timeAxis(theme: ChartTheme) {
  return (
    <XAxis dataKey="tS" type="number" domain={[0, 'dataMax']} tickFormatter={formatSeconds} stroke={theme.axis}
      tick={{ fill: theme.axis, fontSize: 11 }} tickCount={6} allowDecimals={false} />
  );
}

/** The warm-up period (requests arriving then are not measured) and the drain after the last arrival, as shaded bands. */
export function phaseBands(series: RunSeries, theme: ChartTheme) {
  // The drain band is often narrow at the right edge: its label is anchored at the band's right end so it reads leftwards, whole.
  const label = (value: string, position: 'insideTopLeft' | 'insideTopRight') => ({ value, fill: theme.axis, fontSize: 10, position });
  return (
    <>
      {series.warmupS > 0 && (
        <ReferenceArea x1={0} x2={series.warmupS} fill={theme.shade} fillOpacity={0.12} stroke="none" ifOverflow="hidden" label={label('warm-up', 'insideTopLeft')} />
      )}
      {(series.points.at(-1)?.tS ?? 0) > series.arrivalsEndS && (
        <ReferenceArea x1={series.arrivalsEndS} fill={theme.shade} fillOpacity={0.07} stroke="none" ifOverflow="hidden" label={label('draining', 'insideTopRight')} />
      )}
    </>
  );
}

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
