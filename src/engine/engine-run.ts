// One engine run from start to finish: validate, build lanes and sessions, solo profiles, the core loop on lanes, snapshots.
import { errorMessage, toError } from '../core/error-message';
import { laneCountOf, parseExperiment, type Experiment } from '../core/experiment';
import { EventLoop } from '../core/loop';
import { toSoloProfiles, type MetricsSnapshot } from '../core/metrics';
import { liveLoopConfig } from '../core/sim';
import { ms } from '../core/units';
import type { PreparedInfo } from '../runtime/lane-protocol';
import { engineTimerPort, type EngineClock } from './engine-clock';
import { ENGINE_DEFAULTS, SERVICE_TIMING, type EngineOptions, type EnginePhase, type EngineProgress, type EngineSnapshot, type SessionBlockBalance, type SetupProgress, type SoloProfilePoint } from './engine-protocol';
import { LaneExecutor } from './lane-executor';
import { LanePool, type LaneFactory, type LaneKeeper } from './lane-pool';
import { LiveObserver } from './live-observer';
import { prepareSessions, profileModels, releaseUnneeded, unsupported } from './run-setup';
import type { ProfileCache } from './solo-profiler';

/** What a setup step gives when Stop came first. */
const STOPPED = Symbol('stopped');

/** What a run needs from its host (the engine worker, or a test). */
export interface EngineHost {
  readonly createLane: LaneFactory;
  /** Real timers in the worker; a fake clock in unit tests. */
  readonly clock: EngineClock;
  /** Solo profiles kept between runs of this host. */
  readonly profileCache: ProfileCache;
  /** Keeps lanes and their sessions from one run to the next (the engine worker has one); absent: every run makes and stops its own. */
  readonly lanes?: LaneKeeper;
}

/** The running part of a run: the core loop on lanes, and what it reports to. */
interface Running {
  readonly loop: EventLoop<LaneExecutor>;
  readonly observer: LiveObserver;
  readonly tenants: number;
  readonly nowMs: () => number;
}

/** One run. `start` resolves when it is finished, stopped or failed (it never rejects). */
export class EngineRun {
  private phase: EnginePhase = 'idle';
  private experiment: Experiment | null = null;
  private pool: LanePool | null = null;
  private running: Running | null = null;
  private first: PreparedInfo | null = null;
  /** How the run's layer-blocked sessions were cut (one per model and lane at most). */
  private blockBalances: readonly SessionBlockBalance[] = [];
  private profiles: readonly SoloProfilePoint[] = [];
  private setup: SetupProgress | null = null;
  private zeroMs = NaN;
  /** Dispatches also go to the lanes' shared dispatch rings (EngineOptions.dispatchRing). */
  private viaRing = true;
  private error: string | null = null;
  private stopRequested = false;
  /** Resolves when stop() is called: setup steps race it, so that Stop never waits for a lane. */
  private readonly stopSignal: Promise<typeof STOPPED>;
  private signalStop: () => void = () => undefined;

  constructor(private readonly host: EngineHost) {
    this.stopSignal = new Promise((resolve) => {
      this.signalStop = () => resolve(STOPPED);
    });
  }

  /** `work`, or STOPPED as soon as stop() is called (the work is then abandoned: see abandonSetup). */
  private orStop<T>(work: Promise<T>): Promise<T | typeof STOPPED> {
    return Promise.race([work, this.stopSignal]);
  }

