// Triton export: every config.pbtxt parses as Triton's ModelConfig (protobuf text format), with the plan's batching, priorities and queue policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExperimentJson } from '../experiment/parse';
import type { Experiment } from '../experiment/schema';
import { parseTextFormat, type ParsedMessage } from './pbtxt.test-support';
import { lightAndHeavy } from './test-experiments.test-support';
import { perfAnalyzerCommand, tritonRepository, type ModelIo } from './triton-export';

const PROTO = readFileSync(join(import.meta.dirname, 'fixtures/model_config.proto'), 'utf8');
const EXAMPLES = join(import.meta.dirname, '../../../examples');
const examples = ['rt-vs-be.json', 'server-poisson.json', 'three-tenant-adaptive.json', 'veltair-mix.json'].map((f) => {
  const parsed = parseExperimentJson(readFileSync(join(EXAMPLES, f), 'utf8'));
  if (!parsed.ok) throw new Error(`${f} is valid`);
  return [f, parsed.experiment] as const;
});
const io: ModelIo = { inputName: 'input', inputDims: [3, 224, 224], outputName: 'logits', outputDims: [1000] };
const config = (exp: Experiment, withIo = true): Map<string, ParsedMessage> => {
  const repo = tritonRepository(exp, exp.serviceModel, { sloRate: 0.99, io: () => (withIo ? io : null), description: 'test' });
  if (!repo.ok) throw new Error(JSON.stringify(repo.issues));
  return new Map(repo.files.filter((f) => f.path.endsWith('/config.pbtxt')).map((f) => [f.path, parseTextFormat(PROTO, 'inference.ModelConfig', f.text)]));
};

describe('the text-format parser itself', () => {
  it.each([
    ['name: "x" nmae: "y"', /nmae: no such field/],
    ['max_batch_size: 1.5', /expected an integer/],
    ['max_batch_size: 4294967296', /out of range for int32/],
    ['name: "a" name: "b"', /set twice/],
    ['instance_group [ { kind: KIND_TPU } ]', /not a value of Kind/],
    ['dynamic_batching { } sequence_batching { }', /oneof scheduling_choice/],
    ['name: "x"', null],
  ] as const)('%s', (text, error) => {
    if (error === null) expect(parseTextFormat(PROTO, 'inference.ModelConfig', text)).toEqual({ name: 'x' });
    else expect(() => parseTextFormat(PROTO, 'inference.ModelConfig', text)).toThrow(error);
  });
});

