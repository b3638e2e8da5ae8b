// Policy comparison and SLO-vs-load curves: one tenant leaves every policy equal; a tight light tenant gains from EDF and blocks.
import { describe, expect, it } from 'vitest';
import { comparePolicies, compareVariants, variantLabel } from './compare';
import { curveFactors, sloCurves } from './curves';
import { lightAndHeavy, singleTenant } from './test-experiments.test-support';

describe('compareVariants', () => {
  it('puts the FCFS baseline first, then whole and blocked per policy, then concurrent lanes', () => {
    const labels = compareVariants(['fcfs', 'edf'], 4).map(variantLabel);
    expect(labels).toEqual([
      'fcfs, whole inference, time-sliced',
      'fcfs, 4 blocks, time-sliced',
      'edf, whole inference, time-sliced',
      'edf, 4 blocks, time-sliced',
      'concurrent lanes (per-lane FCFS)',
    ]);
  });
});

describe('comparePolicies', () => {
  it('gives every order-only policy the FCFS capacity when there is one tenant', () => {
    const exp = singleTenant('constant', 100, { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, 6);
    const compared = comparePolicies(exp, { policies: ['fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority'], minSamples: 100 });
    if (!compared.ok) throw new Error(JSON.stringify(compared.issues));
    for (const row of compared.comparison.rows) expect([row.label, row.gainOverFcfs]).toEqual([row.label, 1]);
  });

  it('finds EDF above FCFS, and EDF in blocks above both, for a tight light tenant beside a heavy one', () => {
    const progress: number[] = [];
    const compared = comparePolicies(lightAndHeavy(), { policies: ['fcfs', 'edf'], minSamples: 300, onProgress: (f) => progress.push(f) });
    if (!compared.ok) throw new Error(JSON.stringify(compared.issues));
    const gain = (label: string): number | null => compared.comparison.rows.find((r) => r.label === label)?.gainOverFcfs ?? null;
    // EDF lets the light request overtake a waiting heavy one; blocks also let it in between a running one's blocks.
    // Under FCFS, blocks change nothing: the heavy request that arrived first keeps the lane.
    expect(gain('edf, whole inference, time-sliced')).toBeGreaterThan(1.05);
    expect(gain('edf, 4 blocks, time-sliced')).toBeGreaterThan((gain('edf, whole inference, time-sliced') ?? 0) * 1.05);
    expect(gain('fcfs, 4 blocks, time-sliced')).toBe(1);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (progress[i - 1] ?? 0)))).toBe(true);
  });

  it('refuses a block count outside 2..64, naming it', () => {
    const compared = comparePolicies(lightAndHeavy(), { blocks: 1 });
    expect(compared.ok ? [] : compared.issues.map((i) => i.path)).toEqual(['blocks']);
  });
});

describe('sloCurves', () => {
  it('spaces factors geometrically from a quarter to twice the center', () => {
    const f = curveFactors(2, 5);
    expect(f[0]).toBeCloseTo(0.5);
    expect(f[4]).toBeCloseTo(4);
    expect((f[1] ?? 0) / (f[0] ?? 1)).toBeCloseTo((f[4] ?? 0) / (f[3] ?? 1));
  });

  it('draws a curve per tenant per policy and marks the knee before the first failing point', () => {
    const curves = sloCurves(lightAndHeavy(), ['fcfs', 'edf'], curveFactors(2, 8), { minSamples: 200 });
    expect(curves.map((c) => `${c.policy}/${c.tenant}`)).toEqual(['fcfs/light', 'fcfs/heavy', 'edf/light', 'edf/heavy']);
    for (const curve of curves) {
      expect(curve.points).toHaveLength(8);
      const fail = curve.points.findIndex((p) => (p.sloRate ?? 0) < 0.99);
      if (fail > 0) expect(curve.kneeFactor).toBe(curve.points[fail - 1]?.factor);
      if (fail >= 0) expect(curve.firstFailFactor).toBe(curve.points[fail]?.factor);
      else expect(curve.firstFailFactor).toBeNull();
    }
    // At 4x the load the heavy tenant alone needs 8 ms x 120/s = 96% of the GPU: the light tenant fails under FCFS.
    expect(curves[0]?.firstFailFactor).not.toBeNull();
  });
});
