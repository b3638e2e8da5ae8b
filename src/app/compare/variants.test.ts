// Tests for Compare's variants: one per value, only the axis changes, field-named issues otherwise; fuzzed values never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExperimentSchema, type Experiment } from '../../core/experiment';
import { PRESETS } from '../presets/catalog';
import { AXIS_KINDS, currentValue, variantsOf, type CompareAxis } from './variants';

const preset = (id: string): Experiment => {
  const found = PRESETS.find((p) => p.id === id);
  if (found === undefined) throw new Error(id);
  return found.experiment;
};
const rtBesideBe = preset('rt-beside-be');
const batching = preset('batching-tradeoff');

/** The experiment without the fields an axis may change, to check nothing else moved. */
function rest(e: Experiment) {
  return { ...e, name: undefined, scheduler: undefined, lanes: undefined, tenants: e.tenants.map((t) => ({ ...t, batch: t.batch.kind, arrival: t.arrival.kind })) };
}

describe('variantsOf', () => {
  it.each<[string, Experiment, CompareAxis, unknown[], string[]]>([
    ['policy', rtBesideBe, { kind: 'policy' }, ['fcfs', 'priority', 'edf'], ['fcfs', 'priority', 'edf']],
    ['granularity', rtBesideBe, { kind: 'granularity' }, [1, 4], ['whole inferences', '4 layer blocks']],
    ['batching', batching, { kind: 'batching' }, [1, 4, 8, 16], ['max batch 1', 'max batch 4', 'max batch 8', 'max batch 16']],
    ['lane mode', rtBesideBe, { kind: 'lane-mode' }, ['time-sliced', 'concurrent'], ['time-sliced', 'concurrent']],
    ['rate', rtBesideBe, { kind: 'rate', tenant: 'camera' }, [0.1, 0.3], ['camera at 0.1', 'camera at 0.3']],
  ])('%s: one valid, labelled variant per value with the same seed, durations and arrivals', (_name, experiment, axis, values, labels) => {
    const result = variantsOf(experiment, axis, values);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.variants.map((v) => v.label)).toEqual(labels);
    for (const v of result.variants) {
      expect(ExperimentSchema.safeParse(v.experiment).success).toBe(true);
      expect(rest(v.experiment)).toEqual(rest(experiment));
      expect(currentValue(v.experiment, axis)).toBe(v.value);
    }
  });

  it('sets layer blocks and back to whole inferences without leaving a block count', () => {
    const result = variantsOf(rtBesideBe, { kind: 'granularity' }, [4, 1]);
    if (!result.ok) throw new Error('valid');
    expect(result.variants.map((v) => v.experiment.scheduler)).toEqual([
      { policy: 'fcfs', granularity: 'layer-blocks', blocks: 4 },
      { policy: 'fcfs', granularity: 'inference' },
    ]);
  });

  it('keeps a measured block balance with layer blocks and drops it with whole inferences', () => {
    const measured: Experiment = { ...rtBesideBe, scheduler: { policy: 'fcfs', granularity: 'layer-blocks', blocks: 2, blockBalance: 'measured' } };
    const result = variantsOf(measured, { kind: 'granularity' }, [1, 4]);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.variants.map((v) => v.experiment.scheduler)).toEqual([
      { policy: 'fcfs', granularity: 'inference' },
      { policy: 'fcfs', granularity: 'layer-blocks', blocks: 4, blockBalance: 'measured' },
    ]);
  });

  it('changes the max batch of batching tenants only', () => {
    const mixed: Experiment = { ...batching, tenants: [...batching.tenants, { ...rtBesideBe.tenants[0]!, id: 'plain' }] };
    const result = variantsOf(mixed, { kind: 'batching' }, [2, 8]);
    if (!result.ok) throw new Error('valid');
    expect(result.variants.map((v) => v.experiment.tenants.map((t) => t.batch))).toEqual([
      [{ kind: 'dynamic', maxBatch: 2, maxQueueDelayMs: 10 }, { kind: 'none' }],
      [{ kind: 'dynamic', maxBatch: 8, maxQueueDelayMs: 10 }, { kind: 'none' }],
    ]);
  });

  it.each<[string, Experiment, CompareAxis, unknown[], string, RegExp]>([
    ['one value', rtBesideBe, { kind: 'policy' }, ['fcfs'], 'compare.values', /2 to 4 values, got 1/],
    ['five values', rtBesideBe, { kind: 'granularity' }, [1, 2, 3, 4, 5], 'compare.values', /got 5/],
    ['an unknown policy', rtBesideBe, { kind: 'policy' }, ['fcfs', 'lifo'], 'compare.values[1]', /expected one of fcfs/],
    ['a duplicate', rtBesideBe, { kind: 'policy' }, ['edf', 'edf'], 'compare.values[1]', /duplicate value edf/],
    ['a fractional block count', rtBesideBe, { kind: 'granularity' }, [1, 2.5], 'compare.values[1]', /whole number/],
    ['no batching tenant', rtBesideBe, { kind: 'batching' }, [1, 2], 'compare.axis', /no tenant batches/],
    ['an unknown tenant', rtBesideBe, { kind: 'rate', tenant: 'nobody' }, [1, 2], 'compare.tenant', /no tenant "nobody"/],
    ['a closed-loop tenant', rtBesideBe, { kind: 'rate', tenant: 'heavy' }, [1, 2], 'compare.tenant', /closed-loop/],
    ['a rate over the schema bound', rtBesideBe, { kind: 'rate', tenant: 'camera' }, [0.5, 500], 'compare.values[1]', /does not validate: tenants\[0\]\.arrival/],
    ['a zero rate', rtBesideBe, { kind: 'rate', tenant: 'camera' }, [0, 1], 'compare.values[0]', /above 0/],
  ])('%s: a field-named one-line issue', (_name, experiment, axis, values, path, message) => {
    const result = variantsOf(experiment, axis, values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toBe(path);
    expect(result.issues[0]?.message).toMatch(message);
    for (const issue of result.issues) expect(issue.message).not.toContain('\n');
  });

  it('fuzz: any axis and values give field-named issues or 2-4 valid variants differing only along the axis', () => {
    const axis = fc.oneof(
      ...AXIS_KINDS.filter((k) => k !== 'rate').map((kind) => fc.constant({ kind })),
      fc.string({ maxLength: 70 }).map((tenant): CompareAxis => ({ kind: 'rate', tenant })),
      fc.constant<CompareAxis>({ kind: 'rate', tenant: 'camera' }),
    );
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('fcfs', 'edf', 'priority', 'concurrent', 'time-sliced'), fc.integer({ min: -5, max: 300 }), fc.double(), fc.anything());
    fc.assert(
      fc.property(fc.constantFrom(...PRESETS.map((p) => p.experiment)), axis, fc.array(value, { maxLength: 6 }), (experiment, a, values) => {
        const result = variantsOf(experiment, a, values);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(issue.path).toMatch(/^compare\./);
          return;
        }
        expect(result.variants.length).toBeGreaterThanOrEqual(2);
        expect(result.variants.length).toBeLessThanOrEqual(4);
        for (const v of result.variants) {
          expect(ExperimentSchema.safeParse(v.experiment).success).toBe(true);
          expect(v.experiment.seed).toBe(experiment.seed);
          expect(v.experiment.durationMs).toBe(experiment.durationMs);
        }
        expect(new Set(result.variants.map((v) => v.label)).size).toBe(result.variants.length);
      }),
      { seed: 14, numRuns: 400 },
    );
  });
});
