// The GPU timeline: slices per lane coloured by tenant (a Gantt view), following the run's end or zoomed and scrolled anywhere in it.
// Hand-drawn SVG rather than recharts: recharts has no interval (Gantt) series, and thousands of
// rects per refresh are cheaper as plain elements than as chart components.
import { memo, useCallback, useMemo, useState } from 'react';
import { TIMELINE_WINDOW_MS, type RunSeries } from '../../app/run/run-series';
import { timelineBars } from '../../app/run/timeline';
import { scrollRange, zoomRange, type TimeRange, type TimelineSource, type TimelineView } from '../../app/run/timeline-view';
import { ChartFrame } from './ChartFrame';
import { tenantColor, useChartTheme } from './chart-theme';
import { LaneRows, TimelineControls, TimeTicks } from './TimelineParts';

const LABEL_W = 64;
const ROW_H = 26;
const AXIS_H = 22;

/** A callback ref and the element's width in CSS px, kept current by a ResizeObserver (drawn in pixels, text never stretches). */
export function useWidth(): [(element: HTMLDivElement | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(800);
  const ref = useCallback((element: HTMLDivElement | null) => {
    if (element === null) return undefined;
    const observer = new ResizeObserver((entries) => setWidth(Math.max(200, Math.floor(entries[0]?.contentRect.width ?? 800))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export interface GpuTimelineProps {
  readonly series: RunSeries;
  readonly timing: string;
  /** Every slice of the run (the page's columns): what a zoomed or scrolled view reads. */
  readonly source: TimelineSource;
  /** The run is on WASM: lanes run on the CPU, and the chart must not say GPU. */
  readonly cpuOnly: boolean;
}

export const GpuTimeline = memo(function GpuTimeline({ series, timing, source, cpuOnly }: GpuTimelineProps) {
  const theme = useChartTheme();
  const [box, width] = useWidth();
  // null: follow the end of the run (its last seconds, as the series keeps them).
  const [range, setRange] = useState<TimeRange | null>(null);
  const plotW = width - LABEL_W - 8;
  const sliceCount = source.count();
  const extentMs = source.extentMs();
  const extent: TimeRange = { fromMs: Math.min(0, extentMs?.fromMs ?? 0), toMs: Math.max(extentMs?.toMs ?? 0, series.timeline.toMs) };
  const follow = series.timeline;
  const view: TimelineView & TimeRange = useMemo(() => {
    if (range === null) {
      const spanMs = Math.max(1, follow.toMs - follow.fromMs);
      return { fromMs: follow.fromMs, toMs: follow.toMs, bars: timelineBars(follow.slices, spanMs / Math.max(1, plotW)), exact: true, slices: follow.slices.length };
    }
    // A live run appends to the same columns: they are read again with each new series (its staggered turn).
    return { ...range, ...source.view(range, plotW) };
  }, [range, follow, source, plotW]);
  const { fromMs, toMs } = view;
  const spanMs = Math.max(1, toMs - fromMs);
  const lanes = series.timeline.lanes;
  const height = lanes * ROW_H + AXIS_H;
  const x = (tMs: number): number => LABEL_W + (Math.min(Math.max(tMs, fromMs), toMs) - fromMs) / spanMs * plotW;
  const colorOf = new Map(series.tenants.map((id, i) => [id, tenantColor(i)]));
  const current: TimeRange = { fromMs, toMs };
  const zoom = (factor: number) => setRange(zoomRange(current, factor, (fromMs + toMs) / 2, extent));
  const scroll = (share: number) => setRange(scrollRange(current, share * spanMs, extent));
  const title = cpuOnly ? 'Lane timeline (CPU, WASM)' : 'GPU timeline';
  const shown = range === null ? `The last ${String(TIMELINE_WINDOW_MS / 1000)} s` : `${(fromMs / 1000).toFixed(2)}-${(toMs / 1000).toFixed(2)} s`;
  const drawn = view.exact ? 'back-to-back slices of one tenant closer than a pixel share a bar' : 'too many slices to draw one by one: each pixel column shows the tenant that ran most in it (zoom in for single slices)';
  return (
    <ChartFrame title={title} testId="chart-timeline" height={height + 34} points={sliceCount > 0 ? Math.max(1, view.slices) : 0}
      legend={series.tenants.map((id, i) => ({ label: id, color: tenantColor(i) }))}
      placeholder="Waiting for the first slices…"
      caption={`${shown} of slices (${String(view.slices)} slices as ${String(view.bars.length)} bars): each bar is a batch (or a layer block) of one tenant on a lane${cpuOnly ? ' (a CPU worker running WASM)' : ''}, from its session.run start to its end (${timing}, lane clock on the engine's time axis); ${drawn}. A gap in a lane is idle time; a short bar waiting behind a long one is head-of-line blocking.`}>
      <TimelineControls title={title} idPrefix="timeline" wholeLabel="Whole run" onWhole={() => setRange(extent)} zoom={zoom} scroll={scroll}>
        <button type="button" className="ghost small" onClick={() => setRange(null)} aria-pressed={range === null} data-testid="timeline-follow">Follow the end</button>
        <span className="muted small" data-testid="timeline-range" data-from-ms={Math.round(fromMs)} data-to-ms={Math.round(toMs)}>{shown}</span>
      </TimelineControls>
      <div ref={box} className="timeline-box">
      <svg width={width} height={height} role="img" aria-label={`${title} of ${String(lanes)} lane(s), ${shown}`}>
        <LaneRows lanes={lanes} bars={view.bars} top={0} rowH={ROW_H} labelW={LABEL_W} plotW={plotW} x={x} colorOf={colorOf} theme={theme} />
        <TimeTicks fromMs={fromMs} spanMs={spanMs} y={height - 6} x={x} theme={theme} />
      </svg>
      </div>
    </ChartFrame>
  );
});
