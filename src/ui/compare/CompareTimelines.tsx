// Compare's lane timelines: one per variant (its first run), stacked in one figure on the same time axis, zoomed and scrolled together.
import { useState } from 'react';
import type { VariantTimeline } from '../../app/compare/variant-timelines';
import { TIMELINE_MAX_SLICES } from '../../app/run/run-series';
import { scrollRange, zoomRange, type TimeRange } from '../../app/run/timeline-view';
import { ChartFrame } from '../run/ChartFrame';
import { tenantColor, useChartTheme } from '../run/chart-theme';
import { useWidth } from '../run/GpuTimeline';
import { LaneRows, TimelineControls, TimeTicks } from '../run/TimelineParts';

const LABEL_W = 64;
const ROW_H = 22;
const HEAD_H = 18;
const AXIS_H = 22;

/** The stacked timelines of the variants that have one (a variant not run yet is left out until it has). */
export function CompareTimelines({ timelines, tenants }: { timelines: readonly (VariantTimeline | null)[]; tenants: readonly string[] }) {
  const theme = useChartTheme();
  const [box, width] = useWidth();
  const shown = timelines.filter((t): t is VariantTimeline => t !== null);
  const extent: TimeRange = { fromMs: 0, toMs: shown.reduce((most, t) => Math.max(most, t.source.extentMs()?.toMs ?? 0), 1) };
  // null: every run whole (the longest sets the axis).
  const [range, setRange] = useState<TimeRange | null>(null);
  const { fromMs, toMs } = range ?? extent;
  const spanMs = Math.max(1e-6, toMs - fromMs);
  const plotW = Math.max(1, width - LABEL_W - 8);
  const cpuOnly = shown.length > 0 && shown.every((t) => t.cpuOnly);
  const unit = cpuOnly ? 'Lane' : 'GPU';
  const title = `${unit} timelines per variant${cpuOnly ? ' (CPU, WASM)' : ''}`;
  const x = (tMs: number): number => LABEL_W + ((Math.min(Math.max(tMs, fromMs), toMs) - fromMs) / spanMs) * plotW;
  const colorOf = new Map(tenants.map((id, i) => [id, tenantColor(i)]));
  const tops = shown.reduce<number[]>((acc, t) => [...acc, (acc.at(-1) ?? 0) + HEAD_H + t.lanes * ROW_H], [0]);
  const blocks = shown.map((t, i) => ({ t, view: t.source.view({ fromMs, toMs }, plotW), top: tops[i] ?? 0 }));
  const height = (tops.at(-1) ?? 0) + AXIS_H;
  const slices = blocks.reduce((n, b) => n + b.view.slices, 0);
  const current: TimeRange = { fromMs, toMs };
  const zoom = (factor: number) => setRange(zoomRange(current, factor, (fromMs + toMs) / 2, extent));
  const scroll = (share: number) => setRange(scrollRange(current, share * spanMs, extent));
  const exact = blocks.every((b) => b.view.exact);
  const cut = shown.filter((t) => t.sliceCount !== null);
  const kept = cut.length === 0 ? '' : ` Kept from the comparison's record: the newest ${String(TIMELINE_MAX_SLICES)} slices of ${cut.map((t) => `${t.label} (of ${String(t.sliceCount)})`).join(', ')}.`;
  return (
    <ChartFrame title={title} testId="chart-compare-timelines" height={height + 34} points={slices}
      legend={tenants.map((id, i) => ({ label: id, color: tenantColor(i) }))} placeholder="No run has finished yet."
      caption={`Each variant's first run, stacked on one time axis (s from that run's start; the same seed and arrivals in every variant): each bar is a batch (or a layer block) of one tenant on a lane${cpuOnly ? ' (a CPU worker running WASM)' : ''}, from its session.run start to its end (wall clock). ${exact ? 'Back-to-back slices of one tenant closer than a pixel share a bar.' : 'Too many slices to draw one by one: each pixel column shows the tenant that ran most in it (zoom in for single slices).'} A pinned or opened comparison keeps each first run's newest ${String(TIMELINE_MAX_SLICES)} slices.${kept}`}>
      <TimelineControls title={title} idPrefix="compare-timeline" wholeLabel="Whole runs" onWhole={() => setRange(null)} zoom={zoom} scroll={scroll}>
        <span className="muted small" data-testid="compare-timeline-range" data-from-ms={Math.round(fromMs)} data-to-ms={Math.round(toMs)}>
          {`${(fromMs / 1000).toFixed(2)}-${(toMs / 1000).toFixed(2)} s`}
        </span>
      </TimelineControls>
      <div ref={box} className="timeline-box">
        <svg width={width} height={height} role="img" aria-label={`${title}: ${String(shown.length)} variant(s)`}>
          {blocks.map(({ t, view, top: y0 }) => (
            <g key={t.label} data-testid="compare-timeline-variant" data-variant={t.label} data-lanes={t.lanes} data-slices={view.slices} data-slice-count={t.sliceCount ?? t.source.count()}>
              <text x={4} y={y0 + HEAD_H - 5} fontSize={12} fontWeight={600} fill={theme.text}>{t.label}</text>
              <LaneRows lanes={t.lanes} bars={view.bars} top={y0 + HEAD_H} rowH={ROW_H} labelW={LABEL_W} plotW={plotW} x={x} colorOf={colorOf} theme={theme} titlePrefix={`${t.label}, `} />
            </g>
          ))}
          <TimeTicks fromMs={fromMs} spanMs={spanMs} y={height - 6} x={x} theme={theme} />
        </svg>
      </div>
    </ChartFrame>
  );
}
