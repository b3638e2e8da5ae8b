// Queue depth per tenant over time: requests waiting for a lane at each engine snapshot.
import { memo, useMemo } from 'react';
import type { RunSeries, SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme, type ChartTheme } from './chart-theme';
import { strideNote } from './chart-parts';
import type { RunPhases } from './phase-bands';
import { INTEGER_STEPS, niceCeil, timeChartOptions } from './time-chart-options';
import { timeColumns } from './time-columns';
import { UPlotChart } from './UPlotChart';

function queueOptions(theme: ChartTheme, tenants: readonly string[], phases: RunPhases) {
  return timeChartOptions({
    theme, phases, unit: 'waiting',
    // A depth holds from one snapshot to the next: steps, not slopes.
    lines: tenants.map((id, i) => ({ label: id, color: tenantColor(i), widthPx: 2, step: true })),
    y: { widthPx: 48, format: String, range: (max) => [0, Math.ceil(niceCeil(max))], steps: INTEGER_STEPS },
  });
}

export const QueueChart = memo(function QueueChart({ series }: { series: RunSeries }) {
  const theme = useChartTheme();
  const { tenants, warmupS, arrivalsEndS, points } = series;
  const options = useMemo(() => queueOptions(theme, tenants, { warmupS, arrivalsEndS }), [theme, tenants, warmupS, arrivalsEndS]);
  const data = useMemo(() => timeColumns(points, tenants.map((_, i) => (p: SeriesPoint) => p.queued[i])), [points, tenants]);
  const legend = tenants.map((id, i) => ({ label: id, color: tenantColor(i) }));
  return (
    <ChartFrame title="Queue depth" testId="chart-queue" height={220} points={points.length} legend={legend}
      placeholder="Waiting for the run to start…"
      caption={`Per tenant: requests waiting for a lane (not yet dispatched) at each engine snapshot (5 per second), from the engine's ledger; a queue at its limit drops arrivals. Warm-up and the drain after the last arrival shaded.${strideNote(series)}`}>
      <UPlotChart options={options} data={data} label="Queue depth per tenant over time" />
    </ChartFrame>
  );
});
