// Page-side handle of one lane worker: promise per request, a timeout per request, errors naming model and backend.
import type {
  Backend, DispatchTiming, LaneEvent, LaneInfo, LaneMemory, LaneRequest, ModelSource, OrtBuild, OutputSample, PrepareSpec, PreparedInfo,
} from './lane-protocol';

/** Load settings; see LaneRequest 'load'. */
export interface LoadOptions {
  readonly backend: Backend;
  readonly build: OrtBuild;
  /** Fall back to WASM (with reasons) when WebGPU cannot be used; default true. */
  readonly allowFallback?: boolean;
  /** Batch size for symbolic batch dims; default 1. */
  readonly batch?: number;
  /** Give up (and stop the worker) after this many ms; default 180 000. */
  readonly timeoutMs?: number;
  readonly onProgress?: (progress: Extract<LaneEvent, { type: 'progress' }>) => void;
}

/** Run settings; see LaneRequest 'run'. */
export interface RunOptions {
  readonly runs: number;
  readonly inputSeed: number;
  /** Give up (and stop the worker) after this many ms; default 60 000 + 30 000 per run. */
  readonly timeoutMs?: number;
  readonly onTick?: (index: number, latencyMs: number) => void;
}

/** The answer to a run request: one wall-clock latency per run (ms) and the last output. */
export interface RunResult {
  readonly latenciesMs: readonly number[];
  readonly output: OutputSample;
}

interface Pending {
  readonly settle: (event: LaneEvent) => boolean;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** A short name for errors before the lane knows the model's full name. */
export function sourceLabel(source: ModelSource): string {
  return source.kind === 'zoo' ? `${source.modelId} @${source.resolution}px` : source.label;
}

/**
 * One lane worker. Requests are answered in order by the worker; a request that
 * times out stops the worker (a wedged ORT instance cannot be trusted), so make
 * a new LaneClient to go on.
 */
export class LaneClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private context: string;
  private stopped: string | null = null;

  /** @param context names the lane in errors until a model is loaded, e.g. 'tiny-cnn @32px on webgpu'. */
  constructor(context: string) {
    this.context = context;
    this.worker = new Worker(new URL('./lane.worker.ts', import.meta.url), { type: 'module', name: 'lab-lane' });
    this.worker.onmessage = (event: MessageEvent<LaneEvent>) => this.receive(event.data);
    this.worker.onerror = (event) => this.stop(`the lane worker crashed: ${event.message || 'no message (failed to load?)'}`);
  }

  /** Builds or receives the model in the worker and creates its session. */
  async load(source: ModelSource, options: LoadOptions): Promise<LaneInfo> {
    const request = {
      type: 'load', source, backend: options.backend, build: options.build,
      allowFallback: options.allowFallback ?? true, batch: options.batch ?? 1,
    } as const;
    const info = await this.request<LaneInfo>(request, options.timeoutMs ?? 180_000, (event) => {
      if (event.type === 'progress') options.onProgress?.(event);
      return event.type === 'loaded' ? event.info : undefined;
    });
    this.context = `${info.modelLabel} on ${info.backendUsed} (${info.build})`;
    return info;
  }

