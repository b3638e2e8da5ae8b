// The engine's lanes: one handle per lane worker, the sessions each holds, and rebuilding a lane that died.
import type { DispatchTiming, LaneMemory, PrepareSpec, PreparedInfo } from '../runtime/lane-protocol';

/** What the engine needs from a lane (LaneClient implements it; tests use a fake). */
export interface EngineLane {
  prepare(spec: PrepareSpec): Promise<PreparedInfo>;
  /** `viaRing` (default true): also write it to the lane's shared dispatch ring where there is one (see dispatch-ring.ts). */
  dispatch(key: string, requests: number, timeoutMs?: number, viaRing?: boolean): Promise<DispatchTiming>;
  /** Runs layer block `block` of a batch on a layer-blocked session; the tensor between blocks stays in the lane under `carry`. */
  dispatchBlock(key: string, requests: number, block: number, carry: string, timeoutMs?: number, viaRing?: boolean): Promise<DispatchTiming>;
  profile(key: string, batch: number, warmupRuns: number, runs: number): Promise<readonly number[]>;
  /** Releases every session whose key is not in `keys`; resolves with the keys released. */
  retain(keys: readonly string[]): Promise<readonly string[]>;
  /** The lane's heap and the estimates of the sessions it holds. */
  memory(): Promise<LaneMemory>;
  dispose(): Promise<void>;
  /** True once the lane was stopped (crash, timeout, dispose): a kept lane in that state is replaced. */
  readonly isStopped: boolean;
  /** Stops the lane at once; its pending requests fail with `reason`. */
  kill(reason: string): void;
  /** Destroys the lane's WebGPU device (the lane then fails what is pending and stops); rejects on WASM. */
  destroyDevice(): Promise<string>;
}

/** Makes a lane; `label` names it in errors (e.g. 'lane 1'). */
export type LaneFactory = (label: string) => EngineLane;

/** One lane as the engine tracks it. */
export interface LaneSlot {
  client: EngineLane;
  /** Bumped by every rebuild: answers from an older client are about requests that already failed. */
  generation: number;
  /** False while the lane is being rebuilt. */
  ready: boolean;
  /** End of the lane's last slice, epoch ms (lane clock); NaN before the first. */
  lastEndEpochMs: number;
  /** Sessions to re-create on rebuild, by key. */
  readonly specs: Map<string, PrepareSpec>;
  /** The facts of the lane's latest prepared session (its device, backend and build); null before any. */
  lastInfo: PreparedInfo | null;
  /** The sessions whose code this lane worker has warmed (see code-warmup.ts); a new or rebuilt worker starts cold. */
  readonly warmKeys: Set<string>;
}

/** The lanes of one run. */
export class LanePool {
  readonly slots: LaneSlot[];

  constructor(
    count: number,
    private readonly createLane: LaneFactory,
  ) {
    this.slots = Array.from({ length: count }, (_, i) => this.newSlot(i));
  }

  private newSlot(lane: number): LaneSlot {
    return {
      client: this.createLane(`lane ${String(lane)}`),
      generation: 0,
      ready: true,
      lastEndEpochMs: NaN,
      specs: new Map<string, PrepareSpec>(),
      lastInfo: null,
      warmKeys: new Set<string>(),
    };
  }

  /** Keeps the first `count` lanes (with their sessions), stops the others, adds new ones as needed. */
  resize(count: number): void {
    for (const slot of this.slots.splice(count)) void slot.client.dispose().catch(() => undefined);
    while (this.slots.length < count) this.slots.push(this.newSlot(this.slots.length));
    this.slots.forEach((slot, lane) => {
      if (slot.client.isStopped) this.slots[lane] = this.newSlot(lane);
    });
    for (const slot of this.slots) slot.lastEndEpochMs = NaN;
  }

  /** Releases every session of lane `lane` whose key is not in `keys` (sessions still needed stay, warm). */
  async retain(lane: number, keys: readonly string[]): Promise<void> {
    const slot = this.slot(lane);
    const keep = new Set(keys);
    for (const key of [...slot.specs.keys()]) if (!keep.has(key)) slot.specs.delete(key);
    await slot.client.retain(keys);
  }

  slot(lane: number): LaneSlot {
    const slot = this.slots[lane];
    if (slot === undefined) throw new Error(`no lane ${String(lane)}`);
    return slot;
  }

  /** Creates a session in a lane and remembers it for rebuilds. */
  async prepare(lane: number, key: string, spec: PrepareSpec): Promise<PreparedInfo> {
    const slot = this.slot(lane);
    slot.specs.set(key, spec);
    const info = await slot.client.prepare(spec);
    slot.lastInfo = info;
    return info;
  }

  /**
   * Replaces a dead lane: a new worker (new ORT instance and GPUDevice) with every session it held
   * re-created. The slot takes no dispatches until this resolves.
   */
  async rebuild(lane: number): Promise<void> {
    const slot = this.slot(lane);
    slot.ready = false;
    slot.generation++;
    slot.lastEndEpochMs = NaN;
    void slot.client.dispose().catch(() => undefined);
    slot.client = this.createLane(`lane ${String(lane)} (rebuilt)`);
    slot.warmKeys.clear();
    for (const spec of slot.specs.values()) await slot.client.prepare(spec);
    slot.ready = true;
  }

  /**
   * Takes a lane out of service for good (it failed again and again): its worker is stopped and its
   * sessions forgotten, so the slot takes no dispatches; the next run's {@link resize} replaces it.
   */
  retire(lane: number, reason: string): void {
    const slot = this.slot(lane);
    slot.ready = false;
    slot.generation++;
    slot.specs.clear();
    slot.client.kill(reason);
  }

  /** Stops every lane worker. */
  async disposeAll(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.client.dispose().catch(() => undefined)));
  }
}

/** The settings a lane's onnxruntime-web instance is bound to: lanes made for others are not reused. */
export interface LaneSettings {
  readonly backend: string;
  readonly build: string;
}

/**
 * Keeps one run's lanes (and the sessions in them) for the next run, so that sessions still needed are
 * reused instead of made again; the run releases what it no longer needs. A change of backend or build
 * stops every lane (an ORT instance runs one build).
 */
export class LaneKeeper {
  private pool: LanePool | null = null;
  private settings = '';

  constructor(private readonly createLane: LaneFactory) {}

  /** The lanes of the next run: the kept ones, resized to `count`, or new ones when the settings changed. */
  take(count: number, settings: LaneSettings): LanePool {
    const key = `${settings.backend}|${settings.build}`;
    if (this.pool === null || key !== this.settings) {
      void this.pool?.disposeAll();
      this.pool = new LanePool(count, this.createLane);
      this.settings = key;
    } else {
      this.pool.resize(count);
    }
    return this.pool;
  }

  /** The memory of every kept lane, in lane order (none before the first run). */
  memory(): Promise<LaneMemory[]> {
    return Promise.all((this.pool?.slots ?? []).map((slot) => slot.client.memory()));
  }

  /** Stops every kept lane (the next run starts cold). */
  async disposeAll(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.disposeAll();
  }
}
