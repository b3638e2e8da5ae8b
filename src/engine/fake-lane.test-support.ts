// A fake lane for engine tests (real timers, no worker): one run at a time, layer blocks with carried tensors, failures on demand.
import { sessionKey, type DispatchTiming, type LaneMemory, type PrepareSpec, type PreparedInfo } from '../runtime/lane-protocol';
import type { EngineHost } from './engine-run';
import type { EngineLane } from './lane-pool';

/** Wall-clock ms of a whole run: one figure for every model, or per model id. */
export type FakeService = number | ((modelId: string) => number);

const epochNowMs = (): number => performance.timeOrigin + performance.now();

/**
 * A lane that runs one slice at a time: a whole run takes the model's service time, a layer block of a
 * K-block key (`model@res/K`) a K-th of it. Block k > 0 needs block k - 1 of the same key under
 * the same carry key, as the real lane does. `failAt` makes that dispatch (1-based, per lane) reject.
 * On a 'webgpu' session it has a device that destroyDevice() loses (pending dispatches fail).
 */
export class FakeLane implements EngineLane {
  private busyUntil = 0;
  private dispatches = 0;
  private backend: PrepareSpec['backend'] = 'wasm';
  private readonly pending = new Set<(error: Error) => void>();
  private readonly carried = new Map<string, { key: string; nextBlock: number }>();
  private lost: string | null = null;
  killed = false;
  /** Every session prepared, by key (a key again when it was made again). */
  readonly prepared: string[] = [];
  /** The sessions held now, by key. */
  readonly held = new Set<string>();
  /** Every batch size profiled or warmed, as 'key@batch'. */
  readonly profiled: string[] = [];

  constructor(
    private readonly service: FakeService,
    private readonly failAt = 0,
  ) {}

  private wholeMs(key: string): number {
    const modelId = key.slice(0, key.indexOf('@'));
    return typeof this.service === 'number' ? this.service : this.service(modelId);
  }

  prepare(spec: PrepareSpec): Promise<PreparedInfo> {
    this.backend = spec.backend;
    const key = sessionKey(spec.modelId, spec.resolution, { blocks: spec.blocks, fixedBatch: spec.fixedBatch });
    const reused = this.held.has(key);
    if (!reused) this.prepared.push(key);
    this.held.add(key);
    return Promise.resolve({
      key, backendUsed: spec.backend, build: spec.build, estimatedBytes: 0, reused,
      fallbackReasons: [], adapter: null, ortVersion: 'fake', buildMs: 0, sessionMs: 0, gpuTiming: null, gpuTimingUnavailable: null,
    });
  }

  private run(serviceMs: number, onDone: () => void = () => undefined): Promise<DispatchTiming> {
    this.dispatches++;
    if (this.lost !== null) return Promise.reject(new Error(this.lost));
    if (this.dispatches === this.failAt) return Promise.reject(new Error('device lost'));
    const startEpochMs = Math.max(epochNowMs(), this.busyUntil);
    this.busyUntil = startEpochMs + serviceMs;
    const endEpochMs = this.busyUntil;
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      setTimeout(() => {
        this.pending.delete(reject);
        onDone();
        resolve({ startEpochMs, endEpochMs, serviceMs, gpuMs: null });
      }, Math.max(0, endEpochMs - epochNowMs()));
    });
  }

  dispatch(key: string, _requests: number): Promise<DispatchTiming> {
    if (!this.held.has(key)) return Promise.reject(new Error(`no session '${key}' in this lane (prepare it first)`));
    return this.run(this.wholeMs(key));
  }

  dispatchBlock(key: string, _requests: number, block: number, carry: string): Promise<DispatchTiming> {
    const blocks = Number(key.slice(key.indexOf('/') + 1));
    if (!this.held.has(key)) return Promise.reject(new Error(`no session '${key}' in this lane (prepare it first)`));
    const waiting = this.carried.get(carry);
    if (block > 0 && (waiting?.key !== key || waiting.nextBlock !== block)) {
      return Promise.reject(new Error(`block ${String(block)} of '${key}' needs the output of block ${String(block - 1)} under '${carry}'`));
    }
    this.carried.delete(carry);
    return this.run(this.wholeMs(key) / blocks, () => {
      if (block < blocks - 1) this.carried.set(carry, { key, nextBlock: block + 1 });
    });
  }

  profile(key: string, batch: number, _warmupRuns: number, runs: number): Promise<readonly number[]> {
    this.profiled.push(`${key}@${String(batch)}`);
    return Promise.resolve(Array.from({ length: runs }, (_, i) => this.wholeMs(key) + (i % 3) * 0.1));
  }

  retain(keys: readonly string[]): Promise<readonly string[]> {
    const keep = new Set(keys);
    const released = [...this.held].filter((key) => !keep.has(key));
    for (const key of released) this.held.delete(key);
    return Promise.resolve(released);
  }

  memory(): Promise<LaneMemory> {
    return Promise.resolve({ wasmHeapBytes: null, limitBytes: 0, heldBytes: 0, sessions: [...this.held].map((key) => ({ key, estimatedBytes: 0, maxBatch: 1 })) });
  }

  get isStopped(): boolean {
    return this.killed;
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }

  kill(_reason: string): void {
    this.killed = true;
  }

  destroyDevice(): Promise<string> {
    if (this.backend !== 'webgpu') return Promise.reject(new Error('lane: destroy-device failed: this lane runs on WASM: it has no WebGPU device to destroy'));
    this.lost = 'lane: the GPU device was lost: destroyed (fault injection)';
    for (const reject of this.pending) reject(new Error(this.lost));
    this.pending.clear();
    return Promise.resolve(this.lost);
  }
}

/** Resolves once `condition` holds (polled every 2 ms); the test's timeout bounds the wait. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** An engine host on the real clock whose lanes come from `lanes`, with a fresh profile cache. */
export function fakeHost(lanes: (label: string) => EngineLane): EngineHost {
  return {
    createLane: lanes,
    monotonicMs: () => performance.now(),
    toEpochMs: (m: number) => performance.timeOrigin + m,
    profileCache: new Map(),
  };
}
