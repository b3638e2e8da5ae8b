// Queue depth per tenant over time: requests waiting for a lane at each engine snapshot.
import { memo } from 'react';
import { Line, LineChart, YAxis } from 'recharts';
import type { RunSeries, SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme } from './chart-theme';
import { grid, timeAxis, tooltip, phaseBands, strideNote } from './chart-parts';

export const QueueChart = memo(function QueueChart({ series }: { series: RunSeries }) {
  const theme = useChartTheme();
  const legend = series.tenants.map((id, i) => ({ label: id, color: tenantColor(i) }));
  return (
    <ChartFrame title="Queue depth" testId="chart-queue" height={220} points={series.points.length} legend={legend}
      placeholder="Waiting for the run to start…"
      caption={`Per tenant: requests waiting for a lane (not yet dispatched) at each engine snapshot (5 per second), from the engine's ledger; a queue at its limit drops arrivals. Warm-up and the drain after the last arrival shaded.${strideNote(series)}`}>
      <LineChart data={series.points} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        {grid(theme)}
        {timeAxis(theme)}
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={48} allowDecimals={false} />
        {phaseBands(series, theme)}
        {tooltip(theme, 'waiting')}
        {series.tenants.map((id, i) => (
          <Line key={id} name={id} type="stepAfter" dataKey={(p: SeriesPoint) => p.queued[i]} stroke={tenantColor(i)} strokeWidth={2}
            dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});
