// Tests for the warm-up check of solo profiles: the first point of each lane measured again, every point again while the lane was warming, passes capped.
import { describe, expect, it } from 'vitest';
import { MAX_WARMING_PASSES, recheckWarmLanes, stillWarming, type MeasuredPoint, type RecheckPort } from './profile-recheck';
import { profilePoint } from './solo-profiler';

/** A port over lanes whose runs get faster with every measurement: medians from `speedOf(lane, measurementsSoFar)` times a point's base. */
function warmingPort(points: readonly MeasuredPoint[], baseMs: readonly number[], speedOf: (lane: number, measurements: number) => number) {
  const perLane = new Map<number, number>();
  const medians = points.map((p) => baseMs[p.index] as number);
  const calls: string[] = [];
  const lines: string[] = [];
  const port: RecheckPort<MeasuredPoint> = {
    medianOf: (p) => medians[p.index] as number,
    measure: (p) => {
      const n = (perLane.get(p.lane) ?? 0) + 1;
      perLane.set(p.lane, n);
      calls.push(p.label);
      const medianMs = (baseMs[p.index] as number) * speedOf(p.lane, n);
      return Promise.resolve(profilePoint(p.label, 1, 0, [medianMs], 0));
    },
    replace: (p, figures) => {
      medians[p.index] = figures.medianMs;
    },
    progress: (label) => lines.push(label),
  };
  return { port, medians, calls, lines };
}

const twoLanes: MeasuredPoint[] = [
  { index: 0, lane: 0, label: 'a@32 b1' },
  { index: 1, lane: 0, label: 'b@32 b1' },
  { index: 2, lane: 1, label: 'c@32 b1' },
];

describe('stillWarming', () => {
  it.each([
    [100, 95, false],
    [100, 90, false],
    [100, 89.9, true],
    [100, 130, false],
    [100, 20, true],
  ])('first %d ms, again %d ms: %s', (first, again, warming) => {
    expect(stillWarming(first, again)).toBe(warming);
  });
});

describe('recheckWarmLanes', () => {
  it('measures only the first point of each lane again when the lanes were warm, and keeps every figure', async () => {
    const { port, medians, calls } = warmingPort(twoLanes, [10, 20, 30], () => 1);
    const out = await recheckWarmLanes(twoLanes, port);
    expect(calls).toEqual(['a@32 b1', 'c@32 b1']);
    expect(medians).toEqual([10, 20, 30]);
    expect(out).toEqual([{ lane: 0, passes: 0, firstMediansMs: [10, 10] }, { lane: 1, passes: 0, firstMediansMs: [30, 30] }]);
  });

  it('measures every point of a lane that sped up again, until its first point agrees', async () => {
    // Lane 0 is warm from its 2nd measurement on (5x faster), lane 1 was warm all along.
    const { port, medians, calls, lines } = warmingPort(twoLanes, [10, 20, 30], (lane) => (lane === 0 ? 0.2 : 1));
    const out = await recheckWarmLanes(twoLanes, port);
    expect(calls).toEqual(['a@32 b1', 'b@32 b1', 'a@32 b1', 'c@32 b1']);
    expect(medians).toEqual([2, 4, 30]);
    expect(out[0]).toEqual({ lane: 0, passes: 1, firstMediansMs: [10, 2, 2] });
    expect(lines.some((l) => l.includes('b@32 b1: measured again, lane 0 was still warming up (a@32 b1 ran 80% faster'))).toBe(true);
  });

  it('stops after the last pass while the lane keeps speeding up, keeping the freshest figure of its first point', async () => {
    const points = twoLanes.slice(0, 2);
    const { port, medians, calls } = warmingPort(points, [100, 200], (_lane, n) => 0.5 ** n);
    const out = await recheckWarmLanes(points, port);
    expect(out[0]?.passes).toBe(MAX_WARMING_PASSES);
    // One check per pass plus the last check; the other point measured once per pass.
    expect(calls.filter((c) => c === 'a@32 b1')).toHaveLength(MAX_WARMING_PASSES + 1);
    expect(calls.filter((c) => c === 'b@32 b1')).toHaveLength(MAX_WARMING_PASSES);
    const last = out[0]?.firstMediansMs.at(-1) ?? NaN;
    expect(medians[0]).toBe(last);
    expect(medians[0]).toBeLessThan(100 * 0.5 ** MAX_WARMING_PASSES);
  });

  it('does nothing without measured points', async () => {
    const { port, calls } = warmingPort([], [], () => 1);
    expect(await recheckWarmLanes([], port)).toEqual([]);
    expect(calls).toEqual([]);
  });

});
