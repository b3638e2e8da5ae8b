// The engine's sessions inside one lane worker: several models keyed by model@resolution@batch, one run at a time.
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { DispatchTiming, OrtBuild, PrepareSpec, PreparedInfo } from './lane-protocol';
import { sessionKey } from './lane-protocol';
import { GPU_TIMING_SOURCE, GpuTimer, gpuTimingUnavailable } from './gpu-timer';
import { createLaneSession } from './lane-session';
import { loadOrt, type Ort } from './ort-loader';
import { elementCount, seededFloat32 } from './seeded-input';
import { inspectOnnx } from '../zoo/inspect';
import { largestTensors } from '../zoo/tensor-sizes';
import { bufferLimitsOf, webGpuSizeProblem } from './size-limits';

/** Bytes per element of the engine's fp32 zoo models. */
const FLOAT32_BYTES = 4;

interface Held {
  readonly session: InferenceSession;
  /** Inputs made once at prepare time (seeded), reused by every dispatch. */
  readonly feeds: Record<string, Tensor>;
  readonly info: PreparedInfo;
}

/** Epoch milliseconds with sub-ms resolution, comparable between workers of one page. */
const epochNowMs = (): number => performance.timeOrigin + performance.now();

/**
 * Sessions of one lane. The caller (the worker's request chain) guarantees one call at a time:
 * onnxruntime-web has no lock of its own and two runs in flight fail on WebGPU (shared/DESIGN.md).
 */
export class LaneSessions {
  private ort: { readonly build: OrtBuild; readonly module: Ort } | null = null;
  private readonly held = new Map<string, Held>();
  /** Whether the WebGPU device is already watched for loss. */
  private watching = false;
  /** The WebGPU device of this lane's ORT instance, once a WebGPU session exists; null on WASM. */
  private device: GPUDevice | null = null;
  /** Set once a session asked for GPU timing and could have it; then every run of the lane is timed. */
  private gpuTimer: GpuTimer | null = null;

  private async ortFor(build: OrtBuild): Promise<Ort> {
    if (this.ort === null) this.ort = { build, module: await loadOrt(build) };
    if (this.ort.build !== build) throw new Error(`this lane runs the '${this.ort.build}' build; asked for '${build}'`);
    return this.ort.module;
  }

  /** Calls `onLost` once when this lane's WebGPU device is lost (not when it is destroyed on purpose). */
  constructor(private readonly onLost: (message: string) => void) {}