  /** Runs the loaded model `runs` times on one seeded input. */
  run(options: RunOptions): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? 60_000 + 30_000 * options.runs;
    return this.request<RunResult>({ type: 'run', runs: options.runs, inputSeed: options.inputSeed }, timeoutMs, (event) => {
      if (event.type === 'tick') options.onTick?.(event.index, event.latencyMs);
      return event.type === 'ran' ? { latenciesMs: event.latenciesMs, output: event.output } : undefined;
    });
  }

  /** Creates (or finds) the session `model@resolution[/blocks]` among the lane's sessions; default timeout 180 s. */
  prepare(spec: PrepareSpec, timeoutMs = 180_000): Promise<PreparedInfo> {
    return this.request<PreparedInfo>({ type: 'prepare', ...spec }, timeoutMs, (event) => (event.type === 'prepared' ? event.info : undefined));
  }

  /**
   * Runs one batch of `requests` on the session `key`. Several may be posted ahead: the lane runs
   * them one at a time, in order. A timeout (default 60 s) stops the lane.
   */
  dispatch(key: string, requests: number, timeoutMs = 60_000): Promise<DispatchTiming> {
    return this.request<DispatchTiming>({ type: 'dispatch', key, requests }, timeoutMs, (event) =>
      event.type === 'dispatched' ? event.timing : undefined,
    );
  }

  /**
   * Runs layer block `block` of a batch of `requests` on the layer-blocked session `key`; the tensor
   * between blocks stays in the lane under `carry` (one batch per carry key). Like dispatch, several
   * may be posted ahead and a timeout (default 60 s) stops the lane.
   */
  dispatchBlock(key: string, requests: number, block: number, carry: string, timeoutMs = 60_000): Promise<DispatchTiming> {
    return this.request<DispatchTiming>({ type: 'dispatch-block', key, requests, block, carry }, timeoutMs, (event) =>
      event.type === 'dispatched' ? event.timing : undefined,
    );
  }

  /** A bare timed loop on the session `key` at `batch` requests per run, in the worker: wall-clock ms per measured run. */
  profile(key: string, batch: number, warmupRuns: number, runs: number, timeoutMs = 300_000): Promise<readonly number[]> {
    return this.request<readonly number[]>({ type: 'profile', key, batch, warmupRuns, runs }, timeoutMs, (event) =>
      event.type === 'profiled' ? event.latenciesMs : undefined,
    );
  }

  /** Releases every session of the lane whose key is not in `keys`; resolves with the keys released. */
  retain(keys: readonly string[], timeoutMs = 60_000): Promise<readonly string[]> {
    return this.request<readonly string[]>({ type: 'retain', keys }, timeoutMs, (event) => (event.type === 'retained' ? event.released : undefined));
  }

  /** The lane's heap and the estimates of the sessions it holds. */
  memory(timeoutMs = 10_000): Promise<LaneMemory> {
    return this.request<LaneMemory>({ type: 'memory' }, timeoutMs, (event) => (event.type === 'memory' ? event.memory : undefined));
  }

  /**
   * Fault injection: destroys the lane's WebGPU device, even mid-run. Resolves with the loss reason;
   * the lane then reports the loss, so every pending request fails with it and the lane stops.
   * Rejects (the lane goes on) when the lane has no WebGPU device, e.g. on WASM.
   */
  destroyDevice(timeoutMs = 10_000): Promise<string> {
    return this.request<string>({ type: 'destroy-device' }, timeoutMs, (event) => (event.type === 'device-destroyed' ? event.message : undefined));
  }

  /** Stops the worker at once (as a crash would): every pending request fails with `reason`. */
  kill(reason: string): void {
    this.stop(reason);
  }

  /** True once the lane was stopped (timeout, crash, dispose): make a new one to go on. */
  get isStopped(): boolean {
    return this.stopped !== null;
  }

  /** Releases the session and stops the worker (with its GPUDevice). */
  async dispose(): Promise<void> {
    if (this.stopped === null) {
      await this.request<true>({ type: 'release' }, 10_000, (event) => (event.type === 'released' ? true : undefined)).catch(() => undefined);
    }
    this.stop('the lane was disposed');
  }

  /** Posts a request (bytes are copied, not transferred: the page keeps them for the next lane). */
  private request<T>(
    body: DistributiveOmit<LaneRequest, 'id'>,
    timeoutMs: number,
    pick: (event: LaneEvent) => T | undefined,
  ): Promise<T> {
    if (this.stopped !== null) return Promise.reject(new Error(`${this.context}: ${this.stopped}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error);
      };
      const timer = setTimeout(() => {
        this.stop(`'${body.type}' got no answer within ${timeoutMs} ms; the lane was stopped`);
      }, timeoutMs);
      this.pending.set(id, {
        reject: fail,
        timer,
        settle: (event) => {
          if (event.type === 'failed') {
            fail(new Error(`${this.context}: ${body.type} failed: ${event.message}`));
            return true;
          }
          const value = pick(event);
          if (value === undefined) return false;
          clearTimeout(timer);
          this.pending.delete(id);
          resolve(value);
          return true;
        },
      });
      this.worker.postMessage({ ...body, id });
    });
  }

  private receive(event: LaneEvent): void {
    if (event.type === 'lost') return this.stop(`the GPU device was lost: ${event.message}`);
    this.pending.get(event.id)?.settle(event);
  }

  private stop(reason: string): void {
    if (this.stopped === null) this.stopped = reason;
    this.worker.terminate();
    for (const pending of [...this.pending.values()]) pending.reject(new Error(`${this.context}: ${reason}`));
    this.pending.clear();
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
