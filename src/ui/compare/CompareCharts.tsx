// Compare's charts: p99 and SLO-rate bars per tenant (a bar per variant, predicted as a marker), and latency CDFs from the measured latencies overlaid (log x).
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { ComparisonView } from '../../app/compare/compare-view';
import { ChartFrame } from '../run/ChartFrame';
import { tenantColor, useChartTheme } from '../run/chart-theme';
import { tooltip } from '../run/chart-parts';
import { formatAxisMs } from '../format';
import { CDF_QUANTILES, CDF_SAMPLE_LIMIT, LATENCY_SAMPLE_CAP } from '../../app/compare/latency-cdf-points';

/** One grouped bar chart: per tenant, each variant's mean of a figure (measured) and the simulator's figure beside it. */
function FigureBars({ view, figure, title, testId, unit }: { view: ComparisonView; figure: 'p99' | 'slo'; title: string; testId: string; unit: string }) {
  const theme = useChartTheme();
  const scale = figure === 'slo' ? 100 : 1;
  const rows = view.tenants.map((tenant) => {
    const row: Record<string, string | number | null> = { tenant };
    view.variants.forEach((v, i) => {
      const m = v.measured.find((s) => s.tenant === tenant);
      const stat = figure === 'p99' ? m?.p99Ms : m?.sloRate;
      row[`m${String(i)}`] = stat?.mean == null ? null : stat.mean * scale;
      const p = v.predicted?.find((f) => f.tenant === tenant);
      const predicted = figure === 'p99' ? p?.p99Ms : p?.sloRate;
      row[`p${String(i)}`] = predicted == null ? null : predicted * scale;
    });
    return row;
  });
  const legend = view.variants.flatMap((v, i) => [{ label: `${v.label} (measured)`, color: tenantColor(i) }]);
  const points = view.variants.reduce((n, v) => n + (v.runs > 0 ? view.tenants.length : 0), 0);
  return (
    <ChartFrame title={title} testId={testId} height={220} points={points} legend={legend} placeholder="No runs yet."
      caption={`Measured: mean over each variant's repeats (the table gives the 95% intervals); the paler bar beside each is the simulator's prediction from the measured solo profiles. ${unit}.`}>
      <BarChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
        <XAxis dataKey="tenant" stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} />
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={64} domain={figure === 'slo' ? [0, 100] : [0, 'auto']} />
        {tooltip(theme, figure === 'slo' ? '%' : 'ms')}
        {view.variants.flatMap((v, i) => [
          <Bar key={`m${String(i)}`} dataKey={`m${String(i)}`} name={`${v.label} measured`} fill={tenantColor(i)} isAnimationActive={false} />,
          <Bar key={`p${String(i)}`} dataKey={`p${String(i)}`} name={`${v.label} predicted`} fill={tenantColor(i)} fillOpacity={0.35} isAnimationActive={false} />,
        ])}
      </BarChart>
    </ChartFrame>
  );
}

/** One tenant's latency CDFs, a line per variant (a step per sample, or per quantile), on a log latency axis. */
function CdfChart({ view, tenant }: { view: ComparisonView; tenant: string }) {
  const theme = useChartTheme();
  const lines = view.variants.map((v, i) => {
    const cdf = v.cdf.find((c) => c.tenant === tenant);
    return { label: v.label, color: tenantColor(i), from: cdf?.from ?? 'samples', count: cdf?.count ?? 0, data: (cdf?.points ?? []).filter((p) => p.latencyMs > 0) };
  });
  const points = lines.reduce((n, l) => n + l.data.length, 0);
  const sketchOnly = lines.some((l) => l.from === 'sketch' && l.data.length > 0);
  const caption = `Measured: the share of each variant's measured requests (every repeat pooled) at or under each latency, from the scheduled arrival; log x. `
    + `Drawn from the latencies themselves: a step per request up to ${String(CDF_SAMPLE_LIMIT)} of them, else ${String(CDF_QUANTILES + 1)} quantiles (nearest rank) of a uniform sample of up to ${String(LATENCY_SAMPLE_CAP)}.`
    + (sketchOnly ? " A comparison saved before these CDFs has only six quantiles per run (its sketch's min, p50, p90, p95, p99, max), averaged over the repeats." : '');
  return (
    <ChartFrame title={`Latency CDF: ${tenant}`} testId={`chart-compare-cdf-${tenant}`} height={200} points={points}
      legend={lines.map((l) => ({ label: `${l.label} (n=${String(l.count)})`, color: l.color }))} placeholder="No runs yet." caption={caption}>
      <LineChart responsive style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
        <XAxis type="number" dataKey="latencyMs" scale="log" domain={['auto', 'auto']} allowDataOverflow stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }}
          tickFormatter={formatAxisMs} />
        <YAxis type="number" domain={[0, 1]} stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={44} tickFormatter={(v: number) => `${String(Math.round(v * 100))}%`} />
        {lines.map((l) => <Line key={l.label} data={l.data} dataKey="fraction" name={l.label} type="stepAfter" stroke={l.color} strokeWidth={2} dot={false} isAnimationActive={false} />)}
      </LineChart>
    </ChartFrame>
  );
}

/** Every Compare chart for the comparison on screen. */
export function CompareCharts({ view }: { view: ComparisonView }) {
  return (
    <div className="compare-charts">
      <FigureBars view={view} figure="p99" title="p99 latency per variant" testId="chart-compare-p99" unit="ms" />
      <FigureBars view={view} figure="slo" title="SLO rate per variant" testId="chart-compare-slo" unit="% of measured requests within the tenant's SLO" />
      {view.tenants.map((t) => <CdfChart key={t} view={view} tenant={t} />)}
    </div>
  );
}
