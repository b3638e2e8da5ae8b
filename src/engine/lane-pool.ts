// The engine's lanes: one handle per lane worker, the sessions each holds, and rebuilding a lane that died.
import type { DispatchTiming, PrepareSpec, PreparedInfo } from '../runtime/lane-protocol';

/** What the engine needs from a lane (LaneClient implements it; tests use a fake). */
export interface EngineLane {
  prepare(spec: PrepareSpec): Promise<PreparedInfo>;
  dispatch(key: string, requests: number): Promise<DispatchTiming>;
  /** Runs layer block `block` of a batch on a layer-blocked session; the tensor between blocks stays in the lane under `carry`. */
  dispatchBlock(key: string, requests: number, block: number, carry: string): Promise<DispatchTiming>;
  profile(key: string, warmupRuns: number, runs: number): Promise<readonly number[]>;
  dispose(): Promise<void>;
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
}

/** The lanes of one run. */
export class LanePool {
  readonly slots: LaneSlot[];

  constructor(
    count: number,
    private readonly createLane: LaneFactory,
  ) {
    this.slots = Array.from({ length: count }, (_, i) => ({
      client: createLane(`lane ${String(i)}`),
      generation: 0,
      ready: true,
      lastEndEpochMs: NaN,
      specs: new Map<string, PrepareSpec>(),
    }));
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
    return slot.client.prepare(spec);
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
    for (const spec of slot.specs.values()) await slot.client.prepare(spec);
    slot.ready = true;
  }

  /** Stops every lane worker. */
  async disposeAll(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.client.dispose().catch(() => undefined)));
  }
}
