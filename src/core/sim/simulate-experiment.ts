// Runs an Experiment in the simulator through the metrics recorder and returns a JSON-serialisable report.
import { runEndMs } from '../arrivals/create';
import type { ConfigIssue } from '../experiment/parse';
import type { Experiment } from '../experiment/schema';
import { MetricsRecorder } from '../metrics/recorder';
import type { GpuTimeSource, TenantMetrics } from '../metrics/snapshot';
import { ms } from '../units';
import { planSimulation } from './plan';
import { runSimulation, type SimObserver } from './simulator';

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
  /** Closed-loop clients left waiting because their request was refused and nothing completed afterwards. */
  readonly stalledClosedLoop: number;
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
 */
export function simulateExperiment(experiment: Experiment): SimulateResult {
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
  const stats = runSimulation({ ...planned.plan, checkpointEveryMs: LEDGER_CHECK_EVERY_MS }, observer);
  const snapshot = recorder.snapshot(ms(Math.max(stats.endMs, runEndMs(experiment))));
  const perTenant: Record<string, TenantMetrics> = {};
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
      simulatedRequests: stats.requests,
      simulatedMs: stats.endMs,
      ledgerChecks,
      stalledClosedLoop: stats.stalledClosedLoop,
      gpuTimeSource: snapshot.gpuTimeSource,
      relativeAccuracy: snapshot.relativeAccuracy,
      perTenant,
      overall: snapshot.overall,
      jainFairness: snapshot.jainFairness,
    },
  };
}
