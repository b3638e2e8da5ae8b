// SLO satisfaction per tenant over time (windowed), in per cent.
import { memo } from 'react';
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import { LATENCY_WINDOW_MS, type RunSeries, type SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme } from './chart-theme';
import { grid, timeAxis, tooltip, phaseBands, strideNote } from './chart-parts';

/** Ticks of the SLO axis, per cent (the domain reaches below 0: see below). */
const SLO_TICKS = [0, 25, 50, 75, 100];

export const SloChart = memo(function SloChart({ series }: { series: RunSeries }) {
  const theme = useChartTheme();
  const latest = series.points.at(-1);
  const legend = series.tenants.map((id, i) => {
    const now = latest?.slo[i];
    return { label: `${id} (SLO ${String(series.sloMs[i])} ms)${now === null || now === undefined ? '' : `: ${(now * 100).toFixed(0)}% now`}`, color: tenantColor(i) };
  });
  return (
    <ChartFrame title="SLO satisfaction" testId="chart-slo" height={220} points={series.points.length} legend={legend}
      placeholder="Waiting for the first completed requests…"
      caption={`Per tenant: requests completed within their SLO (latency from the scheduled arrival) as a share of the requests completed or dropped in the trailing ${String(LATENCY_WINDOW_MS / 1000)} s; drops from the engine's ledger. Warm-up and the drain after the last arrival shaded; the summary table gives the measured-period rate.${strideNote(series)}`}>
      <LineChart data={series.points} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        {grid(theme)}
        {timeAxis(theme)}
        {/* The domain starts below 0 so that a tenant at 0% draws a line above the axis, not on it. */}
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={48} unit="%" domain={[-6, 100]} ticks={SLO_TICKS} allowDataOverflow />
        <ReferenceLine y={0} stroke={theme.grid} />
        {phaseBands(series, theme)}
        {tooltip(theme, '%')}
        {series.tenants.map((id, i) => (
          <Line key={id} name={id} type="monotone" dataKey={(p: SeriesPoint) => { const v = p.slo[i]; return v === null || v === undefined ? null : v * 100; }}
            stroke={tenantColor(i)} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});
