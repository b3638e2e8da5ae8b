// Tests of the timeline a comparison keeps: the newest TIMELINE_MAX_SLICES slices, drawn again the same way, and a file's rows validated.
import { describe, expect, it } from 'vitest';
import { safeParseWith } from '../../core/experiment';
import { ms } from '../../core/units';
import type { SliceEvent } from '../../engine/engine-protocol';
import { TIMELINE_MAX_SLICES } from '../run/run-series';
import { TimelineRecordSchema } from './timeline-record';
import { RunSlices, timelineOfRecord } from './variant-timelines';

const slice = (k: number, tenant: string, lane = 0): SliceEvent => ({ lane, tenant, startMs: ms(k * 2 + 1 / 3), endMs: ms(k * 2 + 1.5), batch: 1 + (k % 4), block: k % 2, blocks: 2 });

describe('timeline records', () => {
  it.each([
    [10, 10],
    [TIMELINE_MAX_SLICES, TIMELINE_MAX_SLICES],
    [TIMELINE_MAX_SLICES + 1234, TIMELINE_MAX_SLICES],
  ])('a run of %i slices keeps the newest %i, times to the microsecond', (count, kept) => {
    const run = new RunSlices(['a', 'b']);
    run.add(Array.from({ length: count }, (_, k) => slice(k, k % 3 === 0 ? 'b' : 'a')));
    const record = run.record(1, 'wasm');
    expect(record).toMatchObject({ lanes: 1, cpuOnly: true, sliceCount: count });
    expect(record.slices).toHaveLength(kept);
    const first = count - kept;
    expect(record.slices[0]).toEqual([first * 2 + 0.333, first * 2 + 1.5, 0, first % 3 === 0 ? 1 : 0, 1 + (first % 4), first % 2, 2]);
    expect(safeParseWith(TimelineRecordSchema, JSON.parse(JSON.stringify(record))).ok).toBe(true);
    const drawn = timelineOfRecord('v', ['a', 'b'], record);
    expect(drawn.source.count()).toBe(kept);
    expect(drawn.sliceCount).toBe(count > kept ? count : null);
    expect(drawn.source.extentMs()).toEqual({ fromMs: first * 2 + 0.333, toMs: (count - 1) * 2 + 1.5 });
  });

  it('leaves out a slice of a tenant the variant does not have, and counts lanes from the slices when the engine gave none', () => {
    const run = new RunSlices(['a']);
    run.add([slice(0, 'a', 2), slice(1, 'zz')]);
    const record = run.record(0, 'webgpu');
    expect(record).toMatchObject({ lanes: 3, cpuOnly: false, sliceCount: 2 });
    expect(record.slices.map((s) => s[3])).toEqual([0]);
  });
});
