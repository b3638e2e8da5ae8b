// Throughput per tenant (stacked, req/s) with the total on top, and whole inferences per second (batched runs).
import { memo, useMemo } from 'react';
import { THROUGHPUT_WINDOW_MS, type RunSeries, type SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme, withOpacity, type ChartTheme } from './chart-theme';
import { strideNote } from './chart-parts';
import { drawnValue, type ReadoutValue } from './chart-readout';
import { niceCeil, timeChartOptions } from './time-chart-options';
import { stackColumns, stackedValue, timeColumns, type TimeColumns } from './time-columns';
import type { RunPhases } from './phase-bands';
import { UPlotChart } from './UPlotChart';

const RUNS_COLOR = '#7f7f7f';

function throughputOptions(theme: ChartTheme, tenants: readonly string[], phases: RunPhases) {
  // The tenants' areas hold running sums: the readout gives each tenant's own rate.
  const readoutValue: ReadoutValue = (u, seriesIdx, idx) => (seriesIdx <= tenants.length ? stackedValue(u.data.slice(1), seriesIdx - 1, idx) : drawnValue(u, seriesIdx, idx));
  return timeChartOptions({
    theme, phases, unit: '/s', stacked: tenants.length, readoutValue,
    lines: [
      ...tenants.map((id, i) => ({ label: id, color: tenantColor(i), widthPx: 1, fill: withOpacity(tenantColor(i), 0.35) })),
      { label: 'inferences', color: RUNS_COLOR, dashPx: [5, 3] },
    ],
    y: { widthPx: 48, format: (v) => `${String(v)}/s`, range: (max) => [0, niceCeil(max)] },
  });
}

/** Time, the tenants' running sums (the stacked areas' top edges), inferences per second. */
function throughputData(points: readonly SeriesPoint[], tenants: number): TimeColumns {
  const perTenant = Array.from({ length: tenants }, (_, i) => (p: SeriesPoint) => p.perSec[i]);
  const [xs, ...columns] = timeColumns(points, [...perTenant, (p) => p.runsPerSec]);
  const runs = columns.pop() ?? [];
  return [xs, ...stackColumns(columns), runs];
}

export const ThroughputChart = memo(function ThroughputChart({ series }: { series: RunSeries }) {
  const theme = useChartTheme();
  const { tenants, warmupS, arrivalsEndS, points } = series;
  const options = useMemo(() => throughputOptions(theme, tenants, { warmupS, arrivalsEndS }), [theme, tenants, warmupS, arrivalsEndS]);
  const data = useMemo(() => throughputData(points, tenants.length), [points, tenants.length]);
  const legend = [...tenants.map((id, i) => ({ label: `${id} (req/s)`, color: tenantColor(i) })), { label: 'inferences/s (batched runs)', color: RUNS_COLOR }];
  return (
    <ChartFrame title="Throughput" testId="chart-throughput" height={220} points={points.length} legend={legend}
      placeholder="Waiting for the first completed requests…"
      caption={`Completed requests per second per tenant, stacked (the top edge is the total), and whole inferences (session.run calls of a batch) per second, each over a trailing ${String(THROUGHPUT_WINDOW_MS / 1000)} s window of the engine's per-request events; wall clock, warm-up and drain shaded.${strideNote(series)}`}>
      <UPlotChart options={options} data={data} label="Throughput per tenant over time" />
    </ChartFrame>
  );
});
