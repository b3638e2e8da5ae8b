// A lane's sessions inside its worker: several models (zoo or file) keyed by prepareKey, one run at a time, within the lane's memory.
import { errorMessage } from '../core/error-message';
import type { Tensor } from 'onnxruntime-web';
import type { BlockBalanceInfo, DispatchTiming, LaneMemory, OrtBuild, OutputSample, PrepareSpec, PreparedInfo } from './lane-protocol';
import { prepareKey } from './lane-protocol';
import { sessionBatchOf } from '../core/experiment/run-shape';
import { createBlockSessions, fedInputs, feedsFor, type AdmitSession, type BlockSession, type BlockSessions } from './block-sessions';
import { measuredPlan, type MeasuredTimesCache } from './measured-balance';
import { creationAdvice, memoryProblem, sessionBytes, WASM32_HEAP_LIMIT_BYTES } from './memory-budget';
import { LaneDevice } from './lane-device';
import { planModel, Refusal, type PrepareProgress } from './model-plan';
import { sampleOutput } from './output-sample';
import { wasmHeapBytes } from './wasm-heap';
import { GPU_TIMING_SOURCE, GpuTimer, gpuTimingUnavailable } from './gpu-timer';
import { loadOrt, type Ort } from './ort-loader';
import { ms, type Ms } from '../core/units';

interface Held extends Omit<BlockSessions, 'first' | 'buildMs' | 'sessionMs' | 'outputNames'> {
  /** The largest batch a run may have (its inputs are seeded for it). */
  readonly maxBatch: number;
  /** The batch every run has when the batch dimension is fixed (smaller batches are padding); null: symbolic. */
  readonly fixedBatch: number | null;
  readonly info: PreparedInfo;
  /** Block 0's feeds by run batch (views on the seeded inputs), made on first use. */
  readonly feeds: Map<number, Record<string, Tensor>>;
}

/** A layer block's output waiting in the lane for the next block of its batch. */
interface Carried {
  readonly key: string;
  readonly nextBlock: number;
  readonly tensor: Tensor;
}

/** Epoch milliseconds with sub-ms resolution, comparable between workers of one page. */
const epochNowMs = (): Ms => ms(performance.timeOrigin + performance.now());

/**
 * Sessions of one lane. The caller (the worker's request chain) guarantees one call at a time:
 * onnxruntime-web has no lock of its own and two runs in flight fail on WebGPU (shared/DESIGN.md).
 */
export class LaneSessions {
  private ort: { readonly build: OrtBuild; readonly module: Ort } | null = null;
  private readonly held = new Map<string, Held>();
  /** Layer-block outputs between blocks, by carry key (one batch per key at a time). */
  private readonly carried = new Map<string, Carried>();
  /** The WebGPU device of this lane's ORT instance, once a WebGPU session exists. */
  private readonly device: LaneDevice;
  /** Segment times measured for measured balance, by model and backend (a lane times a model once). */
  private readonly measuredTimes: MeasuredTimesCache = new Map();
  /** Set once a session asked for GPU timing and could have it; then every run of the lane is timed. */
  private gpuTimer: GpuTimer | null = null;

  private async ortFor(build: OrtBuild): Promise<Ort> {
    if (this.ort === null) this.ort = { build, module: await loadOrt(build) };
    if (this.ort.build !== build) throw new Error(`this lane runs the '${this.ort.build}' build; asked for '${build}'`);
    return this.ort.module;
  }

  /**
   * Calls `onLost` once when this lane's WebGPU device is lost (not when it is destroyed on purpose).
   * `heapLimitBytes` is what the lane's heap may hold (default: a wasm32 heap's 4 GiB).
   */
  constructor(
    onLost: (message: string) => void,
    private readonly heapLimitBytes = WASM32_HEAP_LIMIT_BYTES,
  ) {
    this.device = new LaneDevice(onLost);
  }

  /** Fault injection: destroys this lane's WebGPU device and returns the loss reason (see LaneDevice.destroy). */
  destroyDevice(): string {
    return this.device.destroy(this.held.size > 0);
  }

