// Page-side handle of the engine worker: start/stop, the latest snapshot, per-request events, and a promise per finished run.
import type { Experiment, ExperimentInput } from '../core/experiment';
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
export interface EngineWorker {
  onmessage: ((event: MessageEvent<EngineMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: EngineRequest): void;
  terminate(): void;
}

const startEngineWorker = (): EngineWorker => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'lab-engine' });

/** The last snapshot of a run the engine worker could not finish: phase 'failed' with the reason, the figures it had. */
export function failedSnapshot(reason: string, latest: EngineSnapshot | null): EngineSnapshot {
  return {
    mode: null, dispatchDepth: null, laneCount: 0, backendUsed: null, fallbackReasons: [], adapter: null, timing: 'wall-clock',
    gpuTiming: null, gpuTimingUnavailable: null, soloProfiles: [], metrics: null, dispatchGapMs: { count: 0, medianMs: null, p99Ms: null, maxMs: null },
    arrivalLateness: null, faults: [], ledgerChecks: 0, elapsedMs: 0,
    ...latest,
    phase: 'failed',
    setup: null,
    error: reason,
  };
}

/**
 * The engine in its own worker. One run at a time: starting another stops the current one, and
 * messages of a run that is no longer the current one are ignored (every message carries its run id).
 * A crashed worker fails the current run (a 'failed' final snapshot) and every pending call with its error.
 */
export class EngineClient {
  private readonly worker: EngineWorker;
  private latest: EngineSnapshot | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly updateListeners = new Set<UpdateListener>();
  private waiting: ((snapshot: EngineSnapshot) => void)[] = [];
  private running = false;
  private runId = 0;
  private crashed: string | null = null;
  private nextRequestId = 1;
  private readonly profiling = new Map<number, { resolve: (p: readonly SoloProfilePoint[]) => void; reject: (e: Error) => void }>();
  private readonly injecting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly memoryAsks = new Map<number, { resolve: (lanes: readonly LaneMemory[]) => void; reject: (e: Error) => void }>();

  /** `startWorker` defaults to the bundled engine.worker.ts. */
  constructor(startWorker: () => EngineWorker = startEngineWorker) {
    this.worker = startWorker();
    this.worker.onmessage = (event: MessageEvent<EngineMessage>) => this.receive(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.crash(`the engine worker crashed: ${event.message || 'no message (a script or out-of-memory error)'}`);
    };
    this.worker.onmessageerror = () => this.crash('the engine worker sent a message that could not be read');
  }

  /** Starts a run (the experiment is validated in the worker; issues come back as a failed snapshot). */
  start(experiment: Experiment | ExperimentInput, options: EngineOptions): void {
    this.running = true;
    this.runId++;
    if (this.crashed !== null) {
      const reason = this.crashed;
      queueMicrotask(() => this.finish(failedSnapshot(reason, null)));
      return;
    }
    this.send({ type: 'start', runId: this.runId, experiment, options });
  }

  /** Stops issuing arrivals; the run drains and finishes with phase 'stopped'. */
  stop(): void {
    this.send({ type: 'stop' });
  }

  /**
   * Solo profiles of the experiment's models on demand (cached per device, backend, build and model
   * for the worker's life). Rejects with the field-named problems or the lane's error.
   */
  profile(experiment: Experiment | ExperimentInput, options: EngineOptions): Promise<readonly SoloProfilePoint[]> {
    const id = this.nextRequestId++;
    if (this.crashed !== null) return Promise.reject(new Error(this.crashed));
    return new Promise((resolve, reject) => {
      this.profiling.set(id, { resolve, reject });
      this.send({ type: 'profile', id, experiment, options });
    });
  }

  /** Fault injection: kills a lane worker of the current run; the engine fails its requests and rebuilds it. */
  killLane(lane: number): void {
    this.send({ type: 'kill-lane', lane });
  }

  /**
   * Fault injection: destroys the WebGPU device of a lane of the current run; the engine fails its
   * in-flight requests with the loss and rebuilds the lane. Rejects when the lane has no device (WASM).
   */
  destroyDevice(lane: number): Promise<void> {
    const id = this.nextRequestId++;
    if (this.crashed !== null) return Promise.reject(new Error(this.crashed));
    return new Promise((resolve, reject) => {
      this.injecting.set(id, { resolve, reject });
      this.send({ type: 'destroy-device', id, lane });
    });
  }

  /** The memory of every lane the engine keeps between runs (none before the first run). */
  laneMemory(): Promise<readonly LaneMemory[]> {
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.memoryAsks.set(id, { resolve, reject });
      this.send({ type: 'lane-memory', id });
    });
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
    if (!this.running) return Promise.resolve(this.latest);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Stops the worker and every lane in it. */
  dispose(): void {
    this.worker.terminate();
  }

  private send(request: EngineRequest): void {
    if (this.crashed === null) this.worker.postMessage(request);
  }

  /** The worker died: the current run fails with the reason, and so does every call waiting for an answer. */
  private crash(reason: string): void {
    if (this.crashed !== null) return;
    this.crashed = reason;
    this.worker.terminate();
    const error = new Error(reason);
    for (const waiting of [...this.profiling.values(), ...this.injecting.values()]) waiting.reject(error);
    this.profiling.clear();
    this.injecting.clear();
    if (this.running) this.finish(failedSnapshot(reason, this.latest));
  }

  /** The current run's last snapshot: listeners hear it as final, and finished() resolves with it. */
  private finish(snapshot: EngineSnapshot, progress: EngineProgress = { events: [], slices: [] }): void {
    this.latest = snapshot;
    const update: EngineUpdate = { snapshot, events: progress.events, slices: progress.slices, finished: true };
    for (const listener of this.updateListeners) listener(update);
    this.running = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(snapshot);
  }

  private receive(message: EngineMessage): void {
    if (message.type === 'profiled') {
      const waiting = this.profiling.get(message.id);
      this.profiling.delete(message.id);
      if (message.error === null) waiting?.resolve(message.profiles);
      else waiting?.reject(new Error(message.error));
      return;
    }
    if (message.type === 'lane-memory') {
      const waiting = this.memoryAsks.get(message.id);
      this.memoryAsks.delete(message.id);
      if (message.error === null) waiting?.resolve(message.lanes);
      else waiting?.reject(new Error(message.error));
      return;
    }
    if (message.type === 'fault-injected') {
      const waiting = this.injecting.get(message.id);
      this.injecting.delete(message.id);
      if (message.error === null) waiting?.resolve();
      else waiting?.reject(new Error(message.error));
      return;
    }
    // A late message of a run that was stopped and replaced: not this run's.
    if (message.runId !== this.runId) return;
    this.latest = message.snapshot;
    if (message.events.length > 0 || message.slices.length > 0) {
      const progress: EngineProgress = { events: message.events, slices: message.slices };
      for (const listener of this.listeners) listener(progress);
    }
    if (message.type === 'finished') {
      this.finish(message.snapshot, message);
      return;
    }
    const update: EngineUpdate = { snapshot: message.snapshot, events: message.events, slices: message.slices, finished: false };
    for (const listener of this.updateListeners) listener(update);
  }
}
