// Tests for the Compare view: summaries and a lesson's verdict from a comparison's raw figures; typed values fuzzed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateExperiment } from '../../core/sim';
import { CompareController } from './compare-controller';
import { simulatedEngine, TWO_TENANTS } from './compare-test-fixture';
import { valuesFromText, viewOf } from './compare-view';
import { memoryPinStore } from './pin-store';
import { AXIS_KINDS, variantsOf } from './variants';

describe('viewOf', () => {
  it("summarises each variant and judges a lesson's promise", async () => {
    const variants = variantsOf(TWO_TENANTS, { kind: 'policy' }, ['fcfs', 'priority']);
    if (!variants.ok) throw new Error('variants');
    const controller = new CompareController({
      createEngine: () => simulatedEngine().engine, simulate: (e) => Promise.resolve(simulateExperiment(e)), pins: memoryPinStore(),
      nowIso: () => '2026-12-02T02:00:00Z', newId: () => 'v1',
    });
    const lesson = { presetId: 'x', title: 't', variants: [], promise: { tenant: 'camera', metric: 'p99', direction: 'falls', scope: 'ends' } } as const;
    await controller.compare({ title: 'policies', variants: variants.variants, lesson, repeats: 1, engine: { backend: 'wasm' } });
    const view = viewOf(controller.store.getSnapshot().comparison!);
    expect(view.tenants).toEqual(['camera', 'heavy']);
    expect(view.variants.map((v) => [v.label, v.runs, v.measured.length])).toEqual([['fcfs', 1, 2], ['priority', 1, 2]]);
    expect(view.variants[0]?.predictionNote).toMatch(/^predicted by the simulator from measured/);
    expect(view.verdict?.status).toBe('shown');
    expect(view.arrivals).toEqual({ source: "fcfs's solo profiles (the first run, wasm)", lines: [] });
  });

  it('says which rates every run used: one line for a rate every variant shares, one per variant along the rate axis', async () => {
    const fractions = { ...TWO_TENANTS, tenants: TWO_TENANTS.tenants.map((t) => (t.id === 'camera' ? { ...t, arrival: { kind: 'poisson' as const, rate: { unit: 'capacity-fraction' as const, value: 0.01 } } } : t)) };
    const run = async (axis: Parameters<typeof variantsOf>[1], values: unknown[]) => {
      const variants = variantsOf(fractions, axis, values);
      if (!variants.ok) throw new Error('variants');
      const controller = new CompareController({
        createEngine: () => simulatedEngine().engine, simulate: (e) => Promise.resolve(simulateExperiment(e)), pins: memoryPinStore(),
        nowIso: () => '2026-12-02T02:00:00Z', newId: () => 'v2',
      });
      await controller.compare({ title: 'x', variants: variants.variants, lesson: null, repeats: 1, engine: { backend: 'wasm' } });
      return viewOf(controller.store.getSnapshot().comparison!).arrivals?.lines;
    };
    expect(await run({ kind: 'policy' }, ['fcfs', 'edf'])).toEqual(['camera: 5.0 req/s (0.01 × 500.0 req/s solo capacity of light@32), every variant']);
    expect(await run({ kind: 'rate', tenant: 'camera' }, [0.01, 0.02])).toEqual([
      'camera at 0.01: camera: 5.0 req/s (0.01 × 500.0 req/s solo capacity of light@32)',
      'camera at 0.02: camera: 10.0 req/s (0.02 × 500.0 req/s solo capacity of light@32)',
    ]);
  });
});

describe('valuesFromText', () => {
  it.each([
    ['policy', 'fcfs, priority ,edf', ['fcfs', 'priority', 'edf']],
    ['granularity', '1, 4', [1, 4]],
    ['rate', '0.5, x', [0.5, 'x']],
    ['batching', ' , 2,,8 ', [2, 8]],
  ] as const)('%s %j', (kind, text, values) => expect(valuesFromText(kind, text)).toEqual(values));

  it('fuzz: any typed text gives variants or field-named issues', () => {
    fc.assert(fc.property(fc.constantFrom(...AXIS_KINDS), fc.string({ maxLength: 60 }), (kind, text) => {
      const axis = kind === 'rate' ? { kind, tenant: 'camera' } : { kind };
      const result = variantsOf(TWO_TENANTS, axis, valuesFromText(kind, text));
      if (!result.ok) for (const i of result.issues) expect(i.path).toMatch(/^compare\./);
    }), { seed: 14, numRuns: 300 });
  });
});