  /**
   * Builds the zoo model in the worker (or inspects the file's bytes) and creates its session(s)
   * (idempotent per key): one session, or one per layer block when `spec.blocks` > 1, with a symbolic
   * batch so that one copy of the weights serves every batch size up to `spec.maxBatch` (a file's
   * batch is fixed). A session the lane's heap cannot hold is refused before it is created, naming the
   * need and the limit. Every failure names the session key (e.g. 'vgg16@224/8', 'file:mine.onnx#..')
   * and says what to try; a file's failure is one line. On WebGPU, a model whose largest tensor exceeds
   * the adapter's buffer limits is refused before any session is created (or falls back to WASM).
   * `onProgress` hears 'build' while the zoo generates, then 'session' while ORT creates sessions.
   */
  async prepare(spec: PrepareSpec, onProgress: PrepareProgress = () => undefined): Promise<PreparedInfo> {
    const key = prepareKey(spec);
    const existing = this.held.get(key);
    if (existing && existing.maxBatch >= (spec.fixedBatch ?? spec.maxBatch)) return { ...existing.info, reused: true };
    // A larger batch than the session was made for: make it again (its inputs and the memory check change).
    if (existing) await this.release(key);
    const need = { maxBatch: spec.fixedBatch ?? spec.maxBatch, blocks: spec.blocks ?? 1, backend: spec.backend };
    try {
      const held = await this.create(key, spec, onProgress);
      this.held.set(key, held);
      return held.info;
    } catch (error) {
      const message = errorMessage(error);
      const full = `${key}: ${message}${error instanceof Refusal ? '' : ` ${creationAdvice(message, need)}`}`;
      throw new Error(spec.source.kind === 'bytes' ? full.replace(/\s*\n\s*/g, ' ') : full, { cause: error });
    }
  }

  /** The bytes the held sessions are estimated to keep in the heap. */
  private heldBytes(): number {
    let total = 0;
    for (const held of this.held.values()) total += held.info.estimatedBytes;
    return total;
  }

  private async create(key: string, spec: PrepareSpec, onProgress: PrepareProgress): Promise<Held> {
    let plan = await planModel(spec);
    const ort = await this.ortFor(spec.build);
    let estimatedBytes = 0;
    const admit: AdmitSession = (need) => {
      const problem = memoryProblem({ ...need, key }, this.heldBytes(), this.heapLimitBytes);
      if (problem !== null) throw new Refusal(problem);
      estimatedBytes = sessionBytes({ ...need, key }).steadyBytes;
    };
    let blockBalance: BlockBalanceInfo | undefined = plan.blocks > 1 ? { kind: 'macs' } : undefined;
    if (plan.blocks > 1 && spec.blockBalance === 'measured') {
      // A timed segment's output kept on the GPU is complete once the device's queue is done (its first session made the device).
      const workDone = async (): Promise<void> => {
        await this.device.watch(ort);
        await this.device.workDone();
      };
      const lane = { ort, admit, onProgress, workDone };
      const wholeKey = `${prepareKey({ ...spec, blocks: 1, blockBalance: undefined })}|${spec.backend}`;
      ({ plan, info: blockBalance } = await measuredPlan(lane, spec, plan, this.measuredTimes, wholeKey));
    }
    const made = await createBlockSessions(ort, spec, plan, admit, onProgress);
    const { blocks, inputs, modelBytes, first } = made;
    if (first.backendUsed === 'webgpu') await this.device.watch(ort);
    const unavailable = spec.gpuTiming ? gpuTimingUnavailable(first.backendUsed, spec.build, first.adapter) : null;
    if (spec.gpuTiming && unavailable === null) this.gpuTimer ??= new GpuTimer(ort);
    const info: PreparedInfo = {
      key, modelLabel: plan.label, backendRequested: spec.backend, backendUsed: first.backendUsed, build: spec.build,
      fallbackReasons: first.fallbackReasons, adapter: first.adapter, ortVersion: ort.env.versions.web ?? ort.env.versions.common,
      wasmThreads: ort.env.wasm.numThreads ?? 0, inputs: fedInputs(inputs, plan.maxBatch), outputNames: made.outputNames,
      modelBytes, meta: plan.meta, buildMs: ms(made.buildMs), sessionMs: ms(made.sessionMs), estimatedBytes, reused: false,
      gpuTiming: spec.gpuTiming && unavailable === null ? GPU_TIMING_SOURCE : null,
      gpuTimingUnavailable: unavailable,
      ...(blockBalance === undefined ? {} : { blockBalance }),
    };
    return { blocks, inputs, modelBytes, maxBatch: plan.maxBatch, fixedBatch: plan.fixedBatch, info, feeds: new Map() };
  }

  /**
   * Block 0's feeds for a run of `requests` requests: padded to the next power of two (sessionBatchOf),
   * so that a lane only sees the shapes its solo profiles measured and warmed (on WebGPU every new
   * shape compiles shaders: seconds on a software adapter), or to the fixed batch.
   */
  private feedsOf(held: Held, requests: number): Record<string, Tensor> {
    const batch = held.fixedBatch ?? Math.min(sessionBatchOf(requests), held.maxBatch);
    let feeds = held.feeds.get(batch);
    if (feeds === undefined) {
      feeds = feedsFor((this.ort as { readonly module: Ort }).module, held.inputs, batch);
      held.feeds.set(batch, feeds);
    }
    return feeds;
  }

  private get(key: string, requests?: number): Held {
    const held = this.held.get(key);
    if (!held) throw new Error(`no session '${key}' in this lane (prepare it first)`);
    if (requests !== undefined && !(Number.isInteger(requests) && requests >= 1 && requests <= held.maxBatch)) {
      throw new Error(`'${key}' takes 1..${String(held.maxBatch)} requests per run, got ${String(requests)}`);
    }
    return held;
  }

