// The GPU timeline: the last seconds of slices per lane, coloured by tenant (a Gantt view), so head-of-line blocking shows.
// Hand-drawn SVG rather than recharts: recharts has no interval (Gantt) series, and thousands of
// rects per refresh are cheaper as plain elements than as chart components.
import { memo, useCallback, useState } from 'react';
import { TIMELINE_WINDOW_MS, type RunSeries } from '../../app/run/run-series';
import { timelineBars } from '../../app/run/timeline';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme } from './chart-theme';

const LABEL_W = 64;
const ROW_H = 26;
const AXIS_H = 22;

/** A callback ref and the element's width in CSS px, kept current by a ResizeObserver (drawn in pixels, text never stretches). */
function useWidth(): [(element: HTMLDivElement | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(800);
  const ref = useCallback((element: HTMLDivElement | null) => {
    if (element === null) return undefined;
    const observer = new ResizeObserver((entries) => setWidth(Math.max(200, Math.floor(entries[0]?.contentRect.width ?? 800))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export const GpuTimeline = memo(function GpuTimeline({ series, timing }: { series: RunSeries; timing: string }) {
  const theme = useChartTheme();
  const [box, width] = useWidth();
  const { fromMs, toMs, lanes, slices } = series.timeline;
  const spanMs = Math.max(1, toMs - fromMs);
  const plotW = width - LABEL_W - 8;
  const height = lanes * ROW_H + AXIS_H;
  const x = (tMs: number): number => LABEL_W + (Math.min(Math.max(tMs, fromMs), toMs) - fromMs) / spanMs * plotW;
  const colorOf = new Map(series.tenants.map((id, i) => [id, tenantColor(i)]));
  const bars = timelineBars(slices, spanMs / Math.max(1, plotW));
  const ticks = Array.from({ length: 6 }, (_, k) => fromMs + (spanMs * k) / 5);
  return (
    <ChartFrame title="GPU timeline" testId="chart-timeline" height={height} points={slices.length}
      legend={series.tenants.map((id, i) => ({ label: id, color: tenantColor(i) }))}
      placeholder="Waiting for the first slices…"
      caption={`The last ${String(TIMELINE_WINDOW_MS / 1000)} s of slices (${String(slices.length)} slices as ${String(bars.length)} bars): each bar is a batch (or a layer block) of one tenant on a lane, from its session.run start to its end (${timing}, lane clock on the engine's time axis); back-to-back slices of one tenant closer than a pixel share a bar. A gap in a lane is idle time; a short bar waiting behind a long one is head-of-line blocking.`}>
      <div ref={box} className="timeline-box">
      <svg width={width} height={height} role="img" aria-label={`GPU timeline of ${String(lanes)} lane(s)`}>
        {Array.from({ length: lanes }, (_, lane) => (
          <g key={lane}>
            <rect x={LABEL_W} y={lane * ROW_H + 2} width={plotW} height={ROW_H - 4} fill={theme.grid} fillOpacity={0.35} />
            <text x={4} y={lane * ROW_H + ROW_H / 2 + 4} fontSize={12} fill={theme.axis}>lane {lane}</text>
          </g>
        ))}
        {bars.map((b, k) => (
          <rect key={k} x={x(b.startMs)} y={b.lane * ROW_H + 3} width={Math.max(0.75, x(b.endMs) - x(b.startMs))} height={ROW_H - 6}
            fill={colorOf.get(b.tenant) ?? theme.axis} data-tenant={b.tenant}>
            <title>{b.slices === 1
              ? `${b.tenant}: ${String(b.requests)} request(s), ${(b.endMs - b.startMs).toFixed(1)} ms`
              : `${b.tenant}: ${String(b.slices)} slices back to back (${String(b.requests)} requests), longest ${b.longestMs.toFixed(1)} ms`}</title>
          </rect>
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={height - 6} fontSize={11} fill={theme.axis} textAnchor="middle">{`${(t / 1000).toFixed(1)} s`}</text>
        ))}
      </svg>
      </div>
    </ChartFrame>
  );
});
