// One engine run from start to finish: validate, build lanes and sessions, solo profiles, the live loop, snapshots.
import { laneCountOf, parseExperiment, type Experiment } from '../core/experiment';
import type { PreparedInfo } from '../runtime/lane-protocol';
import { ENGINE_DEFAULTS, SERVICE_TIMING, type EngineOptions, type EnginePhase, type EngineProgress, type EngineSnapshot, type SetupProgress, type SoloProfilePoint } from './engine-protocol';
import { LanePool, type LaneFactory, type LaneKeeper } from './lane-pool';
import { LiveLoop } from './live-loop';
import { prepareSessions, profileModels, releaseUnneeded, unsupported } from './run-setup';
import { summarize } from '../core/metrics';
import type { ProfileCache } from './solo-profiler';

/** What a run needs from its host (the engine worker, or a test). */
export interface EngineHost {
  readonly createLane: LaneFactory;
  /** A monotonic clock, ms (performance.now() in the worker). */
  readonly monotonicMs: () => number;
  /** Epoch ms of a monotonic instant (performance.timeOrigin + it in the worker). */
  readonly toEpochMs: (monotonicMs: number) => number;
  /** Solo profiles kept between runs of this host. */
  readonly profileCache: ProfileCache;
  /** Keeps lanes and their sessions from one run to the next (the engine worker has one); absent: every run makes and stops its own. */
  readonly lanes?: LaneKeeper;
}

/** One run. `start` resolves when it is finished, stopped or failed (it never rejects). */
export class EngineRun {
  private phase: EnginePhase = 'idle';
  private experiment: Experiment | null = null;
  private pool: LanePool | null = null;
  private loop: LiveLoop | null = null;
  private first: PreparedInfo | null = null;
  private profiles: readonly SoloProfilePoint[] = [];
  private setup: SetupProgress | null = null;
  private zeroMs = NaN;
  private error: string | null = null;
  private stopRequested = false;
  private eventsTaken = 0;
  private slicesTaken = 0;

  constructor(private readonly host: EngineHost) {}

  async start(json: unknown, options: EngineOptions): Promise<void> {
    try {
      const parsed = parseExperiment(json);
      if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '));
      const experiment = parsed.experiment;
      const problems = unsupported(experiment, options);
      if (problems.length > 0) throw new Error(problems.join('; '));
      this.experiment = experiment;
      this.phase = 'profiling';
      const count = laneCountOf(experiment);
      const pool = this.host.lanes?.take(count, { backend: options.backend, build: options.build ?? ENGINE_DEFAULTS.build }) ?? new LanePool(count, this.host.createLane);
      this.pool = pool;
      const onProgress = (progress: SetupProgress): void => {
        this.setup = progress;
      };
      // Solo profiles first, on whole-model sessions; then the run's own sessions, made after what the
      // run does not need is released (a layer-blocked run never holds a model whole and in blocks at once).
      await releaseUnneeded(experiment, options, pool);
      this.profiles = await profileModels(experiment, options, pool, this.host.profileCache, onProgress);
      if (this.stopRequested) return this.end('stopped');
      this.phase = 'preparing';
      this.first = await prepareSessions(experiment, options, pool, onProgress);
      this.setup = null;
      if (this.stopRequested) return this.end('stopped');
      this.phase = 'running';
      this.zeroMs = this.host.monotonicMs();
      const zeroMs = this.zeroMs;
      this.loop = new LiveLoop(experiment, pool, this.profiles, {
        nowMs: () => this.host.monotonicMs() - zeroMs,
        epochAtZeroMs: this.host.toEpochMs(zeroMs),
      });
      await this.loop.run();
      this.end(this.stopRequested ? 'stopped' : 'finished');
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.end('failed');
    }
  }

  private end(phase: EnginePhase): void {
    this.phase = phase;
    // Kept lanes stay for the next run, which releases what it does not need.
    if (this.host.lanes === undefined) void this.pool?.disposeAll();
  }

  /** Stops issuing arrivals; what is queued or running still finishes (or, before the run, it ends at once). */
  stop(): void {
    this.stopRequested = true;
    if (this.phase === 'running') this.phase = 'draining';
    this.loop?.stop();
  }

  /** Kills a lane as a crash would (fault injection): its in-flight requests fail, the lane is rebuilt. */
  killLane(lane: number, reason: string): void {
    if (this.pool !== null && lane >= 0 && lane < this.pool.slots.length) this.pool.slot(lane).client.kill(reason);
  }

  /**
   * Destroys a lane's WebGPU device (fault injection): its in-flight requests fail with the loss, the
   * lane is rebuilt. Resolves with the loss reason; rejects when there is no such lane or it runs on WASM.
   */
  destroyDevice(lane: number): Promise<string> {
    if (this.pool === null || lane < 0 || lane >= this.pool.slots.length) return Promise.reject(new Error(`no lane ${String(lane)} in the current run`));
    return this.pool.slot(lane).client.destroyDevice();
  }

  /** Requests completed and slices run since the previous call. */
  takeProgress(): EngineProgress {
    const events = (this.loop?.events ?? []).slice(this.eventsTaken);
    const slices = (this.loop?.slices ?? []).slice(this.slicesTaken);
    this.eventsTaken += events.length;
    this.slicesTaken += slices.length;
    return { events, slices };
  }

  snapshot(): EngineSnapshot {
    const loop = this.loop;
    let metrics = null;
    if (loop !== null) {
      try {
        metrics = loop.snapshot();
      } catch (error) {
        this.error = `ledger: ${error instanceof Error ? error.message : String(error)}`;
        this.phase = 'failed';
      }
    }
    const first = this.first;
    return {
      phase: this.phase,
      mode: this.experiment?.lanes.mode ?? null,
      dispatchDepth: this.experiment?.lanes.dispatchDepth ?? null,
      laneCount: this.pool?.slots.length ?? 0,
      backendUsed: first?.backendUsed ?? null,
      fallbackReasons: first?.fallbackReasons ?? [],
      adapter: first?.adapter ?? null,
      timing: SERVICE_TIMING,
      gpuTiming: first?.gpuTiming ?? null,
      gpuTimingUnavailable: first?.gpuTimingUnavailable ?? null,
      soloProfiles: this.profiles,
      setup: this.phase === 'preparing' || this.phase === 'profiling' ? this.setup : null,
      metrics,
      dispatchGapMs: summarize(loop?.gapsMs ?? []),
      faults: loop?.faults ?? [],
      ledgerChecks: loop?.ledgerChecks ?? 0,
      elapsedMs: Number.isNaN(this.zeroMs) ? 0 : this.host.monotonicMs() - this.zeroMs,
      error: this.error,
    };
  }
}
