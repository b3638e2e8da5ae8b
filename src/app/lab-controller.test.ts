// Tests for the lab controller with fake lanes: a Run's phases, stats, WASM check, fallback, errors, files, settings.
import { describe, expect, it } from 'vitest';
import type { ModelMeta } from '../zoo';
import { makeTestModel } from '../zoo/onnx-test-models';
import type { PrepareOptions, SampledDispatch } from '../runtime/lane-client';
import type { Backend, DispatchTiming, PrepareSpec, PreparedInfo } from '../runtime/lane-protocol';
import type { WebGpuProbe } from '../runtime/probe-webgpu';
import { INPUT_SEED, LabController, RUN_TIMEOUT_MS, type Lane } from './lab-controller';
import { ms } from '../core/units';

const probe = (available: boolean): WebGpuProbe => ({
  available, adapter: null, highPerformanceDescription: null, reasons: available ? [] : ['navigator.gpu is missing'],
  secureContext: true, crossOriginIsolated: true,
});

interface FakeLaneLog {
  prepares: PrepareSpec[];
  /** Per dispatch: 'run' or 'sampled', with the key it named. */
  dispatches: string[];
  disposed: number;
  contexts: string[];
}

/** A lane whose dispatches take 10, 20, 30... ms and whose output is [1, 2, 3] (+ `drift` off WASM). */
function fakeLane(log: FakeLaneLog, options: { drift?: number; fallBack?: boolean; failLoad?: string } = {}): Lane {
  let backendUsed: Backend = 'wasm';
  let count = 0;
  const timing = (): DispatchTiming => {
    count++;
    return { startEpochMs: ms(0), endEpochMs: ms(10 * count), serviceMs: ms(10 * count), gpuMs: null };
  };
  return {
    prepare(spec: PrepareSpec, prepare?: PrepareOptions): Promise<PreparedInfo> {
      log.prepares.push(spec);
      prepare?.onProgress?.({ type: 'progress', id: 1, stage: 'build', label: 'conv1', done: 1, total: 2 });
      prepare?.onProgress?.({ type: 'progress', id: 1, stage: 'session', label: 'creating the session', done: 0, total: 1 });
      if (options.failLoad) return Promise.reject(new Error(options.failLoad));
      backendUsed = options.fallBack ? 'wasm' : spec.backend;
      return Promise.resolve({
        key: `fake@32/${spec.backend}`, modelLabel: 'Fake @32px', backendRequested: spec.backend, backendUsed, build: spec.build,
        fallbackReasons: options.fallBack ? ['requestAdapter returned null'] : [], adapter: null, ortVersion: '1.30.0', wasmThreads: 1,
        inputs: [{ name: 'input', dims: [1, 3, 32, 32] }], outputNames: ['logits'], modelBytes: 100, meta: null, buildMs: ms(5), sessionMs: ms(50),
        estimatedBytes: 0, reused: false, gpuTiming: null, gpuTimingUnavailable: null,
      });
    },
    dispatch(key: string, requests: number, timeoutMs?: number): Promise<DispatchTiming> {
      log.dispatches.push(`run ${key} x${String(requests)} ${String(timeoutMs)}`);
      return Promise.resolve(timing());
    },
    dispatchWithOutput(key: string, requests: number): Promise<SampledDispatch> {
      log.dispatches.push(`sampled ${key} x${String(requests)}`);
      const drift = backendUsed === 'webgpu' ? (options.drift ?? 0) : 0;
      const values = Float64Array.from([1 + drift, 2, 3]);
      return Promise.resolve({ timing: timing(), output: { name: 'logits', type: 'float32', dims: [1, 3], elementCount: 3, min: 1, max: 3, mean: 2, values } });
    },
    rename(context: string) {
      log.contexts.push(context);
    },
    dispose() {
      log.disposed++;
      return Promise.resolve();
    },
  };
}

function setup(options: { available?: boolean; drift?: number; fallBack?: boolean; failLoad?: string } = {}) {
  const log: FakeLaneLog = { prepares: [], dispatches: [], disposed: 0, contexts: [] };
  const controller = new LabController({
    probe: () => Promise.resolve(probe(options.available ?? true)),
    createLane: () => fakeLane(log, options),
    describeModel: (id, resolution) => ({ id, name: id, resolution, params: 1, macs: 2 } as ModelMeta),
    crossOriginIsolated: true,
  });
  return { controller, log, snapshot: () => controller.store.getSnapshot() };
}

