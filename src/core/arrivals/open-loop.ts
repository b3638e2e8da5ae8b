// Open-loop arrival processes: renewal processes (constant, Poisson, Gamma), a two-state MMPP, trace replay.
import type { Rng } from '../rng';
import { ms, type Ms, type PerSec } from '../units';
import { invariant } from '../assert';
import { sampleExponential, sampleGamma } from './samplers';
import type { OpenLoopSource } from './source';

/** Wraps a generator of instants so that it stops for good at `endMs`. */
function bounded(endMs: Ms, step: () => number): OpenLoopSource {
  let done = false;
  return {
    mode: 'open',
    next: () => {
      if (done) return undefined;
      const t = step();
      if (t < endMs) return ms(t);
      done = true;
      return undefined;
    },
  };
}

/** A renewal process: arrival k+1 = arrival k + an independent gap; the first gap starts at `firstMs`. */
function renewal(firstMs: number, gapMs: () => number, endMs: Ms): OpenLoopSource {
  let t: number | undefined;
  return bounded(endMs, () => {
    t = t === undefined ? firstMs : t + gapMs();
    return t;
  });
}

/** Evenly spaced arrivals at `ratePerSec` (> 0), starting at a random phase in [0, 1/rate). */
export function constantArrivals(ratePerSec: PerSec, rng: Rng, endMs: Ms): OpenLoopSource {
  invariant(ratePerSec > 0, 'constant rate > 0');
  const gap = 1000 / ratePerSec;
  return renewal(rng.next() * gap, () => gap, endMs);
}

/** A Poisson process at `ratePerSec` (> 0): exponential gaps with mean 1/rate. */
export function poissonArrivals(ratePerSec: PerSec, rng: Rng, endMs: Ms): OpenLoopSource {
  invariant(ratePerSec > 0, 'Poisson rate > 0');
  const mean = 1000 / ratePerSec;
  return renewal(sampleExponential(rng, mean), () => sampleExponential(rng, mean), endMs);
}

/**
 * Gamma-distributed gaps with mean 1/rate and coefficient of variation `cv`
 * (shape 1/cv^2): cv = 1 is Poisson, cv > 1 bursty, cv < 1 smoother than Poisson.
 */
export function gammaArrivals(ratePerSec: PerSec, cv: number, rng: Rng, endMs: Ms): OpenLoopSource {
  invariant(ratePerSec > 0 && cv > 0, 'Gamma rate > 0 and cv > 0');
  const shape = 1 / (cv * cv);
  const scale = 1000 / ratePerSec / shape;
  const gap = (): number => sampleGamma(rng, shape, scale);
  return renewal(gap(), gap, endMs);
}

/**
 * A two-state Markov-modulated Poisson process: in state i arrivals are Poisson at
 * `ratesPerSec[i]` (0 allowed) and the state lasts an exponential time with mean
 * `meanDwellMs[i]`. The initial state is drawn from the stationary distribution, so the
 * long-run rate is the dwell-weighted mean of the rates from the start.
 */
export function mmppArrivals(
  ratesPerSec: readonly [PerSec, PerSec],
  meanDwellMs: readonly [Ms, Ms],
  rng: Rng,
  endMs: Ms,
): OpenLoopSource {
  invariant(ratesPerSec.every((r) => r >= 0) && ratesPerSec.some((r) => r > 0), 'MMPP rates >= 0, one > 0');
  invariant(meanDwellMs.every((d) => d > 0), 'MMPP dwell times > 0');
  let state: 0 | 1 = rng.next() * (meanDwellMs[0] + meanDwellMs[1]) < meanDwellMs[0] ? 0 : 1;
  let t = 0;
  let stateEndMs = sampleExponential(rng, meanDwellMs[state]);
  return bounded(endMs, () => {
    for (;;) {
      const rate = ratesPerSec[state];
      // Exponential gaps are memoryless, so a gap cut by a state switch is simply redrawn in the new state.
      const gap = rate > 0 ? sampleExponential(rng, 1000 / rate) : Infinity;
      if (t + gap < stateEndMs) {
        t += gap;
        return t;
      }
      t = stateEndMs;
      if (t >= endMs) return t;
      state = state === 0 ? 1 : 0;
      stateEndMs = t + sampleExponential(rng, meanDwellMs[state]);
    }
  });
}

/** Replays `timestampsMs` (non-decreasing, ms from the start) exactly, up to the run's end. */
export function traceArrivals(timestampsMs: readonly Ms[], endMs: Ms): OpenLoopSource {
  let i = 0;
  return bounded(endMs, () => {
    const t = timestampsMs[i++];
    if (t === undefined) return Infinity;
    invariant(i < 2 || t >= (timestampsMs[i - 2] ?? 0), 'trace timestamps non-decreasing');
    return t;
  });
}

/**
 * Replays `gapsMs` (a built-in trace, time-scaled) in a loop: arrival k of the loop is the sum of the first
 * k gaps, wrapping to the first gap after the last. The run's instant 0 is `startMs` into the loop (default
 * 0): arrivals before it are skipped once (they come back with the next loop). No randomness: the same
 * trace at the same rate gives the same arrivals whatever the seed.
 */
export function replayArrivals(gapsMs: readonly number[], endMs: Ms, startMs = 0): OpenLoopSource {
  invariant(gapsMs.length > 0 && gapsMs.every((g) => g >= 0) && gapsMs.some((g) => g > 0), 'a replayed trace has gaps, none negative, not all zero');
  invariant(Number.isFinite(startMs) && startMs >= 0, 'a replay starts at a finite instant >= 0 into the trace');
  let t = -startMs;
  let i = 0;
  const step = (): number => {
    t += gapsMs[i] ?? 0;
    i = (i + 1) % gapsMs.length;
    return t;
  };
  return bounded(endMs, () => {
    let next = step();
    // Only before the first arrival: at most one loop's gaps when startMs is within the trace's span.
    while (next < 0) next = step();
    return next;
  });
}
