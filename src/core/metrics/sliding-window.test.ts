// Tests for the trailing-window rate counter.
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { SlidingWindow } from './sliding-window';

describe('SlidingWindow', () => {
  it('counts events in (now - window, now] per second', () => {
    const w = new SlidingWindow(1000, 0);
    for (let t = 10; t <= 3000; t += 10) w.add(t); // 100 events per second
    expect(w.ratePerSec(3000)).toBeCloseTo(100, 9);
    expect(w.ratePerSec(3500)).toBeCloseTo(50, 9);
    expect(w.ratePerSec(4000)).toBe(0);
  });

  it('clips the window at the start of the measured period', () => {
    const w = new SlidingWindow(1000, 2000);
    [2100, 2200, 2300, 2400].forEach((t) => w.add(t));
    expect(w.ratePerSec(2500)).toBeCloseTo(8, 9); // 4 events in 0.5 s
    expect(w.ratePerSec(2000)).toBe(0);
  });

  it('accepts slightly out-of-order instants', () => {
    const w = new SlidingWindow(100, 0);
    [10, 30, 20, 50, 40].forEach((t) => w.add(t));
    expect(w.ratePerSec(35)).toBeCloseTo(3 * 1000 / 35, 9);
  });

  it('stays exact after compacting over a long run', () => {
    const w = new SlidingWindow(50, 0);
    for (let t = 0; t < 200_000; t++) w.add(t);
    expect(w.ratePerSec(199_999)).toBeCloseTo(1000, 9);
  });
});

/** Instants 0..durationMs, nearly sorted: each is its slot's time plus jitter of up to `disorderMs` either way. */
function jittered(seed: number, count: number, durationMs: number, disorderMs: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => Math.max(0, (i * durationMs) / count + (rng.next() * 2 - 1) * disorderMs));
}

/**
 * The documented behaviour, by brute force over every instant added: events in (from, now] among those
 * not yet forgotten (forgotten: at or before the latest instant so far minus the window).
 */
function referenceRate(added: readonly number[], windowMs: number, startMs: number, nowMs: number): number {
  const from = Math.max(nowMs - windowMs, startMs);
  if (nowMs - from <= 0) return 0;
  const cutoff = Math.max(...added) - windowMs;
  const count = added.filter((t) => t > cutoff && t > from && t <= nowMs).length;
  return (count * 1000) / (nowMs - from);
}

describe('SlidingWindow against a brute-force reference', () => {
  // [seed, events, duration ms, window ms, start ms, disorder ms]
  const cases: [number, number, number, number, number, number][] = [
    [1, 3000, 10_000, 1000, 0, 0],
    [2, 3000, 10_000, 1000, 500, 3],
    [3, 5000, 2_000, 100, 0, 20], // out of order by more than an event gap
    [4, 400, 50_000, 1000, 0, 0.5], // sparse: windows often nearly empty
    [5, 20_000, 5_000, 2500, 1000, 1], // many kept: the buffer doubles
  ];

  it.each(cases)('seed %d: %d events over %d ms, window %d ms, start %d ms, disorder %d ms', (seed, count, durationMs, windowMs, startMs, disorderMs) => {
    const instants = jittered(seed, count, durationMs, disorderMs);
    const w = new SlidingWindow(windowMs, startMs);
    const rng = createRng(seed + 100);
    instants.forEach((t, i) => {
      w.add(t);
      if (i % 97 === 0 || i === instants.length - 1) {
        const added = instants.slice(0, i + 1);
        const latest = Math.max(...added);
        // At the latest instant, after it, and a little before it.
        for (const nowMs of [latest, latest + rng.next() * windowMs, latest - rng.next() * windowMs * 0.5]) {
          expect(w.ratePerSec(nowMs)).toBeCloseTo(referenceRate(added, windowMs, startMs, nowMs), 9);
        }
      }
    });
  });

  it.each([
    [11, 4, 1000, 0],
    [12, 16, 200, 5],
    [13, 3, 50, 0.5],
  ])('seed %d: %d merged windows (window %d ms, disorder %d ms) equal one window fed every instant', (seed, parts, windowMs, disorderMs) => {
    const instants = jittered(seed, 4000, 8000, disorderMs);
    const rng = createRng(seed);
    const windows = Array.from({ length: parts }, () => new SlidingWindow(windowMs, 100));
    const all = new SlidingWindow(windowMs, 100);
    for (const t of instants) {
      windows[Math.floor(rng.next() * parts)]?.add(t);
      all.add(t);
    }
    const merged = new SlidingWindow(windowMs, 100);
    windows.forEach((w) => merged.merge(w));
    const latest = Math.max(...instants);
    for (const nowMs of [latest, latest + windowMs / 3, latest - windowMs / 4, latest + 2 * windowMs]) {
      expect(merged.ratePerSec(nowMs)).toBe(all.ratePerSec(nowMs));
    }
    expect(merged.ratePerSec(latest)).toBeGreaterThan(0);
  });

  it('refuses to merge windows of another length or start', () => {
    expect(() => new SlidingWindow(1000, 0).merge(new SlidingWindow(500, 0))).toThrow(/same length and start/);
    expect(() => new SlidingWindow(1000, 0).merge(new SlidingWindow(1000, 5))).toThrow(/same length and start/);
  });

  it.each([100, 500, 5000])('its buffer stays about twice one window at %d events/s over 200k events (no growth with the run)', (perSec) => {
    const w = new SlidingWindow(1000, 0);
    const rng = createRng(4);
    let t = 0;
    let most = 0;
    for (let i = 0; i < 200_000; i++) {
      t += (1000 / perSec) * 2 * rng.next();
      w.add(t);
      most = Math.max(most, w.capacity);
    }
    // Events in one window: perSec on average (Poisson-like spacing: a little more at times).
    expect(most).toBeLessThanOrEqual(4 * Math.max(64, perSec * 1.2));
    expect(w.ratePerSec(t)).toBeGreaterThan(perSec * 0.8);
  });
});
