// Cost of sharing: the arithmetic with known capacities, and a simulated D/D/1 mix whose shared capacity is the break-even.
import { describe, expect, it } from 'vitest';
import { costFigures, costOfSharing, DEFAULT_PRICE } from './cost';
import { singleTenant } from './test-experiments.test-support';

describe('costFigures', () => {
  it.each([
    // price, [base, capacity] per tenant, shared capacity, dedicated cost per 1M, break-even, saving %
    [3.6, [[100, 1000]], 1000, 1, 1000, 0],
    [3.6, [[100, 1000], [100, 250]], 320, 2.5, 400, -25],
    [3.6, [[100, 1000], [100, 250]], 800, 2.5, 400, 50],
  ] as const)('price %s, tenants %j, shared %s req/s', (price, tenants, shared, dedicatedCost, breakEven, saving) => {
    const figures = costFigures(price, tenants.map(([b, c], i) => ({ tenant: `t${String(i)}`, basePerSec: b, capacityPerSec: c })), shared);
    expect(figures.dedicatedCostPerMillion).toBeCloseTo(dedicatedCost);
    expect(figures.breakEvenPerSec).toBeCloseTo(breakEven);
    expect(figures.savingPercent).toBeCloseTo(saving);
    expect(figures.sharedCostPerMillion).toBeCloseTo((price * 1e6) / (shared * 3600));
  });

  it('has no dedicated cost when a tenant fails alone, and no shared one when the mix holds nowhere', () => {
    const figures = costFigures(1, [{ tenant: 'a', basePerSec: 10, capacityPerSec: null }], null);
    expect([figures.dedicatedCostPerMillion, figures.sharedCostPerMillion, figures.savingPercent, figures.breakEvenPerSec]).toEqual([null, null, null, null]);
  });
});

describe('costOfSharing', () => {
  it('states the default price source, and a D/D/1 mix with loose SLOs shares at about break-even', () => {
    const one = singleTenant('constant', 100, { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, 100);
    const first = one.tenants[0];
    if (first === undefined) throw new Error('one tenant');
    const exp = {
      ...one,
      tenants: [first, { ...first, id: 'other', model: 'n', arrival: { kind: 'constant' as const, rate: { unit: 'per-sec' as const, value: 50 } } }],
      serviceModel: { byModel: { m: { kind: 'fixed' as const, ms: 2, perExtraItemMs: 0 }, n: { kind: 'fixed' as const, ms: 4, perExtraItemMs: 0 } }, contentionPerExtraLane: 1 },
    };
    const result = costOfSharing(exp, { minSamples: 300 });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { cost } = result;
    expect(cost.priceSource).toBe(DEFAULT_PRICE.source);
    expect(cost.figures).toBe('simulated');
    // Alone: 500 and 250 req/s; mixed 2:1 the device is full at 1 / (2/3 * 2 ms + 1/3 * 4 ms) = 375 req/s.
    const alone = cost.dedicated.map((d) => d.capacityPerSec ?? 0);
    expect(Math.abs((alone[0] ?? 0) / 500 - 1)).toBeLessThan(0.03);
    expect(Math.abs((alone[1] ?? 0) / 250 - 1)).toBeLessThan(0.03);
    expect(Math.abs((cost.breakEvenPerSec ?? 0) / 375 - 1)).toBeLessThan(0.03);
    expect(Math.abs(cost.savingPercent ?? 100)).toBeLessThan(5);
    expect(cost.limitingTenant).not.toBeNull();
  });

  it('refuses a price that is not above 0, naming it', () => {
    const exp = singleTenant('constant', 100, { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, 6);
    for (const price of [0, -1, Number.NaN, Infinity]) {
      const result = costOfSharing(exp, { pricePerHour: price });
      expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['pricePerHour']);
    }
  });
});
