// SLO satisfaction per tenant over time (windowed), in per cent.
import { memo, useMemo } from 'react';
import { LATENCY_WINDOW_MS, type RunSeries, type SeriesPoint } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme, type ChartTheme } from './chart-theme';
import { strideNote } from './chart-parts';
import type { RunPhases } from './phase-bands';
import { timeChartOptions } from './time-chart-options';
import { timeColumns } from './time-columns';
import { UPlotChart } from './UPlotChart';

/** Ticks of the SLO axis, per cent (the domain reaches below 0: see below). */
const SLO_TICKS = [0, 25, 50, 75, 100];

function sloOptions(theme: ChartTheme, tenants: readonly string[], phases: RunPhases) {
  return timeChartOptions({
    theme, phases, unit: '%',
    lines: tenants.map((id, i) => ({ label: id, color: tenantColor(i), widthPx: 2 })),
    // The scale starts below 0 so that a tenant at 0% draws a line above the axis, not on it.
    y: { widthPx: 48, format: (v) => `${String(v)}%`, range: () => [-6, 100], ticks: SLO_TICKS },
    references: [{ y: 0, color: theme.grid }],
  });
}

export const SloChart = memo(function SloChart({ series }: { series: RunSeries }) {
  const theme = useChartTheme();
  const { tenants, warmupS, arrivalsEndS, points } = series;
  const options = useMemo(() => sloOptions(theme, tenants, { warmupS, arrivalsEndS }), [theme, tenants, warmupS, arrivalsEndS]);
  const data = useMemo(() => timeColumns(points, tenants.map((_, i) => (p: SeriesPoint) => {
    const share = p.slo[i];
    return share === null || share === undefined ? null : share * 100;
  })), [points, tenants]);
  const latest = points.at(-1);
  const legend = tenants.map((id, i) => {
    const now = latest?.slo[i];
    return { label: `${id} (SLO ${String(series.sloMs[i])} ms)${now === null || now === undefined ? '' : `: ${(now * 100).toFixed(0)}% now`}`, color: tenantColor(i) };
  });
  return (
    <ChartFrame title="SLO satisfaction" testId="chart-slo" height={220} points={points.length} legend={legend}
      placeholder="Waiting for the first completed requests…"
      caption={`Per tenant: requests completed within their SLO (latency from the scheduled arrival) as a share of the requests completed or dropped in the trailing ${String(LATENCY_WINDOW_MS / 1000)} s; drops from the engine's ledger. Warm-up and the drain after the last arrival shaded; the summary table gives the measured-period rate.${strideNote(series)}`}>
      <UPlotChart options={options} data={data} label="SLO satisfaction per tenant over time" />
    </ChartFrame>
  );
});