  /**
   * Runs one block on `input` (block 0's seeded feeds when null) and returns its output; an output
   * kept on the GPU is complete when this resolves (device.queue.onSubmittedWorkDone()).
   */
  private async runBlock(held: Held, index: number, input: Tensor | null, requests: number): Promise<Tensor> {
    const block = held.blocks[index] as BlockSession;
    const outputs = await block.session.run(input === null ? this.feedsOf(held, requests) : { [block.inputName]: input });
    const output = outputs[block.outputName];
    if (output === undefined) throw new Error(`block ${String(index)} gave no output '${block.outputName}'`);
    // With GPU outputs run() returns once the work is submitted (the native EP flushes at the end of
    // every run; JSEP may keep up to 15 kernels unsubmitted, which then count towards the next run).
    if (block.outputOnGpu) await this.device.workDone();
    return output;
  }

  /**
   * Runs every block of `held` in turn, each block's output feeding the next (one session for a whole
   * model). Returns the last block's output when `keepLast` (the caller disposes it), else null.
   */
  private async runChain(held: Held, requests: number, keepLast = false): Promise<Tensor | null> {
    let carried: Tensor | null = null;
    for (let i = 0; i < held.blocks.length; i++) {
      const input: Tensor | null = carried;
      try {
        carried = await this.runBlock(held, i, input, requests);
      } finally {
        input?.dispose();
      }
    }
    if (keepLast) return carried;
    carried?.dispose();
    return null;
  }

  /**
   * Runs one batch of `requests` requests on the session `key` (padded to the next power of two, or to
   * a fixed batch), every layer block in turn for a layer-blocked key, and reads the output back to
   * the CPU. Wall clock; GPU time from timestamps where the lane measures it. With `sample`, also
   * summarizes the last block's first output (after the timed span) for the WebGPU-vs-WASM check.
   */
  async dispatch(key: string, requests: number, sample = false): Promise<{ readonly timing: DispatchTiming; readonly output: OutputSample | null }> {
    const held = this.get(key, requests);
    this.gpuTimer?.begin();
    const startEpochMs = epochNowMs();
    const last = await this.runChain(held, requests, sample);
    const endEpochMs = epochNowMs();
    try {
      const gpuMs = (await this.gpuTimer?.end()) ?? null;
      const block = held.blocks[held.blocks.length - 1] as BlockSession;
      const output = last === null ? null : sampleOutput(block.outputName, last.type, last.dims, last.data);
      return { timing: { startEpochMs, endEpochMs, serviceMs: ms(endEpochMs - startEpochMs), gpuMs }, output };
    } finally {
      last?.dispose();
    }
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
      output = await this.runBlock(held, block, input, requests);
    } finally {
      input?.dispose();
    }
    const endEpochMs = epochNowMs();
    if (block < count - 1) this.carried.set(carry, { key, nextBlock: block + 1, tensor: output });
    return { startEpochMs, endEpochMs, serviceMs: ms(endEpochMs - startEpochMs), gpuMs: null };
  }

  /** A bare loop at `batch` requests per run: `warmupRuns` untimed runs, then `runs` timed ones (wall clock per run of every block, ms). */
  async profile(key: string, batch: number, warmupRuns: number, runs: number): Promise<number[]> {
    const held = this.get(key, batch);
    for (let i = 0; i < warmupRuns; i++) await this.runChain(held, batch);
    const latenciesMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await this.runChain(held, batch);
      latenciesMs.push(performance.now() - started);
    }
    return latenciesMs;
  }

  /** What the lane holds and can hold: the ORT heap's size (a high-water mark) and the sessions' estimates. */
  memory(): LaneMemory {
    const sessions = [...this.held.entries()].map(([key, held]) => ({ key, estimatedBytes: held.info.estimatedBytes, maxBatch: held.maxBatch }));
    return { wasmHeapBytes: wasmHeapBytes(), limitBytes: this.heapLimitBytes, heldBytes: this.heldBytes(), sessions };
  }

  /** Releases one session (its blocks) and every tensor of it waiting between blocks. */
  private async release(key: string): Promise<void> {
    const held = this.held.get(key);
    if (held === undefined) return;
    this.held.delete(key);
    for (const [carry, waiting] of this.carried) {
      if (waiting.key !== key) continue;
      waiting.tensor.dispose();
      this.carried.delete(carry);
    }
    for (const block of held.blocks) await block.session.release();
  }

  /** Releases every session whose key is not in `keys`; returns the keys released. */
  async retain(keys: readonly string[]): Promise<string[]> {
    const keep = new Set(keys);
    const released = [...this.held.keys()].filter((key) => !keep.has(key));
    for (const key of released) await this.release(key);
    return released;
  }

  /** Releases every session and every tensor waiting between blocks. */
  async releaseAll(): Promise<void> {
    await this.retain([]);
    for (const carried of this.carried.values()) carried.tensor.dispose();
    this.carried.clear();
  }
}
