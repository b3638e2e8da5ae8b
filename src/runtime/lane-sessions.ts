// The engine's sessions inside one lane worker: several models keyed by model@resolution@batch[/blocks], one run at a time.
import type { Tensor } from 'onnxruntime-web';
import type { DispatchTiming, OrtBuild, PrepareSpec, PreparedInfo } from './lane-protocol';
import { sessionKey } from './lane-protocol';
import { createBlockSessions, type BlockSession, type BlockSessions } from './block-sessions';
import { GPU_TIMING_SOURCE, GpuTimer, gpuTimingUnavailable } from './gpu-timer';
import { loadOrt, type Ort } from './ort-loader';

interface Held extends Omit<BlockSessions, 'first' | 'buildMs' | 'sessionMs'> {
  /** The fixed batch of every session of the model (requests beyond the batch's are padding). */
  readonly batch: number;
  readonly info: PreparedInfo;
}

/** A layer block's output waiting in the lane for the next block of its batch. */
interface Carried {
  readonly key: string;
  readonly nextBlock: number;
  readonly tensor: Tensor;
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
  /** Layer-block outputs between blocks, by carry key (one batch per key at a time). */
  private readonly carried = new Map<string, Carried>();
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
   * Builds the zoo model in the worker and creates its session(s) with a fixed batch (idempotent per
   * key): one session, or one per layer block when `spec.blocks` > 1. Every failure names the session
   * key (e.g. 'vgg16@224@8'); on WebGPU, a model whose largest tensor exceeds the adapter's buffer
   * limits is refused before any session is created (or falls back to WASM).
   */
  async prepare(spec: PrepareSpec): Promise<PreparedInfo> {
    const key = sessionKey(spec.modelId, spec.resolution, spec.batch, spec.blocks);
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
    const { blocks, feeds, first, buildMs, sessionMs } = await createBlockSessions(ort, spec);
    if (first.backendUsed === 'webgpu') await this.watchDevice(ort);
    const unavailable = spec.gpuTiming ? gpuTimingUnavailable(first.backendUsed, spec.build, first.adapter) : null;
    if (spec.gpuTiming && unavailable === null) this.gpuTimer ??= new GpuTimer(ort);
    const info: PreparedInfo = {
      key,
      backendUsed: first.backendUsed,
      build: spec.build,
      fallbackReasons: first.fallbackReasons,
      adapter: first.adapter,
      ortVersion: ort.env.versions.web ?? ort.env.versions.common,
      buildMs,
      sessionMs,
      gpuTiming: spec.gpuTiming && unavailable === null ? GPU_TIMING_SOURCE : null,
      gpuTimingUnavailable: unavailable,
    };
    return { blocks, feeds, batch: spec.batch, info };
  }

  private get(key: string, requests?: number): Held {
    const held = this.held.get(key);
    if (!held) throw new Error(`no session '${key}' in this lane (prepare it first)`);
    if (requests !== undefined && !(requests >= 1 && requests <= held.batch)) {
      throw new Error(`'${key}' takes 1..${String(held.batch)} requests per run, got ${String(requests)}`);
    }
    return held;
  }

  /**
   * Runs one block on `input` (block 0's seeded feeds when null) and returns its output; an output
   * kept on the GPU is complete when this resolves (device.queue.onSubmittedWorkDone()).
   */
  private async runBlock(held: Held, index: number, input: Tensor | null): Promise<Tensor> {
    const block = held.blocks[index] as BlockSession;
    const outputs = await block.session.run(input === null ? held.feeds : { [block.inputName]: input });
    const output = outputs[block.outputName];
    if (output === undefined) throw new Error(`block ${String(index)} gave no output '${block.outputName}'`);
    // With GPU outputs run() returns once the work is submitted (the native EP flushes at the end of
    // every run; JSEP may keep up to 15 kernels unsubmitted, which then count towards the next run).
    if (block.outputOnGpu) await this.device?.queue.onSubmittedWorkDone();
    return output;
  }

