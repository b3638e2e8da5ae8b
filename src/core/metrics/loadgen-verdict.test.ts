// Table tests of the MLPerf-style verdict.
import { describe, expect, it } from 'vitest';
import { loadgenVerdict, P99_MIN_SAMPLES, type VerdictKind } from './loadgen-verdict';

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
