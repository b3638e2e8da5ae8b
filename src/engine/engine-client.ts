// Page-side handle of the engine worker on the RPC client: a run is a streamed call (its id the run id), the latest snapshot, per-request events.
import type { Experiment, ExperimentInput } from '../core/experiment';
import { errorMessage } from '../core/error-message';
import { ms } from '../core/units';
import { RpcClient, rpcStep, type RpcEndpoint, type RpcStep, type RpcTimers } from '../core/rpc/rpc-client';
import type { LaneMemory } from '../runtime/lane-protocol';
import type { EngineMessage, EngineOptions, EngineProgress, EngineRequest, EngineSnapshot, SoloProfilePoint } from './engine-protocol';

type Listener = (progress: EngineProgress) => void;

/** One message of a run: the snapshot, what completed since the previous one, and whether the run is over. */
export interface EngineUpdate extends EngineProgress {
  readonly snapshot: EngineSnapshot;
  readonly finished: boolean;
}
type UpdateListener = (update: EngineUpdate) => void;

/** The part of a Worker the client uses (a fake in tests). */
export type EngineWorker = RpcEndpoint<EngineRequest, EngineMessage>;

/** Requests that expect replies, before the client stamps their id (a run's id for 'start'). */
type EngineCall =
  | Omit<Extract<EngineRequest, { type: 'start' }>, 'runId'>
  | DistributiveOmit<Extract<EngineRequest, { type: 'profile' | 'destroy-device' | 'lane-memory' }>, 'id'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Short calls fail after this long (the engine asks each lane for its memory with a 10 s timeout of its own). */
const LANE_MEMORY_TIMEOUT_MS = 30_000;
const DESTROY_DEVICE_TIMEOUT_MS = 30_000;

const TIMERS: RpcTimers = { set: (fire, delayMs) => setTimeout(fire, delayMs), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

/** The call id of an engine reply: a run's messages carry its run id, answers the id of their request. */
function replyId(message: EngineMessage): number {
  return message.type === 'snapshot' || message.type === 'finished' ? message.runId : message.id;
}

/** An answer carrying `error` (null: success) as a call step. */
const answered = <T>(error: string | null, value: T): RpcStep<T> => (error === null ? rpcStep.done(value) : rpcStep.failed(error));

const startEngineWorker = (): EngineWorker => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'lab-engine' });

/**
 * The bytes of the user's own models in this page, by sha256 (hex). Every engine client attaches the
 * ones an experiment's `customModels` name to its start and profile requests (EngineOptions.modelBytes),
 * so the run, compare, analysis and characterize paths carry a custom model without knowing of it.
 */
export class ModelBytesRegistry {
  private readonly bytes = new Map<string, ArrayBuffer>();

  set(sha256: string, bytes: ArrayBuffer): void {
    this.bytes.set(sha256, bytes);
  }

  has(sha256: string): boolean {
    return this.bytes.has(sha256);
  }

  /** The bytes an experiment (validated or not) names in `customModels`, by sha256; undefined when it names none held here. */
  forExperiment(experiment: unknown): Map<string, ArrayBuffer> | undefined {
    const entries = typeof experiment === 'object' && experiment !== null ? (experiment as { customModels?: unknown }).customModels : undefined;
    if (!Array.isArray(entries)) return undefined;
    const out = new Map<string, ArrayBuffer>();
    for (const entry of entries.slice(0, 64)) {
      const sha = typeof entry === 'object' && entry !== null ? (entry as { sha256?: unknown }).sha256 : undefined;
      const bytes = typeof sha === 'string' ? this.bytes.get(sha) : undefined;
      if (typeof sha === 'string' && bytes !== undefined) out.set(sha, bytes);
    }
    return out.size === 0 ? undefined : out;
  }
}

/** The page's registry (app/custom-models fills it when a file is picked or restored from IndexedDB). */
export const pageModelBytes = new ModelBytesRegistry();

/** The last snapshot of a run the engine worker could not finish: phase 'failed' with the reason, the figures it had. */
export function failedSnapshot(reason: string, latest: EngineSnapshot | null): EngineSnapshot {
  return {
    mode: null, dispatchDepth: null, laneCount: 0, backendUsed: null, fallbackReasons: [], adapter: null, timing: 'wall-clock',
    gpuTiming: null, gpuTimingUnavailable: null, soloProfiles: [], metrics: null, dispatchGapMs: { count: 0, medianMs: null, p99Ms: null, maxMs: null },
    arrivalLateness: null, faults: [], ledgerChecks: 0, elapsedMs: ms(0),
    ...latest,
    phase: 'failed',
    setup: null,
    error: reason,
  };
}

/**
 * The engine in its own worker. One run at a time: a run is one streamed call whose id is the run id
 * (every message of the run carries it). Starting another cancels the current call, so messages of a
 * run that is no longer the current one are ignored. A crashed worker fails the current run (a
 * 'failed' final snapshot) and every pending call with its error; later calls fail at once.
 */
export class EngineClient {
  private readonly rpc: RpcClient<EngineRequest, EngineMessage, EngineCall>;
  private latest: EngineSnapshot | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly updateListeners = new Set<UpdateListener>();
  private waiting: ((snapshot: EngineSnapshot) => void)[] = [];
  /** The current run's id; null when none runs. */
  private current: number | null = null;
  /** The current run's latest snapshot (what a failed run's final snapshot keeps); null before its first. */
  private currentLatest: EngineSnapshot | null = null;

