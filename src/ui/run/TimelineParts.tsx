// What the run's timeline and Compare's stacked timelines both draw: the zoom and scroll toolbar, lane rows with their slice bars, and the time ticks.
import type { ReactNode } from 'react';
import type { TimelineBar } from '../../app/run/timeline';
import type { ChartTheme } from './chart-theme';

/** The toolbar of a timeline: whole run, zoom in and out (by 2 about the middle), scroll by half a view; `children` follow the buttons. */
export function TimelineControls({ title, idPrefix, wholeLabel, onWhole, zoom, scroll, children }: {
  readonly title: string;
  /** Prefix of the buttons' test ids: 'timeline' gives 'timeline-zoom-in'. */
  readonly idPrefix: string;
  readonly wholeLabel: string;
  readonly onWhole: () => void;
  readonly zoom: (factor: number) => void;
  readonly scroll: (share: number) => void;
  readonly children?: ReactNode;
}) {
  return (
    <div className="timeline-controls" role="toolbar" aria-label={`${title}: zoom and scroll`}>
      <button type="button" className="ghost small" onClick={onWhole} data-testid={`${idPrefix}-whole`}>{wholeLabel}</button>
      <button type="button" className="ghost small" onClick={() => zoom(0.5)} aria-label="Zoom in" data-testid={`${idPrefix}-zoom-in`}>+</button>
      <button type="button" className="ghost small" onClick={() => zoom(2)} aria-label="Zoom out" data-testid={`${idPrefix}-zoom-out`}>-</button>
      <button type="button" className="ghost small" onClick={() => scroll(-0.5)} aria-label="Scroll earlier" data-testid={`${idPrefix}-earlier`}>◀</button>
      <button type="button" className="ghost small" onClick={() => scroll(0.5)} aria-label="Scroll later" data-testid={`${idPrefix}-later`}>▶</button>
      {children}
    </div>
  );
}

/**
 * `lanes` rows from `top` (px), each `rowH` high and labelled 'lane k' left of `labelW`, and the bars
 * on them, placed by `x` (ms -> px) and coloured by tenant; a bar's tooltip starts with `titlePrefix`.
 */
export function LaneRows({ lanes, bars, top, rowH, labelW, plotW, x, colorOf, theme, titlePrefix = '' }: {
  readonly lanes: number;
  readonly bars: readonly TimelineBar[];
  readonly top: number;
  readonly rowH: number;
  readonly labelW: number;
  readonly plotW: number;
  readonly x: (tMs: number) => number;
  readonly colorOf: ReadonlyMap<string, string>;
  readonly theme: ChartTheme;
  readonly titlePrefix?: string;
}) {
  return (
    <>
      {Array.from({ length: lanes }, (_, lane) => (
        <g key={lane}>
          <rect x={labelW} y={top + lane * rowH + 2} width={plotW} height={rowH - 4} fill={theme.grid} fillOpacity={0.35} />
          <text x={4} y={top + lane * rowH + rowH / 2 + 4} fontSize={12} fill={theme.axis}>lane {lane}</text>
        </g>
      ))}
      {bars.map((b, k) => (
        <rect key={k} x={x(b.startMs)} y={top + b.lane * rowH + 3} width={Math.max(0.75, x(b.endMs) - x(b.startMs))} height={rowH - 6}
          fill={colorOf.get(b.tenant) ?? theme.axis} data-tenant={b.tenant}>
          <title>{`${titlePrefix}${b.tenant}: ${b.slices === 1 ? `batch of ${String(b.requests)} request(s), ${(b.endMs - b.startMs).toFixed(1)} ms` : `${String(b.slices)} slices (${String(b.requests)} requests, mean batch ${(b.requests / b.slices).toFixed(1)}), longest ${b.longestMs.toFixed(1)} ms`}`}</title>
        </rect>
      ))}
    </>
  );
}

/** Six ticks from `fromMs` over `spanMs`, in seconds (two decimals under 2 s), at height `y`. */
export function TimeTicks({ fromMs, spanMs, y, x, theme }: { readonly fromMs: number; readonly spanMs: number; readonly y: number; readonly x: (tMs: number) => number; readonly theme: ChartTheme }) {
  const ticks = Array.from({ length: 6 }, (_, k) => fromMs + (spanMs * k) / 5);
  return (
    <>
      {ticks.map((t) => (
        <text key={t} x={x(t)} y={y} fontSize={11} fill={theme.axis} textAnchor="middle">{`${(t / 1000).toFixed(spanMs < 2000 ? 2 : 1)} s`}</text>
      ))}
    </>
  );
}