  /** Runs every block of `held` in turn, each block's output feeding the next (one session for a whole model). */
  private async runChain(held: Held): Promise<void> {
    let carried: Tensor | null = null;
    for (let i = 0; i < held.blocks.length; i++) {
      const input: Tensor | null = carried;
      try {
        carried = await this.runBlock(held, i, input);
      } finally {
        input?.dispose();
      }
    }
  }

  /**
   * Runs one batch of `requests` requests on the session `key` (its fixed batch >= requests: the rest
   * of the batch is padding), every layer block in turn for a layer-blocked key, and reads the output
   * back to the CPU. Wall clock; GPU time from timestamps where the lane measures it.
   */
  async dispatch(key: string, requests: number): Promise<DispatchTiming> {
    const held = this.get(key, requests);
    this.gpuTimer?.begin();
    const startEpochMs = epochNowMs();
    await this.runChain(held);
    const endEpochMs = epochNowMs();
    const gpuMs = (await this.gpuTimer?.end()) ?? null;
    return { startEpochMs, endEpochMs, serviceMs: endEpochMs - startEpochMs, gpuMs };
  }

  /**
   * Runs layer block `block` of a batch of `requests` on the layer-blocked session `key`. Block 0 reads
   * the seeded input; a later block reads what the previous block of the batch left under `carry` (one
   * key per batch), and disposes it. A block before the last leaves its output under `carry` (a GPU buffer on WebGPU, a CPU
   * tensor on WASM); the last block's output is read back. Service time is wall clock (see
   * DispatchTiming); GPU timestamps are not attributed to blocks (gpuMs null): with outputs left on
   * the GPU, onnxruntime reads its query buffer back after run() returns.
   */
  async dispatchBlock(key: string, requests: number, block: number, carry: string): Promise<DispatchTiming> {
    const held = this.get(key, requests);
    const count = held.blocks.length;
    if (!(Number.isInteger(block) && block >= 0 && block < count)) throw new Error(`'${key}' has blocks 0..${String(count - 1)}, asked for block ${String(block)}`);
    const waiting = this.carried.get(carry);
    this.carried.delete(carry);
    if (block === 0 ? waiting !== undefined : waiting?.key !== key || waiting.nextBlock !== block) {
      waiting?.tensor.dispose();
      const found = waiting === undefined ? 'nothing' : `block ${String(waiting.nextBlock - 1)}'s output of '${waiting.key}'`;
      throw new Error(`block ${String(block)} of '${key}' expected ${block === 0 ? 'nothing' : `block ${String(block - 1)}'s output`} under '${carry}'; found ${found}`);
    }
    const input = waiting?.tensor ?? null;
    const startEpochMs = epochNowMs();
    let output: Tensor;
    try {
      output = await this.runBlock(held, block, input);
    } finally {
      input?.dispose();
    }
    const endEpochMs = epochNowMs();
    if (block < count - 1) this.carried.set(carry, { key, nextBlock: block + 1, tensor: output });
    return { startEpochMs, endEpochMs, serviceMs: endEpochMs - startEpochMs, gpuMs: null };
  }

  /** A bare loop: `warmupRuns` untimed runs, then `runs` timed ones (wall clock per run of every block, ms). */
  async profile(key: string, warmupRuns: number, runs: number): Promise<number[]> {
    const held = this.get(key);
    for (let i = 0; i < warmupRuns; i++) await this.runChain(held);
    const latenciesMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await this.runChain(held);
      latenciesMs.push(performance.now() - started);
    }
    return latenciesMs;
  }

  /** Releases every session and every tensor waiting between blocks. */
  async releaseAll(): Promise<void> {
    for (const carried of this.carried.values()) carried.tensor.dispose();
    this.carried.clear();
    const all = [...this.held.values()];
    this.held.clear();
    for (const held of all) for (const block of held.blocks) await block.session.release();
  }
}
