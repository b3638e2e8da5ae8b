// Interference: each tenant's slowdown against its solo profile, and the inflation of its lane service time (co-location).
// Hand-drawn SVG rather than recharts: on every refresh recharts measured each tick and value label in a
// DOM span (a forced layout each), re-ran its store's selectors and re-mounted its bars and labels, 20-30 ms
// a refresh on a 2-core machine; a few dozen plain elements cost a fraction of a millisecond.
import { memo } from 'react';
import type { MetricsSnapshot } from '../../core/metrics';
import type { RunSeries } from '../../app/run/run-series';
import { ChartFrame } from './ChartFrame';
import { useChartTheme } from './chart-theme';
import { BarFrame, barPlot, BAR_CHART_HEIGHT } from './BarFrame';
import { useWidth } from './GpuTimeline';
import { groupedBars, LOG_FLOOR, logTicks, logY } from './log-bars';

const BARS = [
  { key: 'slowdownP50', label: 'slowdown p50', color: '#4e79a7' },
  { key: 'slowdownP95', label: 'slowdown p95', color: '#a0cbe8' },
  { key: 'inflationP50', label: 'service inflation p50', color: '#f28e2b' },
  { key: 'inflationP95', label: 'service inflation p95', color: '#ffbe7d' },
] as const;

/** Space above the plot and the y axis's width, px. */
const TOP = 14;
const AXIS_W = 48;

interface Row {
  /** The tenant's id: the key of its bars, stable while its label's n grows. */
  readonly id: string;
  /** Its label: the id and its measured requests. */
  readonly tenant: string;
  readonly slowdownP50: number | null;
  readonly slowdownP95: number | null;
  readonly inflationP50: number | null;
  readonly inflationP95: number | null;
}

function rowsOf(series: RunSeries, summary: MetricsSnapshot | null): Row[] {
  return series.tenants.map((id, i) => {
    const metrics = summary?.tenants[i];
    const inflation = series.serviceInflation[i] ?? null;
    return {
      id,
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
  const [box, width] = useWidth();
  const rows = rowsOf(series, summary);
  const drawn = rows.filter((r) => r.slowdownP50 !== null || r.inflationP50 !== null).length;
  const max = rows.reduce((m, r) => BARS.reduce((n, b) => Math.max(n, r[b.key] ?? 0), m), 1);
  const ticks = logTicks(max);
  const high = ticks.at(-1) ?? 2;
  const plot = barPlot(width, AXIS_W);
  const { bottom } = plot;
  const y = (value: number): number => logY(value, LOG_FLOOR, high, bottom, TOP);
  const slots = groupedBars(rows.length, BARS.length, plot.left, plot.width);
  const mode = concurrent
    ? `Concurrent lanes: the ${cpuOnly ? "CPU's cores interleave the lanes (WASM)" : 'GPU interleaves the tenants'}, so service inflation above 1 is the co-location interference itself.`
    : 'One time-sliced lane runs one slice at a time: service stays near solo and the slowdown is mostly waiting in the queue.';
  return (
    <ChartFrame title="Interference" testId="chart-interference" height={BAR_CHART_HEIGHT} points={drawn} legend={BARS.map((b) => ({ label: b.label, color: b.color }))}
      placeholder="Waiting for measured requests (after warm-up)…"
      caption={`Slowdown = a request's latency / the model's solo latency at the same batch (solo profile medians measured before the run, wall clock); service inflation = its lane service time / solo latency at the session batch; over measured requests (n per tenant), quantiles from 1%-accurate sketches; log scale. ${mode}`}>
      <div ref={box} className="bar-box">
        <BarFrame theme={theme} width={width} label="Slowdown and service inflation per tenant, log scale" plot={plot} top={TOP} ticks={ticks} y={y}
          tickLabel={(tick) => `${String(tick)}×`} groups={rows.map((row) => ({ key: row.id, label: row.tenant }))}>
          {rows.map((row, g) => (
            <g key={row.id}>
              {BARS.map((b, k) => {
                const value = row[b.key];
                const slot = slots[g]?.[k];
                if (value === null || slot === undefined) return null;
                const top = y(value);
                return (
                  <g key={b.key}>
                    <rect x={slot.x} y={top} width={slot.width} height={Math.max(0, bottom - top)} fill={b.color}>
                      <title>{`${row.tenant}, ${b.label}: ${value.toFixed(1)}×`}</title>
                    </rect>
                    <text x={slot.x + slot.width / 2} y={top - 4} textAnchor="middle" fontSize={10} fill={theme.axis}>{value.toFixed(1)}</text>
                  </g>
                );
              })}
            </g>
          ))}
          <line x1={plot.left} x2={plot.left + plot.width} y1={y(1)} y2={y(1)} stroke={theme.axis} strokeDasharray="4 2" />
          <text x={plot.left + 5} y={y(1) - 4} fontSize={10} fill={theme.axis}>solo</text>
        </BarFrame>
      </div>
    </ChartFrame>
  );
});
