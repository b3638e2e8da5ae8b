import { memo } from 'react';
// Latency p50/p95/p99 per tenant over time, one small chart each, with the tenant's SLO drawn as a line.
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import { LATENCY_WINDOW_MS, type RunSeries, type SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme } from './chart-theme';
import { grid, timeAxis, tooltip, phaseBands, strideNote } from './chart-parts';
import { useStaggered } from './use-staggered';
import { formatAxisMs } from '../format';

const QUANTILES = [
  { key: 'p50', dash: undefined, width: 1.5 },
  { key: 'p95', dash: '6 3', width: 1.5 },
  { key: 'p99', dash: '2 2', width: 2 },
] as const;

const TenantLatencyChart = memo(function TenantLatencyChart({ series, index }: { series: RunSeries; index: number }) {
  const theme = useChartTheme();
  const sloMs = series.sloMs[index] ?? 0;
  const color = tenantColor(index);
  return (
    <div className="small-multiple" data-testid={`latency-${series.tenants[index] ?? ''}`}>
      <span className="small-multiple-title" style={{ color }}>{series.tenants[index]}</span>
      <LineChart data={series.points} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 18, right: 12, bottom: 0, left: 0 }}>
        {grid(theme)}
        {timeAxis(theme)}
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={56} tickFormatter={formatAxisMs}
          domain={[0, (max: number) => Math.ceil(Math.max(max, sloMs * 1.15))]} />
        {phaseBands(series, theme)}
        {tooltip(theme, 'ms')}
        <ReferenceLine y={sloMs} stroke={theme.reference} strokeDasharray="4 2" ifOverflow="extendDomain"
          label={{ value: `SLO ${String(sloMs)} ms`, fill: theme.reference, fontSize: 10, position: 'insideTopRight' }} />
        {QUANTILES.map((q) => (
          <Line key={q.key} name={q.key} type="monotone" dataKey={(p: SeriesPoint) => p[q.key][index]} stroke={color} strokeDasharray={q.dash}
            strokeWidth={q.width} dot={false} connectNulls={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </div>
  );
});

/** One tenant's small chart, refreshed in its own task (blank until its first turn). */
function TenantLatency({ series, index }: { series: RunSeries; index: number }) {
  const shown = useStaggered(series, `latency-${series.tenants[index] ?? String(index)}`);
  return shown === null ? <div className="small-multiple" /> : <TenantLatencyChart series={shown} index={index} />;
}

export function LatencyCharts({ series }: { series: RunSeries }) {
  const theme = useChartTheme();
  const legend = [
    { label: 'p50 (solid)', color: theme.axis },
    { label: 'p95 (dashed)', color: theme.axis },
    { label: 'p99 (dotted)', color: theme.axis },
    { label: 'SLO', color: theme.reference },
  ];
  const columns = Math.min(3, series.tenants.length);
  const rows = Math.ceil(series.tenants.length / columns);
  return (
    <ChartFrame title="Latency over time" testId="chart-latency" height={rows * 170} points={series.points.length} legend={legend}
      placeholder="Waiting for the first completed requests…"
      caption={`Per tenant: nearest-rank p50, p95 and p99 (within 1%: log buckets, so a long window costs no more to draw) of the latencies (from each request's scheduled arrival to its completion, wall clock) of the requests completed in the trailing ${String(LATENCY_WINDOW_MS / 1000)} s; the tooltip gives the values, the summary table below the validated whole-run percentiles (a window rarely holds LoadGen's 662 samples for p99). Warm-up and the drain after the last arrival shaded.${strideNote(series)}`}>
      <div className="small-multiples" style={{ gridTemplateColumns: `repeat(${String(columns)}, minmax(0, 1fr))` }}>
        {series.tenants.map((id, i) => <TenantLatency key={id} series={series} index={i} />)}
      </div>
    </ChartFrame>
  );
}
