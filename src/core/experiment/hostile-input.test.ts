// Tests for absurd experiment input: huge arrays, raw names in messages, user strings as object keys, physics bounds.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from './example';
import { MAX_ISSUES, parseExperiment, parseExperimentJson, quoteName } from './parse';
import type { ExperimentInput } from './schema';

/** The example with a fixed service model, edited by `edit`. */
function variant(edit: (json: Record<string, unknown> & { tenants: Record<string, unknown>[] }) => void): unknown {
  const json = JSON.parse(JSON.stringify({ ...exampleExperiment(), serviceModel: { byModel: { resnet18: { kind: 'fixed', ms: 2 }, resnet50: { kind: 'fixed', ms: 5 } } } })) as Record<string, unknown> & {
    tenants: Record<string, unknown>[];
  };
  edit(json);
  return json;
}

function issuesOf(json: unknown): { path: string; message: string }[] {
  const result = parseExperiment(json);
  if (result.ok) throw new Error('expected the experiment to be rejected');
  return [...result.issues];
}

describe('hostile experiments', () => {
  it('130k invalid trace instants give a few issues, not a stack overflow', () => {
    const json = variant((j) => {
      j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'trace', timestampsMs: Array.from({ length: 130_000 }, () => 'x') } };
    });
    const issues = issuesOf(json);
    expect(issues.length).toBeLessThanOrEqual(MAX_ISSUES + 1);
    expect(issues[0]?.path).toBe('tenants[0].arrival.timestampsMs[0]');
    expect(issues.at(-1)).toEqual({ path: 'tenants[0].arrival.timestampsMs[5]', message: 'more bad timestamps from here on (not checked further)' });
  });

  it('a trace past the length cap is refused by its length alone', () => {
    const json = variant((j) => {
      j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'trace', timestampsMs: new Array<number>(1_000_001).fill(1) } };
    });
    expect(issuesOf(json)).toEqual([{ path: 'tenants[0].arrival.timestampsMs', message: 'expected at most 1000000 timestamps, got 1000001' }]);
  });

  it('reports at most MAX_ISSUES issues and counts the rest', () => {
    const json = variant((j) => {
      for (let k = 0; k < 100; k++) j[`unknown${String(k)}`] = 1;
    });
    const issues = issuesOf(json);
    expect(issues).toHaveLength(MAX_ISSUES + 1);
    expect(issues[MAX_ISSUES]).toEqual({ path: '', message: '80 more problems not shown' });
  });

  it.each([
    ['a newline in a field name', 'bad\nname', 'bad\\nname'],
    ['a 10 MB field name', 'k'.repeat(10_000_000), 'k'.repeat(40)],
  ])('quotes and truncates %s', (_name, key, shown) => {
    const issues = issuesOf(variant((j) => (j[key] = 1)));
    const line = `${issues[0]?.path ?? ''}: ${issues[0]?.message ?? ''}`;
    expect(line).not.toMatch(/\n/);
    expect(line.length).toBeLessThan(120);
    expect(issues[0]?.path).toContain(shown);
  });

  it('quotes a model name with a newline in the service model', () => {
    const issues = issuesOf(variant((j) => ((j.serviceModel as { byModel: Record<string, unknown> }).byModel['custom:a\nb'] = { kind: 'fixed', ms: 1 })));
    expect(issues[0]?.path).toBe('serviceModel.byModel["custom:a\\nb"]');
    expect(issues[0]?.message).not.toMatch(/\n/);
  });

  it.each(['__proto__', 'constructor', 'custom:toString', 'custom:__proto__'])('a model keyed %s stays a key of the service model', (name) => {
    const custom = name.startsWith('custom:') ? [{ name: name.slice(7), fileName: 'a.onnx', byteLength: 1, sha256: '0'.repeat(64), inputs: [{ name: 'x', type: 'float32', dims: [1] }] }] : undefined;
    const text = JSON.stringify(variant((j) => {
      j.tenants[1] = { ...j.tenants[1], model: name };
      if (custom) j.customModels = custom;
    })).replace('"resnet50":{', `"${name}":{`);
    const parsed = parseExperimentJson(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const byModel = parsed.experiment.serviceModel?.byModel ?? {};
    expect(Object.hasOwn(byModel, name)).toBe(true);
    expect(Object.keys(byModel)).toEqual(['resnet18', name]);
  });

  it('a missing model named constructor is reported, not found on the prototype', () => {
    const issues = issuesOf(variant((j) => (j.tenants[1] = { ...j.tenants[1], model: 'constructor' })));
    expect(issues[0]?.message).toContain('expected a service time for model "constructor"');
  });

  it.each<[string, (j: Record<string, unknown> & { tenants: Record<string, unknown>[] }) => void, string]>([
    ['a rate of 1e9/s', (j) => (j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 1e9 } } }), 'tenants[0].arrival.rate.value'],
    ['durationMs 1e12', (j) => (j.durationMs = 1e12), 'durationMs'],
    ['warmupMs 1e308', (j) => (j.warmupMs = 1e308), 'warmupMs'],
    ['a median of 5e-324 ms', (j) => ((j.serviceModel as { byModel: Record<string, unknown> }).byModel.resnet18 = { kind: 'profile', byBatch: [{ batch: 1, medianMs: 5e-324, p99Ms: 1 }] }), 'serviceModel.byModel.resnet18.byBatch[0].medianMs'],
    ['a p99 10^4 times the median', (j) => ((j.serviceModel as { byModel: Record<string, unknown> }).byModel.resnet18 = { kind: 'distribution', shape: 'lognormal', medianMs: 1, p99Ms: 1e4 }), 'serviceModel.byModel.resnet18.p99Ms'],
    ['an MMPP dwell of 1e-300 ms', (j) => (j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'mmpp', rates: [{ unit: 'per-sec', value: 1 }, { unit: 'per-sec', value: 0 }], meanDwellMs: [1e-300, 10] } }), 'tenants[0].arrival.meanDwellMs[0]'],
    ['a queue limit of 1e9', (j) => (j.tenants[0] = { ...j.tenants[0], queueLimit: 1e9 }), 'tenants[0].queueLimit'],
    ['a weight of 5e-324', (j) => (j.tenants[0] = { ...j.tenants[0], weight: 5e-324 }), 'tenants[0].weight'],
    ['a cv of 1e-10', (j) => (j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'gamma', rate: { unit: 'per-sec', value: 5 }, cv: 1e-10 } }), 'tenants[0].arrival.cv'],
    ['a profile batch of 1e6', (j) => ((j.serviceModel as { byModel: Record<string, unknown> }).byModel.resnet18 = { kind: 'profile', byBatch: [{ batch: 1e6, medianMs: 1 }] }), 'serviceModel.byModel.resnet18.byBatch[0].batch'],
  ])('refuses %s at its field (a bound the physics sets)', (_name, edit, path) => {
    expect(issuesOf(variant(edit)).map((i) => i.path)).toContain(path);
  });

  it('accepts the bounds themselves', () => {
    const json: ExperimentInput = {
      ...exampleExperiment(),
      warmupMs: 86_400_000,
      durationMs: 86_400_000,
      serviceModel: { byModel: { resnet18: { kind: 'distribution', shape: 'lognormal', medianMs: 0.001, p99Ms: 1 }, resnet50: { kind: 'fixed', ms: 86_400_000 } } },
    };
    expect(parseExperiment(json).ok).toBe(true);
  });
});

describe('quoteName', () => {
  it.each([
    ['a\u2028b', '"a\\u2028b"'],
    ['a\u2029b', '"a\\u2029b"'],
    ['a\nb', '"a\\nb"'],
    ['x'.repeat(50), `"${'x'.repeat(40)}…"`],
  ])('quotes %j as %s, on one line', (name, quoted) => {
    expect(quoteName(name)).toBe(quoted);
  });
});
