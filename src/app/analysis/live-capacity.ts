// Confirm live (no React): the capacity search around the simulated bracket, run as short live probes through the engine client.
import type { CapacityResult } from '../../core/analysis/capacity';
import { probeLength } from '../../core/analysis/capacity';
import {
  DEFAULT_LIVE_MAX_PROBES, DEFAULT_LIVE_RESOLUTION, searchLiveBracket, type LiveOutcome,
} from '../../core/analysis/live-bracket';
import { judgeLiveProbe, liveProbeExperiment, type LiveCapacityProbe } from '../../core/analysis/live-probe';
import type { Experiment, ServiceModel } from '../../core/experiment';
import type { EngineUpdate } from '../../engine/engine-client';
import type { EngineOptions, EngineSnapshot } from '../../engine/engine-protocol';
import { createStore, type ReadableStore } from '../store';

/** Longest live probe (warm-up + measured window) Confirm live starts, ms: past it the search stops with the reason. */
export const MAX_LIVE_PROBE_MS = 10 * 60_000;

/** The engine as Confirm live uses it (EngineClient; a fake in tests). */
export interface LiveEngine {
  start(experiment: Experiment, options: EngineOptions): void;
  stop(): void;
  finished(): Promise<EngineSnapshot | null>;
  onUpdate(listener: (update: EngineUpdate) => void): () => void;
  dispose(): void;
}

/** What to confirm: the experiment and service model the simulated bracket came from, and the live engine's settings. */
export interface LiveCapacityRequest {
  readonly experiment: Experiment;
  readonly serviceModel: ServiceModel;
  readonly simulated: CapacityResult;
  readonly engine: EngineOptions;
  /** Live bracket width to stop at; default 0.1. */
  readonly resolution?: number;
  /** Probe budget; default 5. */
  readonly maxProbes?: number;
}

/** The live bracket beside the simulated one: plain, JSON-serialisable data. */
export interface LiveCapacityReport {
  readonly figures: 'live';
  readonly backendUsed: string | null;
  readonly sloRate: number;
  readonly seed: number;
  /** LoadGen's minimum measured requests per tenant per probe (each probe is planned for 1.2 x this). */
  readonly samplesPerTenant: number;
  readonly resolution: number;
  readonly maxProbes: number;
  readonly simulated: { readonly holdsFactor: number | null; readonly failsFactor: number | null; readonly probes: number; readonly resolution: number };
  readonly outcome: LiveOutcome | 'cancelled';
  readonly holdsFactor: number | null;
  readonly failsFactor: number | null;
  /** Sum of the open-loop rates at the live holding factor, req/s. */
  readonly totalAtHoldsPerSec: number | null;
  readonly probes: readonly LiveCapacityProbe[];
}

export type LiveCapacityState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly fraction: number; readonly step: string; readonly probes: readonly LiveCapacityProbe[] }
  | { readonly status: 'done'; readonly report: LiveCapacityReport }
  | { readonly status: 'failed'; readonly message: string; readonly probes: readonly LiveCapacityProbe[] };

/** Owns one confirmation at a time: an engine worker of its own for its probes, given back when it ends. */
export class LiveCapacityController {
  private readonly state = createStore<LiveCapacityState>({ status: 'idle' });
  private engine: LiveEngine | null = null;
  private cancelled = false;
  /** Counts confirmations and resets, so that an older one's answer is dropped. */
  private attempt = 0;

  constructor(private readonly createEngine: () => LiveEngine) {}

  get store(): ReadableStore<LiveCapacityState> {
    return this.state;
  }

  /** The finished report, or null. */
  report(): LiveCapacityReport | null {
    const s = this.state.getSnapshot();
    return s.status === 'done' ? s.report : null;
  }

  /** Forgets the last confirmation (a new analysis has a new simulated bracket); stops one in progress. */
  reset(): void {
    this.cancel();
    this.attempt++;
    this.state.update(() => ({ status: 'idle' }));
  }

  /** Stops between probes and the live run in progress; what was measured stays, outcome 'cancelled'. */
  cancel(): void {
    if (this.state.getSnapshot().status !== 'running') return;
    this.cancelled = true;
    this.engine?.stop();
  }

