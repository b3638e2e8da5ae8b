// Throughput per tenant (stacked, req/s) with the total on top, and whole inferences per second (batched runs).
import { memo } from 'react';
import { Area, ComposedChart, Line, YAxis } from 'recharts';
import { THROUGHPUT_WINDOW_MS, type RunSeries, type SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme } from './chart-theme';
import { grid, timeAxis, tooltip, phaseBands, strideNote } from './chart-parts';

const RUNS_COLOR = '#7f7f7f';

export const ThroughputChart = memo(function ThroughputChart({ series }: { series: RunSeries }) {
  const theme = useChartTheme();
  const legend = [...series.tenants.map((id, i) => ({ label: `${id} (req/s)`, color: tenantColor(i) })), { label: 'inferences/s (batched runs)', color: RUNS_COLOR }];
  return (
    <ChartFrame title="Throughput" testId="chart-throughput" height={220} points={series.points.length} legend={legend}
      placeholder="Waiting for the first completed requests…"
      caption={`Completed requests per second per tenant, stacked (the top edge is the total), and whole inferences (session.run calls of a batch) per second, each over a trailing ${String(THROUGHPUT_WINDOW_MS / 1000)} s window of the engine's per-request events; wall clock, warm-up and drain shaded.${strideNote(series)}`}>
      <ComposedChart data={series.points} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        {grid(theme)}
        {timeAxis(theme)}
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={48} unit="/s" />
        {phaseBands(series, theme)}
        {tooltip(theme, '/s')}
        {series.tenants.map((id, i) => (
          <Area key={id} name={id} type="monotone" stackId="tenants" dataKey={(p: SeriesPoint) => p.perSec[i]} stroke={tenantColor(i)}
            fill={tenantColor(i)} fillOpacity={0.35} isAnimationActive={false} />
        ))}
        <Line name="inferences/s" type="monotone" dataKey="runsPerSec" stroke={RUNS_COLOR} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
});
