// Latency p50/p95/p99 per tenant over time, one small chart each, with the tenant's SLO drawn as a line.
import { memo, useMemo } from 'react';
import { LATENCY_WINDOW_MS, type RunSeries, type SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme, type ChartTheme } from './chart-theme';
import { strideNote } from './chart-parts';
import type { RunPhases } from './phase-bands';
import { timeChartOptions } from './time-chart-options';
import { timeColumns } from './time-columns';
import { UPlotChart } from './UPlotChart';
import { useStaggered } from './use-staggered';
import { formatAxisMs } from '../format';

const QUANTILES = [
  { key: 'p50', dashPx: undefined, widthPx: 1.5 },
  { key: 'p95', dashPx: [6, 3], widthPx: 1.5 },
  { key: 'p99', dashPx: [2, 2], widthPx: 2 },
] as const;

function latencyOptions(theme: ChartTheme, color: string, sloMs: number, phases: RunPhases) {
  return timeChartOptions({
    theme, phases, unit: 'ms', topPx: 18,
    lines: QUANTILES.map((q) => ({ label: q.key, color, widthPx: q.widthPx, dashPx: q.dashPx })),
    // Up to the SLO and a little above, so that its line and label always show.
    y: { widthPx: 56, format: formatAxisMs, range: (max) => [0, Math.max(1, Math.ceil(Math.max(max, sloMs * 1.15)))] },
    references: [{ y: sloMs, color: theme.reference, dashPx: [4, 2], label: `SLO ${String(sloMs)} ms` }],
  });
}

const TenantLatencyChart = memo(function TenantLatencyChart({ series, index }: { series: RunSeries; index: number }) {
  const theme = useChartTheme();
  const { warmupS, arrivalsEndS, points } = series;
  const sloMs = series.sloMs[index] ?? 0;
  const color = tenantColor(index);
  const tenant = series.tenants[index] ?? '';
  const options = useMemo(() => latencyOptions(theme, color, sloMs, { warmupS, arrivalsEndS }), [theme, color, sloMs, warmupS, arrivalsEndS]);
  const data = useMemo(() => timeColumns(points, QUANTILES.map((q) => (p: SeriesPoint) => p[q.key][index])), [points, index]);
  return (
    <div className="small-multiple" data-testid={`latency-${tenant}`}>
      <span className="small-multiple-title" style={{ color }}>{tenant}</span>
      <UPlotChart options={options} data={data} label={`Latency p50, p95 and p99 of ${tenant} over time`} />
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
