import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_WARMUP_DEFAULTS, LATER_SESSION_MIN_MS, warmSessionOnce, warmUntilSettled, windowsAgree, type CodeWarmupSettings } from './code-warmup';

/** A lane whose run time is `msAt(runsSoFar)`: each call returns that many runs. */
function lane(msAt: (run: number) => number): { timed: (runs: number) => Promise<readonly number[]>; calls: number[] } {
  let done = 0;
  const calls: number[] = [];
  return {
    calls,
    timed: (runs) => {
      calls.push(runs);
      const out = Array.from({ length: runs }, (_, i) => msAt(done + i));
      done += runs;
      return Promise.resolve(out);
    },
  };
}

describe('windowsAgree', () => {
  it.each([
    [[10, 10.5, 9.6, 10.2], true],
    [[10, 10.5, 9.6], false], // too few windows
    [[30, 10, 10.5, 9.6, 10.2], true], // only the last four count
    [[10, 10.5, 9.6, 12], false],
    [[0, 0, 0, 0], false],
  ])('%j -> %s', (medians, agree) => {
    expect(windowsAgree(medians, CODE_WARMUP_DEFAULTS)).toBe(agree);
  });
});

describe('warmUntilSettled', () => {
  it('keeps a lane that steps down from 20 ms to 4 ms (with a plateau at 8 ms) warming until the 4 ms runs settle', async () => {
    // 20 ms for 100 runs (2 s), a plateau of 8 ms for 100 runs (0.8 s, agreeing windows), then 4 ms: the plateau ends before minMs.
    const fake = lane((run) => (run < 100 ? 20 : run < 200 ? 8 : 4));
    const warm = await warmUntilSettled(fake.timed);
    expect(warm.settled).toBe(true);
    expect(warm.windowMediansMs.at(-1)).toBe(4);
    expect(warm.runMs).toBeGreaterThanOrEqual(CODE_WARMUP_DEFAULTS.minMs);
    // Windows are sized to about windowMs of runs at the last median.
    expect(fake.calls[0]).toBe(1);
    expect(fake.calls.at(-1)).toBe(Math.round(CODE_WARMUP_DEFAULTS.windowMs / 4));
  });

  it('stops at maxMs, not settled, when run times never agree', async () => {
    const fake = lane((run) => (run % 2 === 0 ? 5 : 50) * (1 + (Math.floor(run / 7) % 3)));
    const warm = await warmUntilSettled(fake.timed, { ...CODE_WARMUP_DEFAULTS, maxMs: 2000, minMs: 1000, windows: 30 });
    expect(warm.settled).toBe(false);
    expect(warm.runMs).toBeGreaterThanOrEqual(2000);
  });

  it('rejects a lane that returns no runs', async () => {
    await expect(warmUntilSettled(() => Promise.resolve([]))).rejects.toThrow(/no timed runs/);
  });

  it('always ends: by maxMs plus one window at most, settled only on agreeing windows past minMs (any run times)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0.05, max: 400, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.record({ windowMs: fc.integer({ min: 10, max: 500 }), windows: fc.integer({ min: 1, max: 6 }), tolerance: fc.double({ min: 0, max: 0.5, noNaN: true }), minMs: fc.integer({ min: 0, max: 3000 }), maxMs: fc.integer({ min: 1, max: 5000 }), maxWindowRuns: fc.integer({ min: 1, max: 100 }) }),
        async (pattern, settings: CodeWarmupSettings) => {
          const fake = lane((run) => pattern[run % pattern.length] ?? 1);
          const warm = await warmUntilSettled(fake.timed, settings);
          const longestRun = Math.max(...pattern);
          expect(warm.runMs).toBeLessThanOrEqual(settings.maxMs + settings.maxWindowRuns * longestRun + 1e-6);
          // Every window counted, only the last ones kept.
          expect(warm.windows).toBe(fake.calls.length);
          expect(warm.windowMediansMs.length).toBe(Math.min(settings.windows, warm.windows));
          if (warm.settled) {
            expect(warm.runMs).toBeGreaterThanOrEqual(settings.minMs);
            expect(windowsAgree(warm.windowMediansMs, settings)).toBe(true);
          } else {
            expect(warm.runMs).toBeGreaterThanOrEqual(settings.maxMs);
          }
        },
      ),
      { numRuns: 200, seed: 14 },
    );
  });
});

describe('warmSessionOnce', () => {
  it('warms a session once in the lane\'s life (a second call does nothing); a later session needs less time once the lane is warm', async () => {
    const fake = lane(() => 5);
    const client = { profile: (_key: string, _batch: number, _warm: number, runs: number) => fake.timed(runs) };
    const slot = { client: client as never, warmKeys: new Set<string>() };
    const first = await warmSessionOnce(slot, 'a');
    expect(first?.runMs).toBeGreaterThanOrEqual(CODE_WARMUP_DEFAULTS.minMs);
    expect([...slot.warmKeys]).toEqual(['a']);
    const calls = fake.calls.length;
    expect(await warmSessionOnce(slot, 'a')).toBeNull();
    expect(fake.calls.length).toBe(calls);
    const later = await warmSessionOnce(slot, 'b');
    expect(later?.runMs).toBeGreaterThanOrEqual(LATER_SESSION_MIN_MS);
    expect(later?.runMs).toBeLessThan(CODE_WARMUP_DEFAULTS.minMs);
    expect([...slot.warmKeys]).toEqual(['a', 'b']);
  });

  it('does not mark a session warm when the lane\'s client was replaced (rebuilt) while it warmed', async () => {
    const slot: { client: never; warmKeys: Set<string> } = { client: null as never, warmKeys: new Set() };
    const fake = lane(() => 5);
    slot.client = { profile: (_k: string, _b: number, _w: number, runs: number) => { slot.client = {} as never; return fake.timed(runs); } } as never;
    await warmSessionOnce(slot, 'k', { ...CODE_WARMUP_DEFAULTS, minMs: 0, windows: 1 });
    expect(slot.warmKeys.size).toBe(0);
  });
});
