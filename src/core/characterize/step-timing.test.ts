// Tests of the time breakdown: per-phase totals and the printed lines.
import { describe, expect, it } from 'vitest';
import type { StepTiming } from './report-schema';
import { formatBreakdown, phaseTimes } from './step-timing';

const step = (phase: StepTiming['phase'], label: string, wallMs: number, setupMs: number, windows = 3): StepTiming => ({ phase, label, wallMs, setupMs, windows });

describe('phaseTimes', () => {
  it('sums each phase in phase order and names its slowest step', () => {
    const steps = [step('cells', 'c1', 2000, 500), step('solo', 's1', 5000, 4000), step('solo', 's2', 1000, 100), step('capacity', 'cap', 300, 0, 0)];
    expect(phaseTimes(steps)).toEqual([
      { phase: 'solo', steps: 2, wallMs: 6000, setupMs: 4100, slowest: steps[1] },
      { phase: 'cells', steps: 1, wallMs: 2000, setupMs: 500, slowest: steps[0] },
      { phase: 'capacity', steps: 1, wallMs: 300, setupMs: 0, slowest: steps[3] },
    ]);
  });

  it('is empty without steps', () => {
    expect(phaseTimes([])).toEqual([]);
    expect(formatBreakdown([])).toBe('time per phase:');
  });
});

describe('formatBreakdown', () => {
  it('prints one line per phase, then the slowest steps first', () => {
    const text = formatBreakdown([step('solo', 'solo a batch 1', 5000, 4000), step('solo', 'solo a batch 2', 1000, 100), step('cells', 'pair', 2000, 500)], 2);
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^ {2}solo\s+2 steps\s+6\.0 s\s+setup\s+4\.1 s\s+slowest 5\.0 s \(solo a batch 1\)$/);
    expect(lines[3]).toBe('slowest 2 steps:');
    expect(lines[4]).toContain('solo a batch 1');
    expect(lines[5]).toContain('pair');
    expect(lines).toHaveLength(6);
  });
});
