// Any time range of the GPU timeline, read from the slice columns: exact bars when few slices fall in it, else one bar per lane and pixel column (bounded by lanes x width).
import type { SliceEvent } from '../../engine/engine-protocol';
import type { SliceColumns } from './event-columns';
import { timelineBars, type TimelineBar } from './timeline';
import { ms } from '../../core/units';

/** Most slices drawn one by one; a wider range is drawn as per-pixel bars. */
export const EXACT_SLICE_LIMIT = 3000;

/** A time range of the run, ms from its start. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The bars of a range, and whether each slice is its own bar (false: per pixel column, the tenant that ran most there). */
export interface TimelineView {
  readonly bars: readonly TimelineBar[];
  readonly exact: boolean;
  /** Slices that overlap the range. */
  readonly slices: number;
}

/** Per lane and pixel column: busy ms per tenant index, the requests and slices that ended there. */
interface Cell {
  readonly busyMs: Map<number, number>;
  requests: number;
  slices: number;
  longestMs: number;
}

/**
 * The bars of `range` drawn `widthPx` wide. With at most EXACT_SLICE_LIMIT slices in the range, every
 * slice (merged where closer than a pixel, as {@link timelineBars} does); past it, each lane's pixel
 * columns coloured by the tenant busiest in them, merged where neighbours agree: at most lanes x
 * widthPx bars, whatever the run's length.
 */
export function timelineView(columns: SliceColumns, range: TimeRange, widthPx: number): TimelineView {
  const spanMs = Math.max(1e-6, range.toMs - range.fromMs);
  const width = Math.max(1, Math.floor(widthPx));
  let count = 0;
  columns.visit(range.fromMs, range.toMs, () => count++);
  if (count <= EXACT_SLICE_LIMIT) {
    const slices: SliceEvent[] = [];
    columns.visit(range.fromMs, range.toMs, (startMs, endMs, lane, tenant, batch) => {
      slices.push({ lane, tenant: columns.tenantName(tenant), startMs: ms(startMs), endMs: ms(endMs), batch, block: 0, blocks: 1 });
    });
    return { bars: timelineBars(slices, spanMs / width), exact: true, slices: count };
  }
  const cells = new Map<number, Cell[]>();
  const msPerPx = spanMs / width;
  columns.visit(range.fromMs, range.toMs, (startMs, endMs, lane, tenant, batch) => {
    let row = cells.get(lane);
    if (row === undefined) cells.set(lane, (row = []));
    const first = Math.max(0, Math.floor((startMs - range.fromMs) / msPerPx));
    const last = Math.min(width - 1, Math.floor((endMs - range.fromMs) / msPerPx));
    for (let px = first; px <= last; px++) {
      const cellFrom = range.fromMs + px * msPerPx;
      const overlapMs = Math.min(endMs, cellFrom + msPerPx) - Math.max(startMs, cellFrom);
      const cell = (row[px] ??= { busyMs: new Map(), requests: 0, slices: 0, longestMs: 0 });
      cell.busyMs.set(tenant, (cell.busyMs.get(tenant) ?? 0) + Math.max(0, overlapMs));
      if (px === last) {
        cell.requests += batch;
        cell.slices++;
        cell.longestMs = Math.max(cell.longestMs, endMs - startMs);
      }
    }
  });
  const bars: TimelineBar[] = [];
  for (const lane of [...cells.keys()].sort((a, b) => a - b)) {
    let bar: { -readonly [K in keyof TimelineBar]: TimelineBar[K] } | null = null;
    (cells.get(lane) ?? []).forEach((cell, px) => {
      let top = -1;
      let topMs = -1;
      for (const [tenant, ms] of cell.busyMs) if (ms > topMs) [top, topMs] = [tenant, ms];
      const tenant = columns.tenantName(top);
      const startMs = range.fromMs + px * msPerPx;
      if (bar !== null && bar.tenant === tenant && startMs - bar.endMs < msPerPx / 2) {
        bar.endMs = startMs + msPerPx;
        bar.slices += cell.slices;
        bar.requests += cell.requests;
        bar.longestMs = Math.max(bar.longestMs, cell.longestMs);
        return;
      }
      if (bar !== null) bars.push(bar);
      bar = { lane, tenant, startMs, endMs: startMs + msPerPx, slices: cell.slices, requests: cell.requests, longestMs: cell.longestMs };
    });
    if (bar !== null) bars.push(bar);
  }
  return { bars, exact: false, slices: count };
}

/**
 * A run's slices as the timeline reads them: functions over the page's columns, so that a frozen
 * snapshot can carry them (the store freezes objects, never functions, and the columns keep growing).
 */
export interface TimelineSource {
  /** Slices so far. */
  readonly count: () => number;
  /** Earliest start and latest end of every slice so far, ms; null before the first. */
  readonly extentMs: () => TimeRange | null;
  /** The bars of a range drawn `widthPx` wide (see {@link timelineView}). */
  readonly view: (range: TimeRange, widthPx: number) => TimelineView;
}

/** The timeline source over `columns`. */
export function timelineSource(columns: SliceColumns): TimelineSource {
  return { count: () => columns.length, extentMs: () => columns.extentMs(), view: (range, widthPx) => timelineView(columns, range, widthPx) };
}

/** A range `factor` times as wide around `centerMs` (factor < 1 zooms in), kept inside `extent` and at least `minSpanMs` wide. */
export function zoomRange(range: TimeRange, factor: number, centerMs: number, extent: TimeRange, minSpanMs = 10): TimeRange {
  const full = Math.max(minSpanMs, extent.toMs - extent.fromMs);
  const span = Math.min(full, Math.max(minSpanMs, (range.toMs - range.fromMs) * factor));
  return scrollRange({ fromMs: centerMs - span / 2, toMs: centerMs + span / 2 }, 0, extent);
}

/** A range moved by `deltaMs`, kept inside `extent` (its width unchanged when it fits). */
export function scrollRange(range: TimeRange, deltaMs: number, extent: TimeRange): TimeRange {
  const span = range.toMs - range.fromMs;
  const fromMs = Math.min(Math.max(extent.fromMs, range.fromMs + deltaMs), Math.max(extent.fromMs, extent.toMs - span));
  return { fromMs, toMs: fromMs + span };
}
