// Latency CDF per tenant on a log axis: the share of measured requests at or under each latency, with each tenant's SLO marked.
// On uPlot (one canvas, built once per run, new data per refresh): recharts re-laid out its SVG and measured
// its tick labels on every refresh, 20-60 ms a refresh on a 2-core machine.
import { memo, useMemo } from 'react';
import { CDF_BUCKETS_PER_DECADE, type CdfCurve } from '../../app/run/latency-cdf';
import { ChartFrame } from './ChartFrame';
import { cdfChartOptions } from './cdf-chart-options';
import { cdfColumns } from './cdf-columns';
import { tenantColor, useChartTheme } from './chart-theme';
import { UPlotChart } from './UPlotChart';

const CAPTION = `Per tenant: the share of measured requests (arrived after warm-up) whose latency from the scheduled arrival is at or under x; log x axis; counted in buckets ${((10 ** (1 / CDF_BUCKETS_PER_DECADE) - 1) * 100).toFixed(0)}% wide, each point at its bucket's upper edge. Where a curve crosses its SLO line is that tenant's SLO rate; a long flat tail is the tail latency.`;

export const LatencyCdfChart = memo(function LatencyCdfChart({ curves, sloMs }: { curves: readonly CdfCurve[]; sloMs: readonly number[] }) {
  const theme = useChartTheme();
  // The curves are new at every refresh, their tenants are not: the chart is built once per run. Tenant ids hold no spaces (the experiment schema).
  const tenantKey = curves.map((c) => c.tenant).join(' ');
  const options = useMemo(() => cdfChartOptions(theme, tenantKey === '' ? [] : tenantKey.split(' '), sloMs), [theme, tenantKey, sloMs]);
  const data = useMemo(() => cdfColumns(curves), [curves]);
  const points = curves.reduce((n, c) => n + c.points.length, 0);
  return (
    <ChartFrame title="Latency CDF" testId="chart-cdf" height={220} points={points}
      legend={curves.map((c, i) => ({ label: `${c.tenant} (n=${String(c.count)}, SLO ${String(sloMs[i] ?? '')} ms dashed)`, color: tenantColor(i) }))}
      placeholder="Waiting for measured requests (after warm-up)…" caption={CAPTION}>
      <UPlotChart options={options} data={data} label="Latency CDF per tenant, log latency axis" />
    </ChartFrame>
  );
});
