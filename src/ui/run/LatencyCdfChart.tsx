// Latency CDF per tenant on a log axis: the share of measured requests at or under each latency, with each tenant's SLO marked.
import { memo } from 'react';
import { Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { CDF_BUCKETS_PER_DECADE, type CdfCurve } from '../../app/run/latency-cdf';
import { formatAxisMs } from '../format';
import { ChartFrame } from './ChartFrame';
import { grid } from './chart-parts';
import { tenantColor, useChartTheme } from './chart-theme';

/** Decade ticks (1-2-5) covering [lowMs, highMs]. */
function logTicks(lowMs: number, highMs: number): number[] {
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(lowMs)); decade <= highMs * 10; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const tick = Number((decade * step).toPrecision(1));
      if (tick >= lowMs / 2 && tick <= highMs * 2) ticks.push(tick);
    }
  }
  return ticks;
}

export const LatencyCdfChart = memo(function LatencyCdfChart({ curves, sloMs }: { curves: readonly CdfCurve[]; sloMs: readonly number[] }) {
  const theme = useChartTheme();
  const xs = curves.flatMap((c) => c.points.map((p) => p.latencyMs)).concat(sloMs.filter((s) => s > 0));
  const lowMs = xs.reduce((a, b) => Math.min(a, b), Infinity);
  const highMs = xs.reduce((a, b) => Math.max(a, b), 0);
  const points = curves.reduce((n, c) => n + c.points.length, 0);
  const ticks = points > 0 ? logTicks(lowMs, highMs) : [1, 10, 100];
  return (
    <ChartFrame title="Latency CDF" testId="chart-cdf" height={220} points={points}
      legend={curves.map((c, i) => ({ label: `${c.tenant} (n=${String(c.count)}, SLO ${String(sloMs[i] ?? '')} ms dashed)`, color: tenantColor(i) }))}
      placeholder="Waiting for measured requests (after warm-up)…"
      caption={`Per tenant: the share of measured requests (arrived after warm-up) whose latency from the scheduled arrival is at or under x; log x axis; counted in buckets ${((10 ** (1 / CDF_BUCKETS_PER_DECADE) - 1) * 100).toFixed(0)}% wide, each point at its bucket's upper edge. Where a curve crosses its SLO line is that tenant's SLO rate; a long flat tail is the tail latency.`}>
      <LineChart responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        {grid(theme)}
        <XAxis dataKey="latencyMs" type="number" scale="log" domain={[ticks[0] ?? 1, ticks.at(-1) ?? 10]} ticks={ticks} allowDataOverflow
          tickFormatter={formatAxisMs} stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} />
        <YAxis dataKey="fraction" type="number" domain={[0, 1]} tickFormatter={(v: number) => `${String(Math.round(v * 100))}%`}
          stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={44} />
        <Tooltip isAnimationActive={false} labelFormatter={(v) => (typeof v === 'number' ? `≤ ${formatAxisMs(v)}` : '')}
          formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—')}
          contentStyle={{ background: theme.background, borderColor: theme.grid, color: theme.text, fontSize: 12 }} />
        {sloMs.map((s, i) => (s > 0 ? <ReferenceLine key={i} x={s} stroke={tenantColor(i)} strokeDasharray="4 2" ifOverflow="hidden" /> : null))}
        {curves.map((c, i) => (
          <Line key={c.tenant} name={c.tenant} data={c.points as CdfCurve['points'][number][]} dataKey="fraction" type="stepAfter"
            stroke={tenantColor(i)} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});
