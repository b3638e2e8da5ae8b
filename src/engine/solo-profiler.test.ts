// Tests for solo profiles measured until stable: windows sized by the median, perf_analyzer's rule, the run cap, time-left estimates.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STABILITY } from '../core/characterize/stability';
import { pendingProfileMs, profilePoint, profileUntilStable, windowRunsFor, type ProfileWindowProgress, type StableProfileSettings } from './solo-profiler';

const settings = (maxRuns: number, windowMs = 300): StableProfileSettings => ({ rule: DEFAULT_STABILITY, maxRuns, windowMs });

/** A lane whose n-th timed run takes `latency(n)` ms; records every call as [warmupRuns, runs]. */
function fakeTimed(latency: (n: number) => number) {
  const calls: [number, number][] = [];
  let n = 0;
  const timed = (warmupRuns: number, runs: number): Promise<readonly number[]> => {
    calls.push([warmupRuns, runs]);
    return Promise.resolve(Array.from({ length: runs }, () => latency(n++)));
  };
  return { timed, calls };
}

describe('windowRunsFor', () => {
  it.each([
    // medianMs, maxRuns, expected runs per window
    [1, 30, 9], // 300 runs wanted, 3 windows must fit in 29 runs
    [50, 30, 6],
    [715, 30, 1], // a software adapter: one run per window
    [10, 5, 1],
    [0, 30, 9],
  ])('median %d ms, at most %d runs: %d per window', (medianMs, maxRuns, expected) => {
    expect(windowRunsFor(medianMs, settings(maxRuns))).toBe(expected);
  });
});

describe('profileUntilStable', () => {
  it('stops after the rule\'s three windows when every run takes the same time, warm-up only before the sizing run', async () => {
    const { timed, calls } = fakeTimed(() => 50);
    const windows: ProfileWindowProgress[] = [];
    const out = await profileUntilStable(timed, 3, settings(30), (w) => windows.push(w));
    expect(out).toMatchObject({ verdict: 'stable', windows: 3, runs: 19 });
    expect(out.latenciesMs).toHaveLength(18);
    expect(calls).toEqual([[3, 1], [0, 6], [0, 6], [0, 6]]);
    expect(windows.map((w) => w.leftMs)).toEqual([2 * 6 * 50, 6 * 50, 0]);
  });

  it('keeps measuring while a slow start settles, and reads the figures from the settled windows only', async () => {
    // The first 13 runs are slow and getting faster (shaders, caches), then 10 ms.
    const { timed } = fakeTimed((n) => (n < 13 ? 40 - 2 * n : 10));
    const out = await profileUntilStable(timed, 0, settings(200, 60));
    expect(out.verdict).toBe('stable');
    expect(out.windows).toBeGreaterThan(3);
    expect(out.latenciesMs.reduce((a, b) => Math.max(a, b), -Infinity)).toBe(10);
  });

  it.each([5, 30, 100])('a point that never settles ends unstable within at most %d runs', async (maxRuns) => {
    const { timed } = fakeTimed((n) => (Math.floor(n / 3) % 2 === 0 ? 10 : 30));
    const out = await profileUntilStable(timed, 2, settings(maxRuns, 30));
    expect(out.verdict).toBe('unstable');
    expect(out.runs).toBeLessThanOrEqual(maxRuns);
    expect(out.windows).toBeLessThanOrEqual(DEFAULT_STABILITY.maxWindows);
  });

  it('a point records its verdict and window count', () => {
    const point = profilePoint('m@32', 1, 3, [10, 11, 12], 5, { verdict: 'stable', windows: 3 });
    expect(point).toMatchObject({ stability: 'stable', windows: 3, samples: 3, medianMs: 11 });
    expect(profilePoint('m@32', 1, 3, [10], 5)).not.toHaveProperty('stability');
  });
});

describe('pendingProfileMs', () => {
  it('scales the current median by batch and counts warm-up, sizing and three windows per point', () => {
    // batch 2 at 20 ms: 300 ms windows hold 15 runs, capped at 9 (29 runs for three windows).
    expect(pendingProfileMs([2], { batch: 1, medianMs: 10 }, 3, settings(30))).toBe(20 * (3 + 1 + 3 * 9));
    expect(pendingProfileMs([], { batch: 1, medianMs: 10 }, 3, settings(30))).toBe(0);
  });
});
