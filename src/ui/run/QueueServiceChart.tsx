// Queue time against service time per tenant (stacked means): is a tenant slow because it waits, or because its runs are slow?
// Hand-drawn SVG rather than recharts (as InterferenceChart.tsx): recharts measured its labels in the DOM and
// re-mounted its bars on every refresh, 19-100 ms a refresh on a 2-core machine; a few dozen elements cost far less.
import { memo } from 'react';
import type { MetricsSnapshot } from '../../core/metrics';
import { formatAxisMs } from '../format';
import { ChartFrame } from './ChartFrame';
import { useChartTheme } from './chart-theme';
import { BarFrame, barPlot, BAR_CHART_HEIGHT } from './BarFrame';
import { useWidth } from './GpuTimeline';
import { groupedBars } from './log-bars';
import { linearTicks, stackSegments } from './stacked-bars';

const PARTS = [
  { key: 'queueMs', label: 'queue (waiting for a lane)', color: '#e15759' },
  { key: 'serviceMs', label: 'service (dispatch to completion)', color: '#4e79a7' },
] as const;

/** Space above the plot and the y axis's width, px. */
const TOP = 18;
const AXIS_W = 56;

/** A mean to 3 significant digits. */
const formatMean = (valueMs: number): string => formatAxisMs(Number(valueMs.toPrecision(3)));

interface Row {
  readonly id: string;
  /** The tenant with its count of measured requests. */
  readonly tenant: string;
  readonly queueMs: number | null;
  readonly serviceMs: number | null;
  readonly totalMs: number | null;
}

function rowsOf(summary: MetricsSnapshot | null): Row[] {
  return (summary?.tenants ?? []).map((t) => ({
    id: t.id,
    tenant: `${t.id} (n=${String(t.measured.completed)})`,
    queueMs: t.queueMs.mean,
    serviceMs: t.serviceMs.mean,
    totalMs: t.queueMs.mean === null || t.serviceMs.mean === null ? null : t.queueMs.mean + t.serviceMs.mean,
  }));
}

export const QueueServiceChart = memo(function QueueServiceChart({ summary }: { summary: MetricsSnapshot | null }) {
  const theme = useChartTheme();
  const [box, width] = useWidth();
  const rows = rowsOf(summary);
  const drawn = rows.filter((r) => r.totalMs !== null).length;
  const ticks = linearTicks(rows.reduce((m, r) => Math.max(m, (r.queueMs ?? 0) + (r.serviceMs ?? 0)), 0));
  const high = ticks.at(-1) ?? 1;
  const plot = barPlot(width, AXIS_W);
  const { bottom } = plot;
  const y = (valueMs: number): number => bottom - (valueMs / high) * (bottom - TOP);
  const slots = groupedBars(rows.length, 1, plot.left, plot.width);
  return (
    <ChartFrame title="Queue vs service time" testId="chart-queue-service" height={BAR_CHART_HEIGHT} points={drawn}
      legend={PARTS.map((p) => ({ label: p.label, color: p.color }))}
      placeholder="Waiting for measured requests (after warm-up)…"
      caption="Per tenant: mean latency of the measured requests split into queue time (from the scheduled arrival until its batch was dispatched, and between layer blocks) and service time (the lane's wall clock from dispatch to completion); the two add up to the mean latency, written on top. A red bar that dwarfs the blue one is a tenant waiting for others, not a slow model.">
      <div ref={box} className="bar-box">
        <BarFrame theme={theme} width={width} label="Mean queue and service time per tenant, stacked" plot={plot} top={TOP} ticks={ticks} y={y}
          tickLabel={formatAxisMs} groups={rows.map((row) => ({ key: row.id, label: row.tenant }))}>
          {rows.map((row, g) => {
            const slot = slots[g]?.[0];
            if (slot === undefined) return null;
            const segments = stackSegments(PARTS.map((p) => row[p.key]));
            return (
              <g key={row.id}>
                {PARTS.map((p, k) => {
                  const value = row[p.key];
                  const segment = segments[k];
                  if (value === null || segment === null || segment === undefined) return null;
                  const top = y(segment.to);
                  return (
                    <rect key={p.key} x={slot.x} y={top} width={slot.width} height={Math.max(0, y(segment.from) - top)} fill={p.color}>
                      <title>{`${row.tenant}, ${p.label}: ${formatMean(value)}`}</title>
                    </rect>
                  );
                })}
                {row.totalMs !== null && (
                  <text x={slot.x + slot.width / 2} y={y(row.totalMs) - 4} textAnchor="middle" fontSize={10} fill={theme.axis}>{formatMean(row.totalMs)}</text>
                )}
              </g>
            );
          })}
        </BarFrame>
      </div>
    </ChartFrame>
  );
});
