// Tests for the trailing-window rate counter.
import { describe, expect, it } from 'vitest';
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