  /** Probes live around `simulated` until the bracket is within the resolution or the budget is spent. */
  async confirm(request: LiveCapacityRequest): Promise<void> {
    if (this.state.getSnapshot().status === 'running') return;
    const { experiment, serviceModel, simulated } = request;
    const resolution = request.resolution ?? DEFAULT_LIVE_RESOLUTION;
    const maxProbes = request.maxProbes ?? DEFAULT_LIVE_MAX_PROBES;
    const minSamples = simulated.samplesPerTenant;
    const length = probeLength(experiment, serviceModel, minSamples, resolution);
    if (length === null) {
      this.state.update(() => ({ status: 'failed', message: 'no open-loop tenant with a rate: only open-loop rates scale', probes: [] }));
      return;
    }
    const attempt = ++this.attempt;
    this.cancelled = false;
    const engine = this.createEngine();
    this.engine = engine;
    const probes: LiveCapacityProbe[] = [];
    let backendUsed: string | null = null;
    let current = { index: 0, factor: 1, plannedMs: 1 };
    const show = (fraction: number, step: string) => {
      if (attempt === this.attempt) this.state.update(() => ({ status: 'running', fraction: Math.min(1, fraction), step, probes: [...probes] }));
    };
    const unsubscribe = engine.onUpdate(({ snapshot }) => {
      const within = snapshot.phase === 'running' || snapshot.phase === 'draining' ? Math.min(1, snapshot.elapsedMs / current.plannedMs) : 0;
      show((current.index + within) / maxProbes, `probe ${String(current.index + 1)} of at most ${String(maxProbes)} at ${current.factor.toFixed(3)}x: ${snapshot.phase}`);
    });
    show(0, 'starting the engine');
    try {
      const result = await searchLiveBracket(
        simulated,
        async (factor, index) => {
          const probeExperiment = liveProbeExperiment(experiment, serviceModel, factor, length, simulated.seed);
          current = { index, factor, plannedMs: probeExperiment.warmupMs + probeExperiment.durationMs };
          if (current.plannedMs > MAX_LIVE_PROBE_MS) {
            throw new Error(`the probe at ${factor.toFixed(4)}x would take ${(current.plannedMs / 60_000).toFixed(1)} min (LoadGen's ${String(minSamples)} samples of the slowest tenant at that load): past the ${String(MAX_LIVE_PROBE_MS / 60_000)} min a live probe may take`);
          }
          engine.start(probeExperiment, request.engine);
          const final = await engine.finished();
          backendUsed = final?.backendUsed ?? backendUsed;
          if (final?.phase === 'failed') throw new Error(`live probe at ${factor.toFixed(3)}x failed: ${final.error ?? 'no reason given'}`);
          const run = { factor, warmupMs: probeExperiment.warmupMs, durationMs: probeExperiment.durationMs, phase: final?.phase ?? 'failed' };
          const judged = judgeLiveProbe(experiment, final?.metrics ?? null, run, simulated.sloRate, minSamples);
          probes.push(judged);
          show((index + 1) / maxProbes, `probe ${String(index + 1)} at ${factor.toFixed(3)}x ${judged.holds ? 'held' : 'failed'}`);
          return { holds: judged.holds, record: judged };
        },
        // A reset (a new analysis) also ends this search, even once a newer confirmation has started.
        { resolution, maxProbes, cancelled: () => this.cancelled || attempt !== this.attempt },
      );
      const openRates = simulated.rates.filter((r) => r.basePerSec !== null);
      const report: LiveCapacityReport = {
        figures: 'live', backendUsed, sloRate: simulated.sloRate, seed: simulated.seed, samplesPerTenant: minSamples, resolution, maxProbes,
        simulated: { holdsFactor: simulated.holdsFactor, failsFactor: simulated.failsFactor, probes: simulated.probes.length, resolution: simulated.resolution },
        outcome: result.outcome, holdsFactor: result.holdsFactor, failsFactor: result.failsFactor,
        totalAtHoldsPerSec: result.holdsFactor === null ? null : openRates.reduce((sum, r) => sum + (r.basePerSec ?? 0) * (result.holdsFactor ?? 0), 0),
        probes: result.probes,
      };
      if (attempt === this.attempt) this.state.update(() => ({ status: 'done', report }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt === this.attempt) this.state.update(() => ({ status: 'failed', message, probes: [...probes] }));
    } finally {
      unsubscribe();
      // The probes' lanes (and their devices) go with the worker, so they do not compete with Run live's.
      engine.dispose();
      if (this.engine === engine) this.engine = null;
    }
  }
}