describe('LabController', () => {
  it('probes, then prepares, dispatches warm-up and measured runs one request each, and checks the output against WASM', async () => {
    const { controller, log, snapshot } = setup();
    await controller.start();
    controller.updateSettings({ warmupRuns: 2, measuredRuns: 4 });
    const phases: string[] = [];
    controller.store.subscribe(() => phases.push(snapshot().phase));
    await controller.run();
    const result = snapshot().results[0];
    expect(result?.stats).toMatchObject({ count: 4, medianMs: 40, minMs: 30, maxMs: 60 }); // nearest rank: the 2nd of 30, 40, 50, 60
    expect(result?.firstRunMs).toBe(10);
    expect(result?.buildProgressEvents).toBe(1);
    expect(result?.warmupLatenciesMs).toEqual([10, 20]);
    expect(result?.latenciesMs).toEqual([30, 40, 50, 60]);
    expect(result).toMatchObject({ modelLabel: 'Fake @32px', backendRequested: 'webgpu', backendUsed: 'webgpu', inputSeed: INPUT_SEED, modelBytes: 100, sessionMs: 50 });
    expect(result?.output.values).toEqual(Float64Array.from([1, 2, 3]));
    expect(result?.comparison?.withinTolerance).toBe(true);
    expect(log.prepares.map((p) => [p.backend, p.maxBatch, p.fixedBatch, p.blocks, p.inputSeed, p.allowFallback])).toEqual([['webgpu', 1, 1, 1, INPUT_SEED, true], ['wasm', 1, 1, 1, INPUT_SEED, false]]);
    expect(log.prepares[1]?.source).toBe(log.prepares[0]?.source);
    const run = `run fake@32/webgpu x1 ${String(RUN_TIMEOUT_MS)}`;
    expect(log.dispatches).toEqual([run, run, run, run, run, 'sampled fake@32/webgpu x1', 'sampled fake@32/wasm x1']);
    expect(log.contexts).toEqual(['Fake @32px on webgpu (webgpu-ep)']);
    expect(log.disposed).toBe(2);
    const transitions = phases.filter((phase, i) => phase !== phases[i - 1]);
    expect(transitions).toEqual(['idle', 'building', 'loading', 'warming', 'measuring', 'comparing', 'idle']);
    await expect(controller.idle()).resolves.toBeUndefined();
  });

  it('flags WebGPU output that drifts from WASM', async () => {
    const { controller, snapshot } = setup({ drift: 0.5 });
    await controller.start();
    await controller.run();
    expect(snapshot().results[0]?.comparison?.withinTolerance).toBe(false);
  });

  it('defaults to WASM when the probe finds no WebGPU, and keeps lane fallback reasons', async () => {
    const { controller, snapshot } = setup({ available: false, fallBack: true });
    await controller.start();
    expect(snapshot().settings.backend).toBe('wasm');
    controller.updateSettings({ backend: 'webgpu' });
    await controller.run();
    expect(snapshot().results[0]).toMatchObject({ backendUsed: 'wasm', fallbackReasons: ['requestAdapter returned null'], comparison: null });
  });

  it('feeds the live chart one latency per measured dispatch', async () => {
    const { controller, snapshot } = setup();
    await controller.start();
    controller.updateSettings({ warmupRuns: 1, measuredRuns: 3 });
    const live: (readonly number[])[] = [];
    controller.store.subscribe(() => {
      const latest = snapshot().liveLatenciesMs;
      if (latest !== live.at(-1)) live.push(latest);
    });
    await controller.run();
    expect(live.filter((l) => l.length > 0)).toEqual([[20], [20, 30], [20, 30, 40]]);
  });

  it('puts a lane error in the snapshot and returns to idle', async () => {
    const { controller, log, snapshot } = setup({ failLoad: 'tiny-cnn @32px on webgpu: prepare failed: boom' });
    await controller.start();
    await controller.run();
    expect(snapshot().error).toMatch(/prepare failed: boom/);
    expect(snapshot().phase).toBe('idle');
    expect(log.disposed).toBe(1);
  });

  it('refuses bad settings by field without running', async () => {
    const { controller, log, snapshot } = setup();
    await controller.start();
    controller.updateSettings({ measuredRuns: 0, warmupRuns: 1.5 });
    expect(snapshot().settingsErrors.measuredRuns).toMatch(/measured runs: expected a whole number from 1 to 500, got 0/);
    expect(snapshot().settingsErrors.warmupRuns).toMatch(/warm-up runs/);
    await controller.run();
    expect(log.prepares).toHaveLength(0);
  });

  it('selects a runnable file and runs it from a copy of its bytes', async () => {
    const { controller, log, snapshot } = setup();
    await controller.start();
    controller.openFile('mine.onnx', makeTestModel());
    expect(snapshot().settings.model).toBe('file');
    expect(snapshot().file?.facts?.parameters).toBeGreaterThan(0);
    expect(snapshot().file?.facts?.dims).toEqual([['batch', 1]]);
    expect(snapshot().file?.factsError).toBeNull();
    await controller.run();
    const source = log.prepares[0]?.source;
    expect(source?.kind).toBe('bytes');
    expect(source?.kind === 'bytes' && source.label).toBe('mine.onnx');
  });

  it('keeps a refused file out of the model choice', async () => {
    const { controller, snapshot } = setup();
    await controller.start();
    controller.openFile('junk.onnx', new TextEncoder().encode('not a model'));
    expect(snapshot().file?.inspection.problems[0]?.code).toBe('not-onnx');
    expect(snapshot().file?.facts).toBeNull();
    expect(snapshot().settings.model).toBe('tiny-cnn');
  });
});
