// Live bracket search: known answers with a fake probe, noisy verdicts, and a fast-check property for monotone oracles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { MAX_FACTOR } from './capacity';
import {
  initialLiveBracket, liveBracketOptionIssues, liveStopReason, nextLiveFactor, searchLiveBracket, updateLiveBracket,
  type LiveBracketOptions, type SimulatedBracket,
} from './live-bracket';

/** A probe that holds exactly up to `threshold`, recording each factor asked. */
const monotone = (threshold: number) => {
  const asked: number[] = [];
  const probe = (factor: number) => {
    asked.push(factor);
    return Promise.resolve({ holds: factor <= threshold, record: factor });
  };
  return { asked, probe };
};

describe('nextLiveFactor / updateLiveBracket', () => {
  it('starts at the simulated holding factor and steps by the simulated bracket width', () => {
    const s0 = initialLiveBracket({ holdsFactor: 2, failsFactor: 2.5 });
    expect(nextLiveFactor(s0)).toBe(2);
    const s1 = updateLiveBracket(s0, 2, true);
    expect(nextLiveFactor(s1)).toBeCloseTo(2.5, 12);
    const s2 = updateLiveBracket(s1, 2.5, true);
    // Expanding again: doubling, as the simulated search does.
    expect(nextLiveFactor(s2)).toBeCloseTo(5, 12);
    const s3 = updateLiveBracket(s2, 5, false);
    expect(nextLiveFactor(s3)).toBeCloseTo(Math.sqrt(2.5 * 5), 12);
  });

  it.each<[SimulatedBracket, number]>([
    [{ holdsFactor: null, failsFactor: 1 / 8 }, 1 / 8 / 1.1],
    [{ holdsFactor: 64, failsFactor: null }, 64],
    [{ holdsFactor: 1, failsFactor: 1.02 }, 1],
  ])('starts at the right factor from %j', (sim, first) => {
    expect(nextLiveFactor(initialLiveBracket(sim))).toBeCloseTo(first, 12);
  });

  it('never steps below the floor or above the ceiling, and stops there', () => {
    const low = updateLiveBracket(initialLiveBracket({ holdsFactor: 1 / MAX_FACTOR, failsFactor: null }), 1 / MAX_FACTOR, false);
    expect(liveStopReason(low)).toBe('fails-at-floor');
    const high = updateLiveBracket(initialLiveBracket({ holdsFactor: MAX_FACTOR, failsFactor: null }), MAX_FACTOR, true);
    expect(liveStopReason(high)).toBe('holds-at-ceiling');
    expect(nextLiveFactor(high)).toBeNull();
  });

  it.each<[LiveBracketOptions, string[]]>([
    [{}, []],
    [{ resolution: 0 }, ['resolution']],
    [{ maxProbes: 0 }, ['maxProbes']],
    [{ maxProbes: 2.5, resolution: 1 }, ['resolution', 'maxProbes']],
  ])('option issues of %j', (options, paths) => {
    expect(liveBracketOptionIssues(options).map((i) => i.path)).toEqual(paths);
  });
});

