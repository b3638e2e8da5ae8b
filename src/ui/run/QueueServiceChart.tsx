// Queue time against service time per tenant (stacked means): is a tenant slow because it waits, or because its runs are slow?
import { memo } from 'react';
import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricsSnapshot } from '../../core/metrics';
import { formatAxisMs } from '../format';
import { ChartFrame } from './ChartFrame';
import { grid } from './chart-parts';
import { useChartTheme } from './chart-theme';

const PARTS = [
  { key: 'queueMs', label: 'queue (waiting for a lane)', color: '#e15759' },
  { key: 'serviceMs', label: 'service (dispatch to completion)', color: '#4e79a7' },
] as const;

export const QueueServiceChart = memo(function QueueServiceChart({ summary }: { summary: MetricsSnapshot | null }) {
  const theme = useChartTheme();
  const rows = (summary?.tenants ?? []).map((t) => ({
    tenant: `${t.id} (n=${String(t.measured.completed)})`,
    queueMs: t.queueMs.mean,
    serviceMs: t.serviceMs.mean,
    totalMs: t.queueMs.mean === null || t.serviceMs.mean === null ? null : t.queueMs.mean + t.serviceMs.mean,
  }));
  const drawn = rows.filter((r) => r.totalMs !== null).length;
  return (
    <ChartFrame title="Queue vs service time" testId="chart-queue-service" height={220} points={drawn}
      legend={PARTS.map((p) => ({ label: p.label, color: p.color }))}
      placeholder="Waiting for measured requests (after warm-up)…"
      caption="Per tenant: mean latency of the measured requests split into queue time (from the scheduled arrival until its batch was dispatched, and between layer blocks) and service time (the lane's wall clock from dispatch to completion); the two add up to the mean latency, written on top. A red bar that dwarfs the blue one is a tenant waiting for others, not a slow model.">
      <BarChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 18, right: 12, bottom: 0, left: 0 }}>
        {grid(theme)}
        <XAxis dataKey="tenant" stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} />
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={56} tickFormatter={formatAxisMs} />
        <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? formatAxisMs(Number(v.toPrecision(3))) : '—')}
          contentStyle={{ background: theme.background, borderColor: theme.grid, color: theme.text, fontSize: 12 }} />
        {PARTS.map((p, k) => (
          <Bar key={p.key} name={p.label} dataKey={p.key} stackId="latency" fill={p.color} isAnimationActive={false}>
            {k === PARTS.length - 1 && (
              <LabelList dataKey="totalMs" position="top" fontSize={10} fill={theme.axis}
                formatter={(v: unknown) => (typeof v === 'number' ? formatAxisMs(Number(v.toPrecision(3))) : '')} />
            )}
          </Bar>
        ))}
      </BarChart>
    </ChartFrame>
  );
});