  private async watchDevice(ort: Ort): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    const device = (await ort.env.webgpu.device) as GPUDevice | undefined;
    this.device = device ?? null;
    // 'destroyed' is a loss we caused (destroyDevice reports it itself) or a release on the way out.
    void device?.lost.then((info) => {
      if (info.reason !== 'destroyed') this.onLost(`${info.reason}: ${info.message}`);
    });
  }

  /**
   * Fault injection: destroys this lane's WebGPU device, as a driver reset would lose it, and returns
   * the loss reason for the caller to report (the device's `lost` watcher ignores 'destroyed').
   * Throws when the lane has no WebGPU device (its sessions run on WASM, or none exists yet).
   */
  destroyDevice(): string {
    if (this.device === null) {
      throw new Error(this.held.size === 0
        ? 'no session in this lane yet, so no WebGPU device to destroy'
        : 'this lane runs on WASM: it has no WebGPU device to destroy');
    }
    this.device.destroy();
    return "destroyed: GPUDevice.destroy() was called on the lane's WebGPU device (fault injection)";
  }

  /**
   * Builds the zoo model in the worker and creates its session with a fixed batch (idempotent per key).
   * Every failure names the session key (e.g. 'vgg16@224@8'); on WebGPU, a model whose largest tensor
   * exceeds the adapter's buffer limits is refused before any session is created (or falls back to WASM).
   */
  async prepare(spec: PrepareSpec): Promise<PreparedInfo> {
    const key = sessionKey(spec.modelId, spec.resolution, spec.batch);
    const existing = this.held.get(key);
    if (existing) return existing.info;
    try {
      const held = await this.create(key, spec);
      this.held.set(key, held);
      return held.info;
    } catch (error) {
      throw new Error(`${key}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private async create(key: string, spec: PrepareSpec): Promise<Held> {
    const ort = await this.ortFor(spec.build);
    const builtAt = performance.now();
    const zoo = await import('../zoo');
    const largest = largestTensors(zoo.defineModel(spec.modelId, spec.resolution), spec.batch, FLOAT32_BYTES);
    const built = zoo.buildModel(spec.modelId, { resolution: spec.resolution, seed: spec.seed });
    const buildMs = performance.now() - builtAt;
    const inspection = inspectOnnx(built.bytes);
    if (!inspection.ok) throw new Error(inspection.problems.map((p) => p.message).join(' '));
    const created = await createLaneSession(ort, built.bytes, {
      backend: spec.backend,
      allowFallback: spec.allowFallback,
      dimOverrides: Object.fromEntries(inspection.batchDimNames.map((name) => [name, spec.batch])),
      webGpuCheck: (adapter) => webGpuSizeProblem(largest, bufferLimitsOf(adapter)),
    });
    const feeds: Record<string, Tensor> = {};
    for (const input of inspection.inputs) {
      const dims = input.dims.map((d) => (typeof d === 'number' ? d : spec.batch));
      feeds[input.name] = new ort.Tensor('float32', seededFloat32(elementCount(dims), spec.inputSeed, input.name), dims);
    }
    if (created.backendUsed === 'webgpu') await this.watchDevice(ort);
    const unavailable = spec.gpuTiming ? gpuTimingUnavailable(created.backendUsed, spec.build, created.adapter) : null;
    if (spec.gpuTiming && unavailable === null) this.gpuTimer ??= new GpuTimer(ort);
    const info: PreparedInfo = {
      key,
      backendUsed: created.backendUsed,
      build: spec.build,
      fallbackReasons: created.fallbackReasons,
      adapter: created.adapter,
      ortVersion: ort.env.versions.web ?? ort.env.versions.common,
      buildMs,
      sessionMs: created.sessionMs,
      gpuTiming: spec.gpuTiming && unavailable === null ? GPU_TIMING_SOURCE : null,
      gpuTimingUnavailable: unavailable,
    };
    return { session: created.session, feeds, info };
  }

  private get(key: string): Held {
    const held = this.held.get(key);
    if (!held) throw new Error(`no session '${key}' in this lane (prepare it first)`);
    return held;
  }

  /**
   * Runs one batch of `requests` requests on the session `key` (its fixed batch >= requests: the rest
   * of the batch is padding) and reads the outputs back to the CPU.
   */
  async dispatch(key: string, requests: number): Promise<DispatchTiming> {
    const held = this.get(key);
    const batch = Number(key.slice(key.lastIndexOf('@') + 1));
    if (!(requests >= 1 && requests <= batch)) throw new Error(`'${key}' takes 1..${String(batch)} requests per run, got ${String(requests)}`);
    this.gpuTimer?.begin();
    const startEpochMs = epochNowMs();
    await held.session.run(held.feeds);
    const endEpochMs = epochNowMs();
    const gpuMs = (await this.gpuTimer?.end()) ?? null;
    return { startEpochMs, endEpochMs, serviceMs: endEpochMs - startEpochMs, gpuMs };
  }

  /** A bare loop: `warmupRuns` untimed runs, then `runs` timed ones (wall clock per run, ms). */
  async profile(key: string, warmupRuns: number, runs: number): Promise<number[]> {
    const held = this.get(key);
    for (let i = 0; i < warmupRuns; i++) await held.session.run(held.feeds);
    const latenciesMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await held.session.run(held.feeds);
      latenciesMs.push(performance.now() - started);
    }
    return latenciesMs;
  }

  /** Releases every session. */
  async releaseAll(): Promise<void> {
    const all = [...this.held.values()];
    this.held.clear();
    for (const held of all) await held.session.release();
  }
}
