// Unit tests of the loop's batch accounting: timing summed over blocks, a batch given up once with blocks still on its lane.
import { describe, expect, it } from 'vitest';
import type { Dispatch, SchedRequest } from '../scheduler/types';
import { ms } from '../units';
import { BatchTracker } from './batch-tracker';

const batch: readonly SchedRequest[] = [0, 1].map((id) => ({ id, tenant: 0, arrivalMs: ms(0), deadlineMs: ms(100) }));
const slice = (block: number, blocks = 3): Dispatch => ({ kind: 'dispatch', tenant: 0, requests: batch, laneId: 0, block, blocks });
const timing = (startMs: number, endMs: number, gpuMs?: number) => ({ startMs: ms(startMs), endMs: ms(endMs), serviceMs: ms(endMs - startMs), ...(gpuMs === undefined ? {} : { gpuMs: ms(gpuMs) }) });

describe('BatchTracker', () => {
  it('sums a batch\'s blocks into one BatchDone at its last block, with its first start and last end', () => {
    const tracker = new BatchTracker(1);
    [0, 1, 2].forEach((b) => tracker.dispatched(slice(b)));
    expect(tracker.running[0]).toBe(2);
    expect(tracker.sliceDone(slice(0), timing(0, 2, 1))).toEqual({ kind: 'between', onLane: 2 });
    expect(tracker.sliceDone(slice(1), timing(2, 5, 1))).toEqual({ kind: 'between', onLane: 1 });
    expect(tracker.sliceDone(slice(2), timing(6, 7, 1))).toEqual({ kind: 'completed', done: { lane: 0, batch: 2, startMs: 0, endMs: 7, serviceMs: 6, gpuMs: 3 } });
    expect(tracker.anyRunning()).toBe(false);
    expect(tracker.retained()).toEqual({ onLane: 0, givenUp: 0 });
  });

  it('has no GPU time for a batch when one block had none', () => {
    const tracker = new BatchTracker(1);
    [0, 1].forEach((b) => tracker.dispatched(slice(b, 2)));
    tracker.sliceDone(slice(0, 2), timing(0, 1, 1));
    const end = tracker.sliceDone(slice(1, 2), timing(1, 2));
    expect(end.kind === 'completed' && end.done.gpuMs).toBeUndefined();
  });

  it.each([
    ['failed', (t: BatchTracker) => t.sliceFailed(slice(1))],
    ['ended', (t: BatchTracker) => t.sliceDone(slice(1), timing(1, 2)).kind !== 'given-up'],
  ] as const)('a batch dropped with a block still on its lane: that block %s later counts for nothing', (_how, end) => {
    const tracker = new BatchTracker(1);
    [0, 1].forEach((b) => tracker.dispatched(slice(b)));
    expect(tracker.sliceFailed(slice(0))).toBe(true);
    tracker.drop(batch);
    expect(tracker.running[0]).toBe(0);
    expect(tracker.retained()).toEqual({ onLane: 1, givenUp: 1 });
    expect(end(tracker)).toBe(false);
    expect(tracker.retained()).toEqual({ onLane: 0, givenUp: 0 });
  });
});
