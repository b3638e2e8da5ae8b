// Tests for the lab controller with fake lanes: a Run's phases, stats, WASM check, fallback, errors, files, settings.
import { describe, expect, it } from 'vitest';
import type { ModelMeta } from '../zoo';
import { makeTestModel } from '../zoo/onnx-test-models';
import type { LoadOptions, RunOptions, RunResult } from '../runtime/lane-client';
import type { Backend, LaneInfo, ModelSource } from '../runtime/lane-protocol';
import type { WebGpuProbe } from '../runtime/probe-webgpu';
import { LabController, type Lane } from './lab-controller';

const probe = (available: boolean): WebGpuProbe => ({
  available, adapter: null, highPerformanceDescription: null, reasons: available ? [] : ['navigator.gpu is missing'],
  secureContext: true, crossOriginIsolated: true,
});

interface FakeLaneLog {
  loads: { source: ModelSource; backend: Backend }[];
  runs: number[];
  disposed: number;
}

/** A lane whose latencies are 10, 20, 30... ms and whose output is [1, 2, 3] (+ `drift` off WASM). */
function fakeLane(log: FakeLaneLog, options: { drift?: number; fallBack?: boolean; failLoad?: string } = {}): Lane {
  let backendUsed: Backend = 'wasm';
  return {
    load(source: ModelSource, load: LoadOptions): Promise<LaneInfo> {
      log.loads.push({ source, backend: load.backend });
      load.onProgress?.({ type: 'progress', id: 1, stage: 'build', label: 'conv1', done: 1, total: 2 });
      if (options.failLoad) return Promise.reject(new Error(options.failLoad));
      backendUsed = options.fallBack ? 'wasm' : load.backend;
      return Promise.resolve({
        modelLabel: 'Fake @32px', backendRequested: load.backend, backendUsed, build: load.build,
        fallbackReasons: options.fallBack ? ['requestAdapter returned null'] : [], adapter: null, ortVersion: '1.30.0', wasmThreads: 1,
        inputs: [{ name: 'input', dims: [1, 3, 32, 32] }], outputNames: ['logits'], modelBytes: 100, buildMs: 5, sessionMs: 50, meta: null,
      });
    },
    run(run: RunOptions): Promise<RunResult> {
      log.runs.push(run.runs);
      const latenciesMs = Array.from({ length: run.runs }, (_, i) => 10 * (i + 1));
      latenciesMs.forEach((latencyMs, i) => run.onTick?.(i, latencyMs));
      const drift = backendUsed === 'webgpu' ? (options.drift ?? 0) : 0;
      const values = Float64Array.from([1 + drift, 2, 3]);
      return Promise.resolve({ latenciesMs, output: { name: 'logits', type: 'float32', dims: [1, 3], elementCount: 3, min: 1, max: 3, mean: 2, values } });
    },
    dispose() {
      log.disposed++;
      return Promise.resolve();
    },
  };
}

function setup(options: { available?: boolean; drift?: number; fallBack?: boolean; failLoad?: string } = {}) {
  const log: FakeLaneLog = { loads: [], runs: [], disposed: 0 };
  const controller = new LabController({
    probe: () => Promise.resolve(probe(options.available ?? true)),
    createLane: () => fakeLane(log, options),
    describeModel: (id, resolution) => ({ id, name: id, resolution, params: 1, macs: 2 } as ModelMeta),
    crossOriginIsolated: true,
  });
  return { controller, log, snapshot: () => controller.store.getSnapshot() };
}

describe('LabController', () => {
  it('probes, then runs warm-up and measured runs and checks the output against WASM', async () => {
    const { controller, log, snapshot } = setup();
    await controller.start();
    controller.updateSettings({ warmupRuns: 2, measuredRuns: 4 });
    const phases: string[] = [];
    controller.store.subscribe(() => phases.push(snapshot().phase));
    await controller.run();
    const result = snapshot().results[0];
    expect(result?.stats).toMatchObject({ count: 4, medianMs: 20, minMs: 10, maxMs: 40 }); // nearest rank: the 2nd of 10, 20, 30, 40
    expect(result?.firstRunMs).toBe(10);
    expect(result?.buildProgressEvents).toBe(1);
    expect(result?.warmupLatenciesMs).toEqual([10, 20]);
    expect(result?.comparison?.withinTolerance).toBe(true);
    expect(log.loads.map((l) => l.backend)).toEqual(['webgpu', 'wasm']);
    expect(log.runs).toEqual([2, 4, 1]);
    expect(log.disposed).toBe(2);
    const transitions = phases.filter((phase, i) => phase !== phases[i - 1]);
    expect(transitions).toEqual(['idle', 'building', 'warming', 'measuring', 'comparing', 'idle']);
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

  it('puts a lane error in the snapshot and returns to idle', async () => {
    const { controller, log, snapshot } = setup({ failLoad: 'tiny-cnn @32px on webgpu: load failed: boom' });
    await controller.start();
    await controller.run();
    expect(snapshot().error).toMatch(/load failed: boom/);
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
    expect(log.loads).toHaveLength(0);
  });

  it('selects a runnable file and runs it from a copy of its bytes', async () => {
    const { controller, log, snapshot } = setup();
    await controller.start();
    controller.openFile('mine.onnx', makeTestModel());
    expect(snapshot().settings.model).toBe('file');
    await controller.run();
    const source = log.loads[0]?.source;
    expect(source?.kind).toBe('bytes');
    expect(source?.kind === 'bytes' && source.label).toBe('mine.onnx');
  });

  it('keeps a refused file out of the model choice', async () => {
    const { controller, snapshot } = setup();
    await controller.start();
    controller.openFile('junk.onnx', new TextEncoder().encode('not a model'));
    expect(snapshot().file?.inspection.problems[0]?.code).toBe('not-onnx');
    expect(snapshot().settings.model).toBe('tiny-cnn');
  });
});
