// Fakes for engine tests: a fake clock (deterministic, no real-time waits) and a fake lane on it (one run at a time,
// layer blocks with carried tensors, failures on demand).
import { prepareKey, type DispatchTiming, type LaneMemory, type PrepareSpec, type PreparedInfo } from '../runtime/lane-protocol';
import type { EngineClock } from './engine-clock';
import type { EngineHost } from './engine-run';
import type { EngineLane } from './lane-pool';
import { ms } from '../core/units';

/** Wall-clock ms of a whole run: one figure for every model, or per model id. */
export type FakeService = number | ((modelId: string) => number);

/** One macrotask turn: Node's setImmediate where there is one (these tests run in Node), else setTimeout(0). */
const nextTurn: (fire: () => void) => void =
  (globalThis as { setImmediate?: (fire: () => void) => void }).setImmediate ?? ((fire) => setTimeout(fire, 0));

/** Epoch ms of the fake clock's 0 (small, so that instants keep their sub-microsecond digits). */
const FAKE_EPOCH_MS = 1_000_000;

/**
 * A manual clock: time moves only when nothing else can happen. `drive(p)` lets pending promise
 * callbacks run (one macrotask turn), then jumps to the next timer and fires it, until `p` settles.
 * Deterministic; a run that waits on nothing fails at once instead of hanging.
 */
export class FakeClock implements EngineClock {
  private nowMs = 0;
  private seq = 0;
  private timers: { atMs: number; seq: number; fire: () => void }[] = [];

  monotonicMs(): number {
    return this.nowMs;
  }

  toEpochMs(monotonicMs: number): number {
    return FAKE_EPOCH_MS + monotonicMs;
  }

  epochNowMs(): number {
    return FAKE_EPOCH_MS + this.nowMs;
  }

  setTimer(fire: () => void, delayMs: number): () => void {
    const timer = { atMs: this.nowMs + Math.max(0, delayMs), seq: this.seq++, fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Runs the clock until `condition` holds. */
  async runUntil(condition: () => boolean): Promise<void> {
    for (;;) {
      // One macrotask turn: every promise callback pending now runs first (a yield, not a wait on time;
      // setImmediate, not setTimeout(0), which Node clamps to 1 ms: long soak runs fire ~10^6 timers).
      await new Promise<void>((resolve) => nextTurn(resolve));
      if (condition()) return;
      const next = this.timers.reduce<(typeof this.timers)[number] | undefined>((a, t) => (a === undefined || t.atMs < a.atMs || (t.atMs === a.atMs && t.seq < a.seq) ? t : a), undefined);
      if (next === undefined) throw new Error('fake clock: nothing is scheduled and the condition does not hold (the run waits on nothing)');
      this.timers = this.timers.filter((t) => t !== next);
      this.nowMs = Math.max(this.nowMs, next.atMs);
      next.fire();
    }
  }

  /** Runs the clock until `promise` settles; returns its outcome. */
  async drive<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const done = promise.finally(() => {
      settled = true;
    });
    await this.runUntil(() => settled);
    return done;
  }
}

/**
 * A lane that runs one slice at a time, in the order they came: a whole run takes the model's service
 * time, a layer block of a K-block key (`model@res/K`) a K-th of it. Block k > 0 needs block k - 1 of
 * the same key under the same carry key, dispatched before it (it may still be running), as the real lane does. `failAt` makes that dispatch (1-based, per lane) reject.
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
  /** The host's fake clock (fakeHost sets it when the engine makes this lane). */
  clock = new FakeClock();

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
    const key = prepareKey(spec);
    const reused = this.held.has(key);
    if (!reused) this.prepared.push(key);
    this.held.add(key);
    // Layer blocks: measured balance "times" K equal segments of the whole run.
    const blocks = spec.blocks ?? 1;
    const blockMs = this.wholeMs(key) / blocks;
    return Promise.resolve({
      key, modelLabel: key, backendRequested: spec.backend, backendUsed: spec.backend, build: spec.build, estimatedBytes: 0, reused,
      fallbackReasons: [], adapter: null, ortVersion: 'fake', wasmThreads: 1, inputs: [], outputNames: ['logits'], modelBytes: 0, meta: null,
      buildMs: ms(0), sessionMs: ms(0), gpuTiming: null, gpuTimingUnavailable: null,
      ...(blocks === 1 ? {} : { blockBalance: spec.blockBalance === 'measured' ? { kind: 'measured', segmentTimesMs: new Array<number>(blocks).fill(blockMs), blockTimesMs: new Array<number>(blocks).fill(blockMs), cached: reused } : { kind: 'macs' } }),
    });
  }

  private run(serviceMs: number): Promise<DispatchTiming> {
    this.dispatches++;
    if (this.lost !== null) return Promise.reject(new Error(this.lost));
    if (this.dispatches === this.failAt) return Promise.reject(new Error('device lost'));
    const startEpochMs = Math.max(this.clock.epochNowMs(), this.busyUntil);
    this.busyUntil = startEpochMs + serviceMs;
    const endEpochMs = this.busyUntil;
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      this.clock.setTimer(() => {
        this.pending.delete(reject);
        resolve({ startEpochMs: ms(startEpochMs), endEpochMs: ms(endEpochMs), serviceMs: ms(serviceMs), gpuMs: null });
      }, Math.max(0, endEpochMs - this.clock.epochNowMs()));
    });
  }

  dispatch(key: string, _requests: number): Promise<DispatchTiming> {
    if (!this.held.has(key)) return Promise.reject(new Error(`no session '${key}' in this lane (prepare it first)`));
    return this.run(this.wholeMs(key));
  }

  dispatchBlock(key: string, _requests: number, block: number, carry: string): Promise<DispatchTiming> {
    const blocks = Number.parseInt(key.slice(key.indexOf('/') + 1), 10); // 'model@res/K', or '/Kt' (measured balance)
    if (!this.held.has(key)) return Promise.reject(new Error(`no session '${key}' in this lane (prepare it first)`));
    const waiting = this.carried.get(carry);
    if (block > 0 && (waiting?.key !== key || waiting.nextBlock !== block)) {
      return Promise.reject(new Error(`block ${String(block)} of '${key}' needs the output of block ${String(block - 1)} under '${carry}'`));
    }
    this.carried.delete(carry);
    const slice = this.run(this.wholeMs(key) / blocks);
    // Slices run in the order they came (as the real lane's sequencer runs them), so a block committed
    // behind this one finds its output: the carry is the lane's state once this block has run.
    if (block < blocks - 1 && this.lost === null && this.dispatches !== this.failAt) this.carried.set(carry, { key, nextBlock: block + 1 });
    return slice;
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

/** An engine host on a fake clock (`host.clock`) whose lanes come from `lanes`, with a fresh profile cache. */
export function fakeHost(lanes: (label: string) => EngineLane): EngineHost & { readonly clock: FakeClock } {
  const clock = new FakeClock();
  return {
    createLane: (label) => {
      const lane = lanes(label);
      if (lane instanceof FakeLane) lane.clock = clock;
      return lane;
    },
    clock,
    profileCache: new Map(),
  };
}
