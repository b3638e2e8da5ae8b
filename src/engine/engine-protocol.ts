// Typed messages between the page and the engine worker, and the engine's public data: options, snapshot, request events.
import type { LaneMode } from '../core/experiment';
import type { ArrivalLateness } from '../core/loop';
import type { MetricsSnapshot } from '../core/metrics';
import type { Ms } from '../core/units';
import type { AdapterFacts } from '../runtime/adapter-facts';
import type { Backend, BlockBalanceInfo, LaneMemory, OrtBuild } from '../runtime/lane-protocol';

/** Says which clock every service-time figure comes from; GPU time, where measured, is a separate figure. */
export const SERVICE_TIMING = 'wall-clock' as const;
export type ServiceTiming = typeof SERVICE_TIMING;

/** How the engine runs an experiment; every field but backend has a default. */
export interface EngineOptions {
  readonly backend: Backend;
  /** onnxruntime-web build in every lane (default 'webgpu-ep'). */
  readonly build?: OrtBuild;
  /** Fall back to WASM (reasons kept) when WebGPU cannot be used (default true). */
  readonly allowFallback?: boolean;
  /**
   * Batch sizes of every model's solo profile (1 is required: capacities are read at batch 1).
   * Default: per model, the sizes its tenants' runs can have (batch 1 alone when none batches).
   */
  readonly profileBatches?: readonly number[];
  /** Untimed runs before each solo profile (default 3; they include shader compilation). */
  readonly profileWarmupRuns?: number;
  /** Timed runs per solo profile point (default 30); with profileUntil 'stable', the most timed runs of a point. */
  readonly profileRuns?: number;
  /**
   * 'runs' (default): every point takes profileRuns timed runs. 'stable': windows of runs until the
   * per-window medians agree (perf_analyzer's rule: 3 windows within 10%), at most profileRuns runs.
   */
  readonly profileUntil?: 'runs' | 'stable';
  /** With profileUntil 'stable': wanted length of one window, ms (default 300). */
  readonly profileWindowMs?: number;
  /** Measure every solo profile point again instead of taking it from the profile cache (default false). */
  readonly refreshProfiles?: boolean;
  /**
   * Warm a new WASM lane's code before anything is timed on it (default true): each of its sessions runs in
   * windows until the window medians settle (see engine/code-warmup.ts); false: kept for tests and A/B benches.
   */
  readonly codeWarmup?: boolean;
  /** Interval between snapshots posted to the page, ms (default 200, i.e. 5 Hz). */
  readonly snapshotEveryMs?: Ms;
  /**
   * Record GPU execution time per run beside the wall-clock service time (default true). Only the
   * 'jsep' build on an adapter with timestamp-query can; otherwise the snapshot says why not.
   */
  readonly gpuTiming?: boolean;
  /**
   * The engine's timers (default 'task': never early, never clamped, see taskTimers in engine-clock.ts);
   * 'timeout': plain setTimeout, the timers of old, kept for bench:runtime's before/after comparison.
   */
  readonly timers?: EngineTimers;
  /**
   * Write each dispatch to its lane's shared memory as well as posting it (default true, where the
   * page is cross-origin isolated), so a lane starts the next batch without waiting a task turn for
   * its message; false: messages only, kept for bench:runtime's before/after comparison.
   */
  readonly dispatchRing?: boolean;
  /**
   * The bytes of the experiment's custom models (`customModels[].sha256` -> the file), copied into every
   * lane that runs one. The engine client attaches them from the page's registry (engine-client.ts
   * `pageModelBytes`); callers leave this out, and it never goes into a run file.
   */
  readonly modelBytes?: ReadonlyMap<string, ArrayBuffer>;
}

/** Which timers a live run uses (see {@link EngineOptions.timers}). */
export type EngineTimers = 'task' | 'timeout';

/** Defaults of {@link EngineOptions}. */
export const ENGINE_DEFAULTS = {
  build: 'webgpu-ep',
  allowFallback: true,
  profileWarmupRuns: 3,
  profileRuns: 30,
  snapshotEveryMs: 200,
  gpuTiming: true,
} as const;