describe('tritonRepository', () => {
  it.each(examples)('%s: every config.pbtxt is a valid ModelConfig for the onnxruntime backend', (_file, exp) => {
    for (const withIo of [true, false]) {
      const configs = config(exp, withIo);
      expect([...configs.keys()]).toEqual(exp.tenants.map((t) => `${t.id}/config.pbtxt`));
      exp.tenants.forEach((t) => {
        const c = configs.get(`${t.id}/config.pbtxt`) as ParsedMessage;
        expect(c.name).toBe(t.id);
        expect(c.platform).toBe('onnxruntime_onnx');
        expect(c.dynamic_batching).toBeDefined();
        expect(Object.hasOwn(c, 'input')).toBe(withIo);
      });
    }
  });

  it('maps batching, priority, queue policy and the time-sliced lane', () => {
    const base = lightAndHeavy();
    const exp: Experiment = {
      ...base,
      scheduler: { policy: 'priority', granularity: 'inference' },
      tenants: [
        { ...(base.tenants[0] as Experiment['tenants'][number]), priority: 'real-time', batch: { kind: 'dynamic', maxBatch: 4, maxQueueDelayMs: 1.5 } },
        { ...(base.tenants[1] as Experiment['tenants'][number]), batch: { kind: 'adaptive', maxBatch: 32 } },
      ],
    };
    const configs = config(exp);
    const light = configs.get('light/config.pbtxt') as ParsedMessage;
    const heavy = configs.get('heavy/config.pbtxt') as ParsedMessage;
    expect(light.max_batch_size).toBe(4n);
    expect(light.dynamic_batching).toEqual({
      preferred_batch_size: [4n],
      max_queue_delay_microseconds: 1500n,
      priority_levels: 2n,
      default_priority_level: 1n,
      default_queue_policy: { timeout_action: 'REJECT', default_timeout_microseconds: 6000n, allow_timeout_override: false, max_queue_size: 256n },
    });
    expect(light.instance_group).toEqual([
      { count: 1n, kind: 'KIND_GPU', rate_limiter: { resources: [{ name: 'lane', global: true, count: 1n }], priority: 1n } },
    ]);
    // Heavy: 8 ms fixed, SLO 200 ms: adaptive batch 32 fits in SLO/2 (fixed time per batch), waiting 92 ms at most.
    expect(heavy.max_batch_size).toBe(32n);
    expect((heavy.dynamic_batching as ParsedMessage).max_queue_delay_microseconds).toBe(92000n);
    expect(((heavy.instance_group as ParsedMessage[])[0]?.rate_limiter as ParsedMessage).priority).toBe(10n);
  });

  it('writes one perf_analyzer command per tenant and names a capacity-fraction rate it cannot resolve', () => {
    const repo = tritonRepository(lightAndHeavy(), undefined, { sloRate: 0.99, io: () => null, description: 'test' });
    if (!repo.ok) throw new Error(JSON.stringify(repo.issues));
    const script = repo.files.find((f) => f.path === 'perf_analyzer.sh')?.text ?? '';
    expect(script).toContain('perf_analyzer -m light -b 1 --percentile=99 --latency-threshold=6 --measurement-mode=count_windows --measurement-request-count=662 --request-rate-range=100 --request-distribution=poisson');
    expect(script).toContain('-m heavy');
    const veltair = examples.find(([f]) => f === 'veltair-mix.json')?.[1] as Experiment;
    const refused = tritonRepository({ ...veltair, serviceModel: undefined }, undefined, { sloRate: 0.99, io: () => null, description: 'x' });
    expect(refused.ok ? [] : refused.issues.map((i) => i.path)).toEqual(['tenants[0].arrival.rate', 'tenants[1].arrival.rate', 'tenants[2].arrival.rate']);
  });

  it('tells to copy a custom model\'s own file (name, size, sha256, chosen sizes), not to build it from the zoo', () => {
    const base = lightAndHeavy();
    const entry = { name: 'hw', fileName: "it's.onnx", byteLength: 99, sha256: 'ab'.repeat(32), inputs: [{ name: 'x', type: 'float32', dims: ['batch', 3, 'h', 'h'] }], dims: [{ name: 'h', size: 48 }], fills: [] };
    const exp: Experiment = { ...base, tenants: base.tenants.map((t, i) => (i === 0 ? { ...t, model: 'custom:hw' } : t)), customModels: [entry] };
    const repo = tritonRepository(exp, undefined, { sloRate: 0.99, io: () => null, description: 'test' });
    if (!repo.ok) throw new Error(JSON.stringify(repo.issues));
    const readme = repo.files.find((f) => f.path === 'README.md')?.text ?? '';
    expect(readme).toContain(`mkdir -p light/1 && cp 'it'\\''s.onnx' light/1/model.onnx  # your file: 99 bytes, sha256 ${'ab'.repeat(32)}; chosen sizes h=48`);
    expect(readme).not.toContain('--models custom:hw');
  });

  it('closed loops become a concurrency; other processes Poisson at their mean rate, said in a comment', () => {
    const t = lightAndHeavy().tenants[0] as Experiment['tenants'][number];
    expect(perfAnalyzerCommand({ ...t, arrival: { kind: 'closed-loop', outstanding: 3 } }, null, 0.95)).toMatch(/--percentile=95 .* --measurement-request-count=130 --concurrency-range=3$/);
    expect(perfAnalyzerCommand({ ...t, arrival: { kind: 'gamma', cv: 2, rate: { unit: 'per-sec', value: 5 } } }, 5, 0.99)).toMatch(/--request-rate-range=5 --request-distribution=poisson {2}# approximates the gamma process/);
  });

  it('parses for any batching, SLO, queue limit, weight and policy (fuzz)', () => {
    const base = lightAndHeavy();
    const tenant = base.tenants[0] as Experiment['tenants'][number];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant({ kind: 'none' as const }),
          fc.record({ kind: fc.constant('dynamic' as const), maxBatch: fc.integer({ min: 1, max: 256 }), maxQueueDelayMs: fc.double({ min: 0, max: 1e4, noNaN: true }) }),
          fc.record({ kind: fc.constant('adaptive' as const), maxBatch: fc.integer({ min: 1, max: 256 }) }),
        ),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.constantFrom('fcfs' as const, 'priority' as const, 'weighted-fair' as const, 'slo-aware' as const),
        fc.constantFrom('time-sliced' as const, 'concurrent' as const),
        fc.boolean(),
        (batch, sloMs, queueLimit, weight, policy, mode, realTime) => {
          const exp: Experiment = {
            ...base,
            scheduler: { policy, granularity: 'inference' },
            lanes: { mode, dispatchDepth: 1 },
            tenants: [{ ...tenant, batch, sloMs, queueLimit, weight, priority: realTime ? 'real-time' : 'best-effort' }, base.tenants[1] as Experiment['tenants'][number]],
          };
          for (const c of config(exp).values()) expect(typeof c.max_batch_size).toBe('bigint');
        },
      ),
      { numRuns: 150 },
    );
  });
});
