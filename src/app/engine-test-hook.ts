// The window.__engine hook that e2e tests and the runtime benchmark use: run an experiment to its end, no fixed sleeps.
import { errorMessage } from '../core/error-message';
import { assertUnreachable } from '../core/assert';
import type { ExperimentInput } from '../core/experiment';
import { LaneClient } from '../runtime/lane-client';
import { prepareKey, sessionKey, type Backend, type LaneMemory, type OrtBuild, type PrepareSpec } from '../runtime/lane-protocol';
import type { ModelId } from '../zoo/model-ids';
import { EngineClient } from '../engine/engine-client';
import type { EngineOptions, EngineSnapshot, RequestEvent, SliceEvent, SoloProfilePoint } from '../engine/engine-protocol';

/** What a headless run returns: the final snapshot, every completed request and every slice run. */
export interface EngineRunResult {
  readonly snapshot: EngineSnapshot | null;
  readonly events: readonly RequestEvent[];
  readonly slices: readonly SliceEvent[];
  /** Why the fault could not be injected (e.g. no WebGPU device on a WASM lane); null when it was, or none was asked for. */
  readonly faultError: string | null;
}

/**
 * A bare onnxruntime-web loop for comparison: one lane worker (the engine's kind), one session,
 * back-to-back runs. The lane stays between calls with equal model, resolution, backend and build,
 * so that interleaved A/B rounds compare warm lanes (a fresh lane's first seconds run slower code).
 */
export interface BareLoopSpec {
  readonly modelId: ModelId;
  readonly resolution: number;
  readonly backend: Backend;
  readonly build: OrtBuild;
  readonly warmupRuns: number;
  readonly runs: number;
}

/** What a bare loop measured. */
export interface BareLoopResult {
  /** Each timed run's session.run time (every block), ms. */
  readonly latenciesMs: readonly number[];
  /** Wall clock from asking the lane for the timed runs to their answer, ms (one message each way beside the runs). */
  readonly wallMs: number;
}

/** One step of {@link EngineTestHook.laneProbe}: a session to prepare, then optional timed runs at batch sizes. */
export interface LaneProbeStep {
  readonly spec: PrepareSpec;
  /** Timed runs at each of these batch sizes after the session is made (after `warmupRuns` untimed ones). */
  readonly profile?: { readonly batches: readonly number[]; readonly warmupRuns: number; readonly runs: number };
  /** Release every session not named here before this step (sessionKey strings). */
  readonly retain?: readonly string[];
}

/** What one probe step found: the session, the lane's memory after it, its timed runs by batch, or why it failed. */
export interface LaneProbeResult {
  readonly key: string;
  readonly memory: LaneMemory | null;
  readonly latenciesMs: Readonly<Record<string, readonly number[]>>;
  readonly error: string | null;
}

/**
 * Strike lane `lane` once `afterRequests` requests have completed (events, not sleeps, decide when):
 * 'kill-worker' terminates its worker as a crash would; 'destroy-device' destroys its WebGPU device
 * (GPUDevice.destroy()), which the lane reports as a device loss.
 */
export interface FaultInjection {
  readonly kind: 'kill-worker' | 'destroy-device';
  readonly lane: number;
  readonly afterRequests: number;
}

/**
 * Ends a run on a state instead of its duration: once every given condition holds, the hook stops the
 * run (arrivals end, it drains, phase 'stopped'). Tests give such a run a long duration as a cap, so a
 * loaded machine makes it slower, not wrong.
 */
export interface StopCondition {
  /** Every tenant has completed this many requests that arrived after the warm-up. */
  readonly measuredPerTenant?: number;
  /** The fault was injected and its lane has since completed this many requests (after a rebuild). */
  readonly servedAfterFault?: number;
}

/** Installed on window by main.tsx. */
export interface EngineTestHook {
  /** Runs the experiment in the engine worker and resolves when the run is over (or stopped on `until`). */
  run(experiment: ExperimentInput, options: EngineOptions, fault?: FaultInjection, until?: StopCondition): Promise<EngineRunResult>;
  /** Solo profiles of the experiment's models on demand (cached per device and model in the engine worker). */
  profile(experiment: ExperimentInput, options: EngineOptions): Promise<readonly SoloProfilePoint[]>;
  /** A bare loop (no scheduler, no engine): `warmupRuns` untimed runs, then `runs` timed back to back. */
  bareLoop(spec: BareLoopSpec): Promise<BareLoopResult>;
  /** The memory of every lane the engine keeps between runs. */
  laneMemory(): Promise<readonly LaneMemory[]>;
  /**
   * One fresh lane, the steps in order (sessions made, timed, released), the lane's memory after each;
   * a failed step is recorded and the probe goes on. Resolves after the lane is stopped.
   */
  laneProbe(steps: readonly LaneProbeStep[]): Promise<readonly LaneProbeResult[]>;
}

declare global {
  interface Window {
    __engine?: EngineTestHook;
  }
}

let client: EngineClient | null = null;
/** Bare-loop lanes by session key, backend and build: kept warm for the page's life. */
const bareLanes = new Map<string, LaneClient>();