/** One solo measurement: the model alone on its lane, after warm-up. */
export interface SoloProfilePoint {
  /** `model@resolution`, as the metrics and capacities key it. */
  readonly modelKey: string;
  readonly batch: number;
  readonly warmupRuns: number;
  readonly samples: number;
  readonly medianMs: Ms;
  /** Nearest-rank p99 of the samples (with fewer than 100 samples it is close to the maximum). */
  readonly p99Ms: Ms;
  /** batch * 1000 / medianMs. */
  readonly throughputPerSec: number;
  readonly timing: ServiceTiming;
  /**
   * True when this point came from the profile cache (same adapter, backend, build, model, input size and
   * batch), kept in IndexedDB across reloads; `measuredAtEpochMs` says how old it is.
   */
  readonly cached: boolean;
  /** When the point was measured (epoch ms, wall clock); absent in run files written before it was recorded. */
  readonly measuredAtEpochMs?: Ms;
  /** Measured until stable (profileUntil 'stable'): whether perf_analyzer's rule was met; absent for a fixed run count. */
  readonly stability?: 'stable' | 'unstable';
  /** Measurement windows it took (profileUntil 'stable'). */
  readonly windows?: number;
}

/** One completed request, for the timeline. Instants are ms from the start of the run (engine clock). */
export interface RequestEvent {
  readonly tenant: string;
  readonly arrivalMs: Ms;
  /** When its batch started running in the lane (lane clock converted to the engine clock). */
  readonly startMs: Ms;
  /** When its batch ended in the lane. */
  readonly endMs: Ms;
  /** Requests served together. */
  readonly batch: number;
  /** The session's batch size (the batch padded up to it). */
  readonly sessionBatch: number;
  readonly lane: number;
  /** Wall-clock time of the batch's session.run, ms. */
  readonly serviceMs: Ms;
  /**
   * Latency as the metrics recorded it: from the scheduled arrival to the instant the engine learned of
   * the completion (engine clock), ms. Slightly above endMs - arrivalMs by the lane-to-engine message.
   */
  readonly latencyMs: Ms;
  /** GPU execution time of the batch from timestamp queries (see EngineSnapshot.gpuTiming); null: not measured. */
  readonly gpuMs: Ms | null;
  readonly timing: ServiceTiming;
}

/**
 * One slice a lane ran to completion: a batch of one tenant, a whole inference (blocks = 1) or one
 * layer block of it. Instants are ms from the start of the run (lane clock converted to the engine clock).
 */
export interface SliceEvent {
  readonly lane: number;
  readonly tenant: string;
  readonly startMs: Ms;
  readonly endMs: Ms;
  /** Requests in the batch. */
  readonly batch: number;
  /** Which layer block, 0-based. */
  readonly block: number;
  /** Layer blocks per inference (1: the slice is a whole inference). */
  readonly blocks: number;
}

/** A lane failure: what happened, and the requests that failed with it. */
export interface LaneFault {
  readonly lane: number;
  readonly atMs: Ms;
  readonly reason: string;
  readonly failedRequests: number;
}

/** Gaps between one slice's end and the next slice's start in the same lane when work was waiting, ms. */
export interface DispatchGapStats {
  readonly count: number;
  readonly medianMs: Ms | null;
  readonly p99Ms: Ms | null;
  readonly maxMs: Ms | null;
  /** Slices the lanes started from the shared dispatch ring, without waiting for their message (absent in older run files). */
  readonly fromRing?: number;
}

/** Where the setup before a run stands: sessions created and warmed up, or solo profile points measured. */
export interface SetupProgress {
  /** What is being done now, e.g. 'resnet18@224, batch 4: solo profile'. */
  readonly label: string;
  readonly done: number;
  readonly total: number;
  /** Estimate of the setup time left, ms (while solo profiles are measured until stable); absent when unknown. */
  readonly leftMs?: number;
}

export type EnginePhase = 'idle' | 'preparing' | 'profiling' | 'running' | 'draining' | 'finished' | 'stopped' | 'failed';

