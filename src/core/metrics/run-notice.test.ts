// Table tests of the run notice: service over 20% slower or faster than the profile, and offered load over the capacity seen.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { laneLoads, runNotice, type NoticeInput, type NoticeTenant } from './run-notice';

const t = (id: string, inflationP50: number | null, arrivalPerSec: number, servicePerRequestMs: number | null): NoticeTenant => ({ id, inflationP50, arrivalPerSec, servicePerRequestMs });

describe('laneLoads', () => {
  it.each<[string, NoticeInput['laneMode'], NoticeTenant[], number[]]>([
    ['time-sliced sums every tenant on one lane', 'time-sliced', [t('a', 1, 10, 20), t('b', 1, 5, 40)], [0.4]],
    ['concurrent: one lane per tenant', 'concurrent', [t('a', 1, 10, 20), t('b', 1, 5, 40)], [0.2, 0.2]],
    ['a tenant without completions adds nothing', 'time-sliced', [t('a', null, 10, null), t('b', 1, 50, 10)], [0.5]],
  ])('%s', (_name, laneMode, tenants, loads) => {
    const got = laneLoads({ tenants, laneMode, device: 'CPU' }).map((l) => l.load);
    got.forEach((load, i) => expect(load).toBeCloseTo(loads[i] ?? Number.NaN, 9));
    expect(got).toHaveLength(loads.length);
  });
});

describe('runNotice', () => {
  it.each<[string, NoticeInput, string[], string[], RegExp[]]>([
    ['as promised: nothing to say', { laneMode: 'time-sliced', device: 'CPU', tenants: [t('a', 1.1, 10, 20), t('b', 1.2, 5, 40)] }, [], [], []],
    ['no solo profile and no load: nothing', { laneMode: 'time-sliced', device: 'GPU', tenants: [t('a', null, 0, null)] }, [], [], []],
    ['1.6x slower on CPU', { laneMode: 'time-sliced', device: 'CPU', tenants: [t('a', 1.6, 10, 20), t('b', 1.1, 5, 40)] }, ['a'], [],
      [/up to 1\.6× slower than the solo profile/, /a 1\.6×/, /compete for the CPU/, /0\.5 of capacity was really 0\.80/]],
    ['just over 20% counts', { laneMode: 'concurrent', device: 'GPU', tenants: [t('a', 1.21, 1, 1)] }, ['a'], [], [/for the GPU/, /really 0\.60/]],
    ['overloaded time-sliced lane', { laneMode: 'time-sliced', device: 'CPU', tenants: [t('a', 1, 30, 20), t('b', 1, 10, 50)] }, [], ['the lane'],
      [/the lane at 1\.10/, /queues grow/]],
    ['a queue that overflowed, though service time says there was room', { laneMode: 'time-sliced', device: 'CPU', tenants: [{ ...t('s', 1, 850, 0.5), queueDrops: 1928, arrivals: 2132, servedPerSec: 43.5 }] }, [], [],
      [/s: 850\.0\/s arrived, 43\.5\/s served, 1928 of 2132 dropped with a full queue/, /backlog/]],
    ['1% of arrivals dropped is not yet an overflow', { laneMode: 'time-sliced', device: 'CPU', tenants: [{ ...t('s', 1, 10, 1), queueDrops: 10, arrivals: 1000, servedPerSec: 10 }] }, [], [], []],
    ['1.5x faster than the profile (measured while the lane warmed up)', { laneMode: 'time-sliced', device: 'CPU', tenants: [t('a', 1 / 1.5, 10, 20), t('b', 0.9, 5, 40)] }, [], [],
      [/up to 1\.5× faster than the solo profile/, /a 1\.5×/, /warming up/, /0\.5 of capacity was really 0\.33/, /re-measure/]],
    ['both: slower and overloaded, only the overloaded concurrent lane named', { laneMode: 'concurrent', device: 'CPU', tenants: [t('a', 2.2, 60, 20), t('b', 1.4, 5, 40)] }, ['a', 'b'], ['a'],
      [/up to 2\.2× slower/, /a 2\.2×, b 1\.4×/, /really 1\.10/, /a at 1\.20/]],
  ])('%s', (_name, input, inflated, overloaded, says) => {
    const notice = runNotice(input);
    if (says.length === 0) {
      expect(notice).toBeNull();
      return;
    }
    expect(notice?.inflated.map((i) => i.id)).toEqual(inflated);
    expect(notice?.overloaded.map((l) => l.lane)).toEqual(overloaded);
    const text = notice?.sentences.join(' ') ?? '';
    for (const re of says) expect(text).toMatch(re);
    expect(notice?.sentences.length).toBeLessThanOrEqual(3);
  });

  it('one tenant slower and another faster than its profile: both said', () => {
    const notice = runNotice({ laneMode: 'concurrent', device: 'GPU', tenants: [t('a', 1.5, 1, 1), t('b', 0.5, 1, 1)] });
    expect(notice?.inflated.map((i) => i.id)).toEqual(['a']);
    expect(notice?.deflated).toEqual([{ id: 'b', ratio: 2 }]);
    expect(notice?.sentences).toHaveLength(2);
  });
});

describe('runNotice on any figures (an imported run file carries them)', () => {
  const num = fc.oneof(fc.double({ noNaN: false }), fc.constant(0), fc.constant(Number.POSITIVE_INFINITY));
  const tenant = fc.record({ id: fc.string(), inflationP50: fc.option(num), arrivalPerSec: num, servicePerRequestMs: fc.option(num), queueDrops: num, arrivals: num, servedPerSec: num });
  it('never throws, says at most three sentences, and null only when nothing was broken', () => {
    fc.assert(fc.property(fc.array(tenant, { maxLength: 16 }), fc.constantFrom('time-sliced', 'concurrent'), fc.constantFrom('CPU', 'GPU'), (tenants, laneMode, device) => {
      const notice = runNotice({ tenants, laneMode, device });
      if (notice === null) return;
      expect(notice.sentences.length).toBeGreaterThan(0);
      expect(notice.sentences.length).toBeLessThanOrEqual(3);
      expect(notice.inflated.length + notice.deflated.length + notice.overloaded.length + notice.overflowed.length).toBeGreaterThan(0);
    }), { seed: 14, numRuns: 300 });
  });
});