/** Injects the fault; resolves with why it could not be, or null. */
async function strike(engine: EngineClient, fault: FaultInjection): Promise<string | null> {
  switch (fault.kind) {
    case 'kill-worker':
      engine.killLane(fault.lane);
      return null;
    case 'destroy-device':
      return engine.destroyDevice(fault.lane).then(
        () => null,
        (error: unknown) => errorMessage(error),
      );
    default:
      return assertUnreachable(fault.kind);
  }
}

/** Puts {@link EngineTestHook} on window; the engine worker starts on the first run. */
export function installEngineTestHook(): void {
  window.__engine = {
    async run(experiment, options, fault, until) {
      const engine = (client ??= new EngineClient());
      const events: RequestEvent[] = [];
      const slices: SliceEvent[] = [];
      let struck = false;
      let injected: Promise<string | null> = Promise.resolve(null);
      const measured = new Map<string, number>(experiment.tenants.map((t) => [t.id, 0]));
      let afterFault = 0;
      let sinceStrike = 0;
      let refused = false;
      let stopped = false;
      const unsubscribe = engine.onEvents((progress) => {
        for (const e of progress.events) events.push(e);
        for (const s of progress.slices) slices.push(s);
        if (struck && fault !== undefined) {
          sinceStrike += progress.events.filter((e) => e.lane === fault.lane).length;
          // Served after the fault: requests the rebuilt lane started after the fault's time on the engine clock
          // (events that arrive after the strike may still be from before the kill took effect). A refused
          // fault leaves the lane as it was: then every request it served since the strike counts.
          const faultAtMs = engine.snapshot()?.faults.find((f) => f.lane === fault.lane)?.atMs;
          if (faultAtMs !== undefined) afterFault = events.filter((e) => e.lane === fault.lane && e.startMs > faultAtMs).length;
          else if (refused) afterFault = sinceStrike;
        }
        if (fault !== undefined && !struck && events.length >= fault.afterRequests) {
          struck = true;
          injected = strike(engine, fault).then((error) => {
            refused = error !== null;
            return error;
          });
        }
        if (until !== undefined && !stopped) {
          const warmupMs = experiment.warmupMs ?? 0;
          for (const e of progress.events) if (e.arrivalMs >= warmupMs) measured.set(e.tenant, (measured.get(e.tenant) ?? 0) + 1);
          const enoughMeasured = [...measured.values()].every((n) => n >= (until.measuredPerTenant ?? 0));
          const enoughAfterFault = until.servedAfterFault === undefined || (struck && afterFault >= until.servedAfterFault);
          if (enoughMeasured && enoughAfterFault) {
            stopped = true;
            engine.stop();
          }
        }
      });
      engine.start(experiment, options);
      const snapshot = await engine.finished();
      unsubscribe();
      return { snapshot, events, slices, faultError: await injected };
    },
    profile(experiment, options) {
      client ??= new EngineClient();
      return client.profile(experiment, options);
    },
    laneMemory() {
      client ??= new EngineClient();
      return client.laneMemory();
    },
    async laneProbe(steps) {
      const lane = new LaneClient('probe lane');
      const results: LaneProbeResult[] = [];
      try {
        for (const step of steps) {
          const key = prepareKey(step.spec);
          const latenciesMs: Record<string, readonly number[]> = Object.create(null) as Record<string, readonly number[]>;
          let error: string | null = null;
          try {
            if (step.retain !== undefined) await lane.retain(step.retain);
            await lane.prepare(step.spec);
            for (const b of step.profile?.batches ?? []) {
              latenciesMs[String(b)] = await lane.profile(key, b, step.profile?.warmupRuns ?? 0, step.profile?.runs ?? 0);
            }
          } catch (e) {
            error = errorMessage(e);
          }
          const memory = lane.isStopped ? null : await lane.memory().catch(() => null);
          results.push({ key, memory, latenciesMs, error });
          if (lane.isStopped) break;
        }
        return results;
      } finally {
        await lane.dispose();
      }
    },
    async bareLoop(spec) {
      const { warmupRuns, runs, modelId, resolution, backend, build } = spec;
      const key = sessionKey(spec.modelId, spec.resolution);
      const laneKey = `${key}/${spec.backend}/${spec.build}`;
      let lane = bareLanes.get(laneKey);
      if (lane === undefined || lane.isStopped) {
        lane = new LaneClient(`bare ${spec.modelId} @${String(spec.resolution)}px`);
        bareLanes.set(laneKey, lane);
        await lane.prepare({ source: { kind: 'zoo', modelId, resolution, seed: 1 }, backend, build, maxBatch: 1, allowFallback: false, inputSeed: 1, gpuTiming: false });
      }
      if (warmupRuns > 0) await lane.profile(key, 1, warmupRuns, 0);
      const startedMs = performance.now();
      const latenciesMs = await lane.profile(key, 1, 0, runs);
      return { latenciesMs, wallMs: performance.now() - startedMs };
    },
  };
}