/** How one layer-blocked session of a run was cut. */
export interface SessionBlockBalance {
  /** Its session key, e.g. 'resnet18@224/4t', and its lane. */
  readonly key: string;
  readonly lane: number;
  readonly balance: BlockBalanceInfo;
}

/** Everything the page reads about a run. Plain data, JSON-serialisable. */
export interface EngineSnapshot {
  readonly phase: EnginePhase;
  readonly mode: LaneMode | null;
  readonly dispatchDepth: number | null;
  readonly laneCount: number;
  readonly backendUsed: Backend | null;
  readonly fallbackReasons: readonly string[];
  readonly adapter: AdapterFacts | null;
  /** The clock of every service time. */
  readonly timing: ServiceTiming;
  /** How GPU time is measured (sum of per-kernel timestamp-query times), or null when it is not. */
  readonly gpuTiming: string | null;
  /** Why GPU time is not measured; null when it is or was not asked for. */
  readonly gpuTimingUnavailable: string | null;
  readonly soloProfiles: readonly SoloProfilePoint[];
  /** Progress of 'preparing' and 'profiling'; null in the other phases. */
  readonly setup: SetupProgress | null;
  readonly metrics: MetricsSnapshot | null;
  readonly dispatchGapMs: DispatchGapStats;
  /** How late open-loop arrivals were issued against their schedule (timers, a busy worker); null before the run. */
  readonly arrivalLateness: ArrivalLateness | null;
  readonly faults: readonly LaneFault[];
  /** How each layer-blocked session of the run was cut (scheduler.blockBalance) and the block times measured for it; absent or empty for whole inferences. */
  readonly blockBalances?: readonly SessionBlockBalance[];
  /** Ledger checks passed so far (periodic and final); a failed one fails the run. */
  readonly ledgerChecks: number;
  /** Wall-clock ms of the run since its first arrival (engine clock). */
  readonly elapsedMs: Ms;
  readonly error: string | null;
}

/** Page -> engine worker. */
export type EngineRequest =
  /** `runId` comes back on every message of the run, so a late message of a stopped run is told apart. */
  | { readonly type: 'start'; readonly runId: number; readonly experiment: unknown; readonly options: EngineOptions }
  /** Stops run `runId` (ignored when another run is current). */
  | { readonly type: 'stop'; readonly runId: number }
  /** Solo profiles on demand (cached per device and model for the worker's life); answered by 'profiled'. */
  | { readonly type: 'profile'; readonly id: number; readonly experiment: unknown; readonly options: EngineOptions }
  /** Fault injection: kill a lane worker of run `runId` as a crash would (ignored when another run is current). */
  | { readonly type: 'kill-lane'; readonly runId: number; readonly lane: number }
  /** Fault injection: destroy the WebGPU device of a lane of run `runId`; answered by 'fault-injected'. */
  | { readonly type: 'destroy-device'; readonly id: number; readonly runId: number; readonly lane: number }
  /** The memory of every lane the engine keeps between runs; answered by 'lane-memory'. */
  | { readonly type: 'lane-memory'; readonly id: number };

/** What a run produced since the previous message: completed requests and the slices lanes ran. */
export interface EngineProgress {
  readonly events: readonly RequestEvent[];
  readonly slices: readonly SliceEvent[];
}

/** Engine worker -> page. `events` and `slices` are those completed since the previous message. */
export type EngineMessage =
  | ({ readonly type: 'snapshot'; readonly runId: number; readonly snapshot: EngineSnapshot } & EngineProgress)
  | ({ readonly type: 'finished'; readonly runId: number; readonly snapshot: EngineSnapshot } & EngineProgress)
  | { readonly type: 'profiled'; readonly id: number; readonly profiles: readonly SoloProfilePoint[]; readonly error: string | null }
  /** The answer to 'destroy-device': null when the device was destroyed, else why not (e.g. the lane runs on WASM). */
  | { readonly type: 'fault-injected'; readonly id: number; readonly error: string | null }
  | { readonly type: 'lane-memory'; readonly id: number; readonly lanes: readonly LaneMemory[]; readonly error: string | null };
