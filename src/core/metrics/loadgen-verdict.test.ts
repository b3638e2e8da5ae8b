// Table tests of the MLPerf-style verdict.
import { describe, expect, it } from 'vitest';
import { loadgenVerdict, P99_MIN_SAMPLES, verdictInputOf, type VerdictKind } from './loadgen-verdict';

describe('loadgenVerdict', () => {
  it('needs LoadGen\'s 662 samples for p99', () => expect(P99_MIN_SAMPLES).toBe(662));

  it.each<[string, number | null, number, number, number, VerdictKind, string]>([
    ['p99 under the SLO with enough samples', 40, 50, 662, 0, 'PASS', 'PASS'],
    ['p99 equal to the SLO passes', 50, 50, 1000, 0, 'PASS', 'PASS'],
    ['p99 over the SLO', 50.1, 50, 1000, 0, 'FAIL', 'FAIL'],
    ['too few samples, even when p99 is under', 10, 50, 661, 0, 'INVALID', 'INVALID (n < 662)'],
    ['too few samples, p99 over', 99, 50, 178, 0, 'INVALID', 'INVALID (n < 662)'],
    ['no completions at all', null, 50, 0, 0, 'INVALID', 'INVALID (n < 662)'],
    ['drops count as samples and over 1% of them fail', 10, 50, 650, 12, 'FAIL', 'FAIL'],
    ['drops at 1% or less with p99 under pass', 10, 50, 990, 10, 'PASS', 'PASS'],
    ['only drops: all over the bound', null, 50, 0, 700, 'FAIL', 'FAIL'],
    ['a p99 that is not a number never passes', Number.NaN, 50, 1000, 0, 'FAIL', 'FAIL'],
  ])('%s', (_name, p99Ms, sloMs, completed, dropped, kind, label) => {
    const v = loadgenVerdict({ p99Ms, sloMs, completed, dropped });
    expect(v.kind).toBe(kind);
    expect(v.label).toBe(label);
    expect(v.samples).toBe(completed + dropped);
  });
});

describe('the verdict\'s reason', () => {
  it.each<[string, number | null, number, number, number, number, string]>([
    ['INVALID: samples against the minimum', 30, 50, 178, 0, 0, '178 samples of the 662 needed for p99; 0.00% dropped (at most 1%); p99 30.0 ms within the 50.0 ms bound'],
    ['FAIL on drops: their share', 10, 50, 650, 12, 0.018, '662 samples (662 needed); 1.81% dropped (at most 1%); p99 10.0 ms within the 50.0 ms bound'],
    ['FAIL on p99: against the bound', 2515, 100, 1000, 0, 0, '1000 samples (662 needed); 0.00% dropped (at most 1%); p99 2515 ms over the 100 ms bound'],
    ['PASS', 80, 100, 990, 10, 0.01, '1000 samples (662 needed); 1.00% dropped (at most 1%); p99 80.0 ms within the 100 ms bound'],
    ['nothing completed', null, 50, 0, 700, 1, '700 samples (662 needed); 100.00% dropped (at most 1%); no p99 (nothing completed)'],
  ])('%s', (_name, p99Ms, sloMs, completed, dropped, share, reason) => {
    const v = loadgenVerdict({ p99Ms, sloMs, completed, dropped });
    expect(v.reason).toBe(reason);
    expect(v.neededSamples).toBe(662);
    expect(v.droppedShare).toBeCloseTo(share, 3);
  });

  it('requests cancelled by Stop are neither samples nor drops', () => {
    const m = { latencyMs: { p99: { value: 5 } }, measured: { completed: 600, dropped: 100, droppedByReason: { 'queue-full': 10, 'slo-unreachable': 0, 'lane-error': 0, stopped: 90 } } };
    expect(verdictInputOf(m as Parameters<typeof verdictInputOf>[0], 50)).toEqual({ p99Ms: 5, sloMs: 50, completed: 600, dropped: 10 });
  });
});