  /** Ends a run stopped during its setup (stop() killed its lanes) at once. */
  private abandonSetup(): void {
    this.setup = null;
    this.end('stopped');
  }

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
      const profiles = await this.orStop(releaseUnneeded(experiment, options, pool).then(() => profileModels(experiment, options, pool, this.host.profileCache, onProgress)));
      if (profiles === STOPPED || this.stopRequested) return this.abandonSetup();
      this.profiles = profiles;
      this.phase = 'preparing';
      const balances: SessionBlockBalance[] = [];
      this.blockBalances = balances;
      const first = await this.orStop(prepareSessions(experiment, options, pool, onProgress, (b) => balances.push(b)));
      if (first === STOPPED || this.stopRequested) return this.abandonSetup();
      this.first = first;
      this.setup = null;
      this.phase = 'running';
      this.viaRing = options.dispatchRing ?? true;
      await this.runLoop(experiment, pool);
      this.end(this.stopRequested ? 'stopped' : 'finished');
    } catch (error) {
      // A lane killed by Stop during the setup fails what it was doing: that is the stop, not a failure.
      if (this.stopRequested && this.running === null) return this.abandonSetup();
      this.error = errorMessage(error);
      // A failed run issues nothing more (what is queued stays, counted, in the last snapshot).
      this.running?.loop.stop();
      this.end('failed');
    }
  }

  /** Runs the core event loop on the lanes until nothing is left (every arrival issued, every request done or dropped). */
  private runLoop(experiment: Experiment, pool: LanePool): Promise<void> {
    const clock = this.host.clock;
    const zeroMs = clock.monotonicMs();
    this.zeroMs = zeroMs;
    const soloProfiles = toSoloProfiles(this.profiles);
    const config = liveLoopConfig(experiment, this.profiles);
    return new Promise<void>((resolve, reject) => {
      const observer = new LiveObserver(experiment, soloProfiles, resolve);
      const fail = (error: Error): void => reject(error);
      const timers = engineTimerPort(clock, zeroMs, fail);
      const loop = new EventLoop(
        config,
        (events) => new LaneExecutor(experiment, pool, clock.toEpochMs(zeroMs), events, fail, this.viaRing),
        timers,
        observer,
      );
      this.running = { loop, observer, tenants: experiment.tenants.length, nowMs: () => timers.now() };
      try {
        loop.start();
        if (this.stopRequested) loop.stop({ cancelQueued: true });
      } catch (error) {
        fail(toError(error));
      }
    }).then(() => {
      const running = this.running;
      if (running !== null) running.observer.check(running.loop.holdings, running.tenants);
    });
  }

  private end(phase: EnginePhase): void {
    this.phase = phase;
    // Kept lanes stay for the next run, which releases what it does not need.
    if (this.host.lanes === undefined) void this.pool?.disposeAll();
  }

  /**
   * Stops within a slice: no arrival is issued and nothing more is dispatched; every queued request (and
   * every layer-blocked batch between its blocks) is dropped as `stopped`; only the slices already on a
   * lane finish (a lane cannot interrupt session.run), then the run ends 'stopped' with everything
   * measured so far. During the setup (solo profiles, sessions) the run ends at once, without waiting
   * for its lanes.
   */
  stop(): void {
    this.stopRequested = true;
    this.signalStop();
    // During the setup, kill the lanes now (synchronously: a run started next takes the kept lanes at
    // once and must find these stopped), so that what they were doing (a solo profile, a session being
    // made: seconds on a software adapter) neither delays the stop nor keeps the CPU busy. The next
    // run replaces them (LaneKeeper) and reads solo profiles from the cache.
    if (this.phase === 'profiling' || this.phase === 'preparing') {
      for (const slot of this.pool?.slots ?? []) slot.client.kill('the run was stopped during its setup');
    }
    if (this.phase === 'running') this.phase = 'draining';
    this.running?.loop.stop({ cancelQueued: true });
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

  /** What the running loop's executor holds now (see LaneExecutor.retained); null outside the loop. */
  retained(): ReturnType<LaneExecutor['retained']> | null {
    return this.running?.loop.executor.retained() ?? null;
  }

  /** Requests completed and slices run since the previous call (then dropped here: the page keeps them). */
  takeProgress(): EngineProgress {
    return this.running?.observer.take() ?? { events: [], slices: [] };
  }

  /** Metrics now, after checking the ledger against the scheduler's queues and the lanes. */
  private metricsNow(running: Running): MetricsSnapshot {
    running.observer.check(running.loop.holdings, running.tenants);
    return running.observer.snapshot(ms(running.nowMs()));
  }

  snapshot(): EngineSnapshot {
    const running = this.running;
    let metrics = null;
    if (running !== null) {
      try {
        metrics = this.metricsNow(running);
      } catch (error) {
        this.error = `ledger: ${errorMessage(error)}`;
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
      dispatchGapMs: running?.loop.executor.gapStats() ?? { count: 0, medianMs: null, p99Ms: null, maxMs: null },
      arrivalLateness: running?.loop.arrivalLateness() ?? null,
      faults: running?.observer.faults ?? [],
      blockBalances: this.blockBalances,
      ledgerChecks: running?.observer.ledgerChecks ?? 0,
      elapsedMs: ms(Number.isNaN(this.zeroMs) ? 0 : this.host.clock.monotonicMs() - this.zeroMs),
      error: this.error,
    };
  }
}
