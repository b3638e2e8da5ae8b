// Tests for the chart refresh queue: one refresh per macrotask in order, a refresh that throws does not stop the rest, measures stay bounded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHART_MEASURE_PREFIX, enqueueRefresh, MAX_CHART_MEASURES, measureRefresh } from './refresh-queue';

describe('enqueueRefresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one refresh per macrotask, oldest first', () => {
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) enqueueRefresh(() => ran.push(name));
    expect(ran).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['a']);
    vi.runAllTimers();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('goes on after a refresh that throws, and takes new refreshes afterwards', () => {
    const ran: string[] = [];
    enqueueRefresh(() => {
      throw new Error('render failed');
    });
    enqueueRefresh(() => ran.push('after'));
    expect(() => vi.advanceTimersToNextTimer()).toThrow('render failed');
    vi.runAllTimers();
    expect(ran).toEqual(['after']);
    enqueueRefresh(() => ran.push('later'));
    vi.runAllTimers();
    expect(ran).toEqual(['after', 'later']);
  });
});

describe('measureRefresh', () => {
  it(`keeps at most ${String(MAX_CHART_MEASURES)} measures per chart`, () => {
    const name = `${CHART_MEASURE_PREFIX}bounded-test`;
    for (let i = 0; i < MAX_CHART_MEASURES * 2 + 10; i++) measureRefresh('bounded-test', performance.now());
    const kept = performance.getEntriesByName(name, 'measure').length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(MAX_CHART_MEASURES);
    performance.clearMeasures(name);
  });
});
