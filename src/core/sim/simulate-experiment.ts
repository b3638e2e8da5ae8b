// Runs an Experiment in the simulator through the metrics recorder and returns a JSON-serialisable report.
import { runEndMs } from '../arrivals/create';
import type { ConfigIssue } from '../experiment/parse';
import type { Experiment } from '../experiment/schema';
import { MetricsRecorder } from '../metrics/recorder';
import type { GpuTimeSource, TenantMetrics } from '../metrics/snapshot';
import { ms } from '../units';
import { planSimulation } from './plan';
import { runSimulation, type SimObserver, type SimRunStats } from './simulator';
import { budgetedObserver, checkedArrivals, checkedService, DEFAULT_WORK_BUDGET, SimulationStopped, type StopReason, type WorkBudget } from './work-budget';

/** Simulated interval between ledger checks against the scheduler's real queues, ms. */
export const LEDGER_CHECK_EVERY_MS = 1000;

/** The simulator's answer for one experiment: plain data, JSON-serialisable. */
export interface SimReport {
  readonly experiment: {
    readonly name: string | null;
    readonly policy: Experiment['scheduler']['policy'];
    readonly granularity: Experiment['scheduler']['granularity'];
    readonly blocks: number;
    readonly laneMode: Experiment['lanes']['mode'];
    readonly dispatchDepth: number;
    readonly tenants: readonly string[];
    readonly warmupMs: number;
    readonly durationMs: number;
    readonly seed: number;
  };
  /** Requests issued in the whole run (warm-up and dropped ones included). */
  readonly simulatedRequests: number;
  /** Simulated instant of the last event (arrivals stop at warm-up + duration, queues then drain), ms. */
  readonly simulatedMs: number;
  /** Ledger checks passed (periodic and final); a failed one throws instead. */
  readonly ledgerChecks: number;
  /** Closed-loop clients left waiting because their request was refused and nothing completed afterwards (null when stopped early). */
  readonly stalledClosedLoop: number | null;
  /** The work budget the run had. */
  readonly workBudget: WorkBudget;
  /**
   * Null when the run ended; else why it stopped early: the report then covers the simulated time up to
   * `simulatedMs`, with the requests still queued or running at that instant in the ledger.
   */
  readonly stopped: { readonly reason: StopReason; readonly message: string } | null;
  readonly gpuTimeSource: GpuTimeSource;
  /** Relative error bound of every quantile. */
  readonly relativeAccuracy: number;
  readonly perTenant: Readonly<Record<string, TenantMetrics>>;
  readonly overall: TenantMetrics;
  readonly jainFairness: number | null;
}

export type SimulateResult = { readonly ok: true; readonly report: SimReport } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Simulates the experiment. Every request goes through the recorder's ledger; each
 * LEDGER_CHECK_EVERY_MS of simulated time and at the end the ledger is checked and
 * compared with what the scheduler and lanes hold (a mismatch throws LedgerViolation).
 * Past `budget` (or at a time that is not finite) the run stops, and the report says so
 * (`stopped`) and covers what ran.
 */
export function simulateExperiment(experiment: Experiment, budget: WorkBudget = DEFAULT_WORK_BUDGET): SimulateResult {
  const planned = planSimulation(experiment);
  if (!planned.ok) return planned;
  const recorder = new MetricsRecorder(experiment);
  const ledger = recorder.ledger;
  let ledgerChecks = 0;
  const observer: SimObserver = {
    arrived: (r) => recorder.record({ type: 'arrival', tenant: r.tenant, arrivalMs: r.arrivalMs }),
    dropped: (r, reason, from, atMs) => recorder.record({ type: 'dropped', tenant: r.tenant, arrivalMs: r.arrivalMs, atMs, reason, from }),
    started: (d, atMs) => {
      for (const r of d.requests) recorder.record({ type: 'started', tenant: r.tenant, arrivalMs: r.arrivalMs, atMs });
    },
    completed: (r, done, endMs) =>
      recorder.record({ type: 'completed', tenant: r.tenant, arrivalMs: r.arrivalMs, endMs, serviceMs: done.serviceMs, batch: done.batch }),
    checkpoint: (_atMs, holdings) => {
      ledger.check();
      for (let t = 0; t < experiment.tenants.length; t++) ledger.verify(t, { queued: holdings.queued(t), running: holdings.running(t) });
      ledgerChecks++;
    },
  };
  const guarded = budgetedObserver(observer, budget);
  const plan = {
    ...planned.plan,
    tenants: planned.plan.tenants.map((t, i) => {
      const tenant = experiment.tenants[i];
      return { ...t, arrivals: checkedArrivals(t.arrivals, tenant?.id ?? ''), service: checkedService(t.service, tenant?.model ?? '') };
    }),
    checkpointEveryMs: LEDGER_CHECK_EVERY_MS,
  };
  let stats: SimRunStats | null = null;
  let stopped: SimReport['stopped'] = null;
  try {
    stats = runSimulation(plan, guarded.observer);
  } catch (error) {
    if (!(error instanceof SimulationStopped)) throw error;
    stopped = { reason: error.reason, message: error.message };
  }
  const count = guarded.count();
  const endMs = stats === null ? count.lastMs : stats.endMs;
  const snapshot = recorder.snapshot(ms(stats === null ? endMs : Math.max(endMs, runEndMs(experiment))));
  // Keyed by tenant id, which the user chooses: no prototype, so `__proto__` is a tenant like any other.
  const perTenant = Object.create(null) as Record<string, TenantMetrics>;
  for (const tenant of snapshot.tenants) perTenant[tenant.id] = tenant;
  const { scheduler, lanes } = experiment;
  return {
    ok: true,
    report: {
      experiment: {
        name: experiment.name ?? null,
        policy: scheduler.policy,
        granularity: scheduler.granularity,
        blocks: planned.plan.blocks,
        laneMode: lanes.mode,
        dispatchDepth: lanes.dispatchDepth,
        tenants: experiment.tenants.map((t) => t.id),
        warmupMs: experiment.warmupMs,
        durationMs: experiment.durationMs,
        seed: experiment.seed,
      },
      simulatedRequests: stats === null ? count.requests : stats.requests,
      simulatedMs: endMs,
      ledgerChecks,
      stalledClosedLoop: stats === null ? null : stats.stalledClosedLoop,
      workBudget: budget,
      stopped,
      gpuTimeSource: snapshot.gpuTimeSource,
      relativeAccuracy: snapshot.relativeAccuracy,
      perTenant,
      overall: snapshot.overall,
      jainFairness: snapshot.jainFairness,
    },
  };
}
