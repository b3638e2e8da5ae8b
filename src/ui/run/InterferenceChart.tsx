// Interference: each tenant's slowdown against its solo profile, and the inflation of its lane service time (co-location).
import { memo } from 'react';
import { Bar, BarChart, LabelList, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricsSnapshot } from '../../core/metrics';
import type { RunSeries } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { useChartTheme } from './chart-theme';
import { formatValue, grid } from './chart-parts';

const BARS = [
  { key: 'slowdownP50', label: 'slowdown p50', color: '#4e79a7' },
  { key: 'slowdownP95', label: 'slowdown p95', color: '#a0cbe8' },
  { key: 'inflationP50', label: 'service inflation p50', color: '#f28e2b' },
  { key: 'inflationP95', label: 'service inflation p95', color: '#ffbe7d' },
] as const;

interface Row {
  readonly tenant: string;
  readonly slowdownP50: number | null;
  readonly slowdownP95: number | null;
  readonly inflationP50: number | null;
  readonly inflationP95: number | null;
}

/** Log-scale ticks: 1-2-5 steps from 0.5 up past the largest value. */
function logTicks(max: number): number[] {
  const ticks: number[] = [];
  for (let decade = 0.1; decade <= Math.max(max, 1) * 10; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const tick = Number((decade * step).toPrecision(1));
      if (tick >= 0.5) ticks.push(tick);
      if (tick > max) return ticks;
    }
  }
  return ticks;
}

function rowsOf(series: RunSeries, summary: MetricsSnapshot | null): Row[] {
  return series.tenants.map((id, i) => {
    const metrics = summary?.tenants[i];
    const inflation = series.serviceInflation[i] ?? null;
    return {
      tenant: `${id} (n=${String(metrics?.measured.completed ?? 0)})`,
      slowdownP50: metrics?.slowdown?.p50.value ?? null,
      slowdownP95: metrics?.slowdown?.p95.value ?? null,
      inflationP50: inflation?.p50.value ?? null,
      inflationP95: inflation?.p95.value ?? null,
    };
  });
}

export const InterferenceChart = memo(function InterferenceChart({ series, summary, concurrent, cpuOnly = false }: { series: RunSeries; summary: MetricsSnapshot | null; concurrent: boolean; cpuOnly?: boolean }) {
  const theme = useChartTheme();
  const rows = rowsOf(series, summary);
  const drawn = rows.filter((r) => r.slowdownP50 !== null || r.inflationP50 !== null).length;
  const max = Math.max(1, ...rows.flatMap((r) => BARS.map((b) => r[b.key] ?? 0)));
  const ticks = logTicks(max);
  const mode = concurrent
    ? `Concurrent lanes: the ${cpuOnly ? "CPU's cores interleave the lanes (WASM)" : 'GPU interleaves the tenants'}, so service inflation above 1 is the co-location interference itself.`
    : 'One time-sliced lane runs one slice at a time: service stays near solo and the slowdown is mostly waiting in the queue.';
  return (
    <ChartFrame title="Interference" testId="chart-interference" height={220} points={drawn} legend={BARS.map((b) => ({ label: b.label, color: b.color }))}
      placeholder="Waiting for measured requests (after warm-up)…"
      caption={`Slowdown = a request's latency / the model's solo latency at the same batch (solo profile medians measured before the run, wall clock); service inflation = its lane service time / solo latency at the session batch; over measured requests (n per tenant), quantiles from 1%-accurate sketches; log scale. ${mode}`}>
      <BarChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        {grid(theme)}
        <XAxis dataKey="tenant" stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} />
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={48} unit="×" scale="log" domain={[0.5, ticks.at(-1) ?? 2]}
          ticks={ticks} allowDataOverflow />
        <Tooltip isAnimationActive={false} formatter={(value) => `${formatValue(value)}×`}
          contentStyle={{ background: theme.background, borderColor: theme.grid, color: theme.text, fontSize: 12 }} />
        <ReferenceLine y={1} stroke={theme.axis} strokeDasharray="4 2" label={{ value: 'solo', fill: theme.axis, fontSize: 10, position: 'insideTopLeft' }} />
        {BARS.map((b) => (
          <Bar key={b.key} name={b.label} dataKey={b.key} fill={b.color} isAnimationActive={false}>
            <LabelList dataKey={b.key} position="top" fontSize={10} fill={theme.axis} formatter={(v: unknown) => (typeof v === 'number' ? v.toFixed(1) : '')} />
          </Bar>
        ))}
      </BarChart>
    </ChartFrame>
  );
});