  /** `startWorker` defaults to the bundled engine.worker.ts; `modelBytes` to the page's registry. */
  constructor(startWorker: () => EngineWorker = startEngineWorker, private readonly modelBytes: ModelBytesRegistry = pageModelBytes) {
    this.rpc = new RpcClient(startWorker(), {
      name: 'the engine worker',
      stamp: (body, id) => (body.type === 'start' ? { ...body, runId: id } : { ...body, id }),
      idOf: replyId,
      timers: TIMERS,
    });
  }

  /** Starts a run (the experiment is validated in the worker; issues come back as a failed snapshot). */
  start(experiment: Experiment | ExperimentInput, options: EngineOptions): void {
    if (this.current !== null) this.rpc.cancel(this.current, new Error('replaced by a new run'));
    const run = this.rpc.open<EngineSnapshot>({ type: 'start', experiment, options: this.withBytes(experiment, options) }, (message) => this.receive(message), { label: 'run' });
    this.current = run.id;
    this.currentLatest = null;
    // A 'finished' message finishes the run at once (receive); a crash or dispose fails it here.
    run.result.catch((error: unknown) => {
      if (this.current === run.id) this.finish(failedSnapshot(errorMessage(error), this.currentLatest));
    });
  }

  /** `options` with the bytes of the experiment's custom models (copied to the worker with the message). */
  private withBytes(experiment: unknown, options: EngineOptions): EngineOptions {
    const modelBytes = this.modelBytes.forExperiment(experiment);
    return modelBytes === undefined ? options : { ...options, modelBytes };
  }

  /** Stops issuing arrivals in the current run; it drains and finishes with phase 'stopped'. */
  stop(): void {
    if (this.current !== null) this.rpc.post({ type: 'stop', runId: this.current });
  }

  /**
   * Solo profiles of the experiment's models on demand (cached per device, backend, build and model
   * for the worker's life). Rejects with the field-named problems or the lane's error. No timeout:
   * a heavy model's profile on a software adapter takes minutes.
   */
  profile(experiment: Experiment | ExperimentInput, options: EngineOptions): Promise<readonly SoloProfilePoint[]> {
    return this.rpc.call({ type: 'profile', experiment, options: this.withBytes(experiment, options) }, (message) =>
      message.type === 'profiled' ? answered(message.error, message.profiles) : rpcStep.progress, { label: 'profile' });
  }

  /** Fault injection: kills a lane worker of the current run; the engine fails its requests and rebuilds it. */
  killLane(lane: number): void {
    if (this.current !== null) this.rpc.post({ type: 'kill-lane', runId: this.current, lane });
  }

  /**
   * Fault injection: destroys the WebGPU device of a lane of the current run; the engine fails its
   * in-flight requests with the loss and rebuilds the lane. Rejects when the lane has no device (WASM)
   * or no run is in progress.
   */
  destroyDevice(lane: number): Promise<void> {
    if (this.current === null) return Promise.reject(new Error('no run in progress'));
    return this.rpc.call({ type: 'destroy-device', runId: this.current, lane }, (message) =>
      message.type === 'fault-injected' ? answered(message.error, undefined) : rpcStep.progress,
    { label: 'destroy-device', timeoutMs: DESTROY_DEVICE_TIMEOUT_MS });
  }

  /** The memory of every lane the engine keeps between runs (none before the first run). */
  laneMemory(): Promise<readonly LaneMemory[]> {
    return this.rpc.call({ type: 'lane-memory' }, (message) =>
      message.type === 'lane-memory' ? answered(message.error, message.lanes) : rpcStep.progress,
    { label: 'lane-memory', timeoutMs: LANE_MEMORY_TIMEOUT_MS });
  }

  /** The latest snapshot (5-10 Hz while running), or null before the first. */
  snapshot(): EngineSnapshot | null {
    return this.latest;
  }

  /** Calls `listener` with the requests completed and slices run since the last message; returns the unsubscribe function. */
  onEvents(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` with every snapshot message (5-10 Hz while running, and the final one); returns the unsubscribe function. */
  onUpdate(listener: UpdateListener): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Resolves with the final snapshot when the current run is finished, stopped or failed (at once when none runs). */
  finished(): Promise<EngineSnapshot | null> {
    if (this.current === null) return Promise.resolve(this.latest);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Stops the worker and every lane in it; the current run and every pending call fail. */
  dispose(): void {
    this.rpc.close(new Error('the engine worker was stopped'));
  }

  /** The current run's last snapshot: listeners hear it as final, and finished() resolves with it. */
  private finish(snapshot: EngineSnapshot, progress: EngineProgress = { events: [], slices: [] }): void {
    this.latest = snapshot;
    this.current = null;
    const update: EngineUpdate = { snapshot, events: progress.events, slices: progress.slices, finished: true };
    for (const listener of this.updateListeners) listener(update);
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(snapshot);
  }

  /** One message of the current run (the RPC client drops those of other runs). */
  private receive(message: EngineMessage): RpcStep<EngineSnapshot> {
    if (message.type !== 'snapshot' && message.type !== 'finished') return rpcStep.failed(`the engine answered a run with '${message.type}'`);
    this.latest = message.snapshot;
    this.currentLatest = message.snapshot;
    if (message.events.length > 0 || message.slices.length > 0) {
      const progress: EngineProgress = { events: message.events, slices: message.slices };
      for (const listener of this.listeners) listener(progress);
    }
    if (message.type === 'finished') {
      this.finish(message.snapshot, message);
      return rpcStep.done(message.snapshot);
    }
    const update: EngineUpdate = { snapshot: message.snapshot, events: message.events, slices: message.slices, finished: false };
    for (const listener of this.updateListeners) listener(update);
    return rpcStep.progress;
  }
}
