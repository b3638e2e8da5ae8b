// Tests for the timeline's bars: merging below a pixel, per lane and per tenant, with counts kept.
import { describe, expect, it } from 'vitest';
import type { SliceEvent } from '../../engine/engine-protocol';
import { timelineBars } from './timeline';
import { ms } from '../../core/units';

const slice = (lane: number, tenant: string, startMs: number, endMs: number, batch = 1): SliceEvent => ({ lane, tenant, startMs: ms(startMs), endMs: ms(endMs), batch, block: 0, blocks: 1 });

describe('timelineBars', () => {
  it('merges back-to-back slices of one tenant closer than a pixel, keeping counts and the longest slice', () => {
    const bars = timelineBars([slice(0, 'a', 0, 1), slice(0, 'a', 1.2, 2, 4), slice(0, 'a', 2.1, 5)], 0.5);
    expect(bars).toEqual([{ lane: 0, tenant: 'a', startMs: 0, endMs: 5, slices: 3, requests: 6, longestMs: 2.9 }]);
  });

  it('never merges across tenants, lanes, or a gap of a pixel or more', () => {
    const bars = timelineBars([slice(0, 'a', 0, 1), slice(0, 'b', 1, 2), slice(1, 'a', 0, 1), slice(0, 'b', 3, 4)], 1);
    expect(bars.map((b) => [b.lane, b.tenant, b.startMs, b.endMs])).toEqual([[0, 'a', 0, 1], [0, 'b', 1, 2], [0, 'b', 3, 4], [1, 'a', 0, 1]]);
  });

  it('sorts each lane by start even when slices arrive out of order', () => {
    const bars = timelineBars([slice(0, 'a', 10, 11), slice(0, 'a', 0, 1)], 0.1);
    expect(bars.map((b) => b.startMs)).toEqual([0, 10]);
  });
});
