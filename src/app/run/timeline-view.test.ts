// Tests for the zoomable GPU timeline: ranges read from the slice columns, exact or per-pixel bars (bounded), zoom and scroll kept in the run.
import { describe, expect, it } from 'vitest';
import { SliceColumns, TenantIndex } from './event-columns';
import { EXACT_SLICE_LIMIT, scrollRange, timelineView, zoomRange } from './timeline-view';
import { ms } from '../../core/units';

/** `n` back-to-back 1 ms slices on `lanes` lanes, tenants a and b alternating. */
function columnsOf(n: number, lanes = 1): SliceColumns {
  const columns = new SliceColumns(new TenantIndex(['a', 'b']));
  for (let i = 0; i < n; i++) {
    columns.append({ lane: i % lanes, tenant: i % 2 === 0 ? 'a' : 'b', startMs: ms(i), endMs: ms(i + 1), batch: 1, block: 0, blocks: 1 });
  }
  return columns;
}

describe('SliceColumns.visit', () => {
  it('hands over exactly the slices that overlap the range, and knows the extent', () => {
    const columns = columnsOf(20_000);
    const seen: number[] = [];
    columns.visit(10_000.5, 10_003, (startMs) => seen.push(startMs));
    expect(seen).toEqual([10_000, 10_001, 10_002, 10_003]);
    expect(columns.extentMs()).toEqual({ fromMs: 0, toMs: 20_000 });
    expect(new SliceColumns(new TenantIndex([])).extentMs()).toBeNull();
  });
});

describe('timelineView', () => {
  it('draws every slice of a narrow range as its own bar', () => {
    const view = timelineView(columnsOf(1000), { fromMs: 100.5, toMs: 110 }, 800);
    expect(view.exact).toBe(true);
    expect(view.bars.map((b) => b.tenant).slice(0, 3)).toEqual(['a', 'b', 'a']);
  });

  it.each([
    [50_000, 1, 600],
    [200_000, 3, 1000],
  ])('%d slices on %d lane(s) over the whole run: at most lanes x width bars', (n, lanes, width) => {
    const view = timelineView(columnsOf(n, lanes), { fromMs: 0, toMs: n }, width);
    expect(n).toBeGreaterThan(EXACT_SLICE_LIMIT);
    expect(view.exact).toBe(false);
    expect(view.slices).toBe(n);
    expect(view.bars.length).toBeLessThanOrEqual(lanes * width);
    expect(view.bars.reduce((sum, b) => sum + b.requests, 0)).toBe(n);
  });
});

describe('zoomRange / scrollRange', () => {
  const extent = { fromMs: 0, toMs: 60_000 };
  it.each([
    [{ fromMs: 0, toMs: 60_000 }, 0.5, 30_000, { fromMs: 15_000, toMs: 45_000 }],
    [{ fromMs: 0, toMs: 10_000 }, 0.5, 0, { fromMs: 0, toMs: 5000 }],
    [{ fromMs: 50_000, toMs: 60_000 }, 100, 55_000, { fromMs: 0, toMs: 60_000 }],
    [{ fromMs: 0, toMs: 20 }, 0.01, 10, { fromMs: 5, toMs: 15 }],
  ])('zoom %o by %d around %d -> %o', (range, factor, center, expected) => {
    expect(zoomRange(range, factor, center, extent)).toEqual(expected);
  });

  it.each([
    [{ fromMs: 0, toMs: 5000 }, 2000, { fromMs: 2000, toMs: 7000 }],
    [{ fromMs: 0, toMs: 5000 }, -2000, { fromMs: 0, toMs: 5000 }],
    [{ fromMs: 50_000, toMs: 55_000 }, 9000, { fromMs: 55_000, toMs: 60_000 }],
  ])('scroll %o by %d -> %o', (range, delta, expected) => {
    expect(scrollRange(range, delta, extent)).toEqual(expected);
  });
});