describe('searchLiveBracket', () => {
  it.each<[string, SimulatedBracket, number, number, number, string]>([
    // Live agrees with the simulation: two probes confirm [2, 2.2].
    ['agrees', { holdsFactor: 2, failsFactor: 2.04 }, 2.1, 2, 2.2, 'bracketed'],
    // Live is weaker: the simulated holding factor fails; down by 1.1, then halving, then bisection.
    ['weaker', { holdsFactor: 2, failsFactor: 2.04 }, 1.7, 1.6672800785539477, 1.8181818181818181, 'bracketed'],
    // Live is stronger: up past the simulated failing factor by 1.5, then doubling, then bisection.
    ['stronger', { holdsFactor: 1, failsFactor: 1.5 }, 2.4, 2.313316238111911, 2.5226892457611436, 'bracketed'],
  ])('known answer (%s)', async (_name, sim, threshold, holds, fails, outcome) => {
    const { probe } = monotone(threshold);
    const result = await searchLiveBracket(sim, probe, { maxProbes: 8 });
    expect(result.outcome).toBe(outcome);
    expect(result.holdsFactor).toBeCloseTo(holds, 9);
    expect(result.failsFactor).toBeCloseTo(fails, 9);
  });

  it('stops at the budget with a wide bracket or one side only', async () => {
    const wide = await searchLiveBracket({ holdsFactor: 1, failsFactor: 4 }, monotone(1.5).probe, { maxProbes: 2 });
    expect(wide).toMatchObject({ outcome: 'bracketed-wide', holdsFactor: 1, failsFactor: 4 });
    const one = await searchLiveBracket({ holdsFactor: 1, failsFactor: 1.1 }, monotone(100).probe, { maxProbes: 3 });
    expect(one.outcome).toBe('unbracketed');
    expect(one.failsFactor).toBeNull();
    expect(one.probes).toHaveLength(3);
  });

  it('stops between probes when cancelled, keeping what it measured', async () => {
    let calls = 0;
    const result = await searchLiveBracket({ holdsFactor: 1, failsFactor: 2 }, (f) => Promise.resolve({ holds: f < 1.3, record: ++calls }), {
      cancelled: () => calls >= 2,
    });
    // Probe 1 (at 1x) held; probe 2 (at 2x) ran into the cancel: kept as measured, not as a failure.
    expect(result).toMatchObject({ outcome: 'cancelled', probes: [1, 2], holdsFactor: 1, failsFactor: null });
  });

  it('passes a probe error through', async () => {
    await expect(searchLiveBracket({ holdsFactor: 1, failsFactor: 2 }, () => Promise.reject(new Error('lane lost')))).rejects.toThrow('lane lost');
  });

  it.each([1, 2, 3, 4, 5])('noisy verdicts (seed %i): holds < fails, every probe inside the bracket so far, within budget', async (seed) => {
    const rng = createRng(seed);
    const threshold = 1.5;
    const seen: { factor: number; holds: number | null; fails: number | null }[] = [];
    const result = await searchLiveBracket(
      { holdsFactor: 1.4, failsFactor: 1.45 },
      (factor, _i, state) => {
        seen.push({ factor, holds: state.holds, fails: state.fails });
        // 30% of verdicts flipped.
        const truth = factor <= threshold;
        return Promise.resolve({ holds: rng.next() < 0.3 ? !truth : truth, record: factor });
      },
      { maxProbes: 8, resolution: 0.02 },
    );
    expect(result.probes.length).toBeLessThanOrEqual(8);
    if (result.holdsFactor !== null && result.failsFactor !== null) expect(result.holdsFactor).toBeLessThan(result.failsFactor);
    for (const s of seen) {
      if (s.holds !== null) expect(s.factor).toBeGreaterThan(s.holds);
      if (s.fails !== null) expect(s.factor).toBeLessThan(s.fails);
    }
  });

  it('property: for a monotone oracle the bracket always contains the threshold', async () => {
    const factor = fc.double({ min: 1 / 512, max: 512, noNaN: true });
    await fc.assert(
      fc.asyncProperty(factor, fc.option(factor, { nil: null }), fc.option(factor, { nil: null }), fc.integer({ min: 1, max: 20 }), async (threshold, h, f, maxProbes) => {
        const sim = { holdsFactor: h, failsFactor: h !== null && f !== null && f <= h ? null : f };
        const result = await searchLiveBracket(sim, monotone(threshold).probe, { maxProbes });
        if (result.holdsFactor !== null) expect(result.holdsFactor).toBeLessThanOrEqual(threshold);
        if (result.failsFactor !== null) expect(result.failsFactor).toBeGreaterThan(threshold);
        expect(result.probes.length).toBeLessThanOrEqual(maxProbes);
        if (result.outcome === 'bracketed') expect((result.failsFactor ?? 0) / (result.holdsFactor ?? 1)).toBeLessThanOrEqual(1.1 + 1e-12);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
