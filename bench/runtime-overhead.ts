// The engine's own overhead per request in a finished run: live latency minus the latency of a replay of the run's own trace.
import type { EngineRunResult } from '../src/app/engine-test-hook';
import { parseExperiment, type ExperimentInput } from '../src/core/experiment';
import { nearestRank } from '../src/core/metrics';
import { liveLoopConfig, overheadsByTenant, replayRun, type TimedRequest } from '../src/core/sim';

/** Per tenant: overhead quantiles over the measured requests (arrived after warm-up), ms. */
export interface TenantOverhead {
  readonly id: string;
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  /** Replayed latency quantiles for the same requests (what queueing alone gives), ms. */
  readonly replayP50Ms: number | null;
  readonly replayP99Ms: number | null;
  /** Live only: from the lane's end of a request's batch to the engine learning of it (message passing, a busy or descheduled engine worker), ms. */
  readonly notifyP50Ms: number | null;
  readonly notifyP99Ms: number | null;
}

/** The run's overhead per tenant, and how many slices the replay ran beyond the trace (0: it took the run's decisions). */
export interface RunOverhead {
  readonly tenants: readonly TenantOverhead[];
  readonly unmatchedSlices: number;
}

/**
 * Replays `result` (the run of `input`) through the core event loop: the run's arrivals (same seed,
 * same solo profiles), each slice's measured service, no engine. Overhead = live - replayed latency.
 */
export function runOverhead(input: ExperimentInput, result: EngineRunResult): RunOverhead {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  const experiment = parsed.experiment;
  const index = new Map(experiment.tenants.map((t, i) => [t.id, i]));
  const indexOf = (id: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`the run reported tenant '${id}', which the experiment lacks`);
    return i;
  };
  const sliceServiceMs: number[][] = experiment.tenants.map(() => []);
  for (const s of result.slices) sliceServiceMs[indexOf(s.tenant)]?.push(s.endMs - s.startMs);
  const live: TimedRequest[] = result.events.map((e) => ({ tenant: indexOf(e.tenant), arrivalMs: e.arrivalMs, latencyMs: e.latencyMs }));
  const replay = replayRun(liveLoopConfig(experiment, result.snapshot?.soloProfiles ?? []), sliceServiceMs);
  const overheads = overheadsByTenant(live, replay.completed, experiment.tenants.length, experiment.warmupMs);
  const tenants = experiment.tenants.map((t, i) => {
    const values = [...(overheads[i] ?? [])];
    const notify = result.events.filter((e) => e.tenant === t.id && e.arrivalMs >= experiment.warmupMs).map((e) => e.arrivalMs + e.latencyMs - e.endMs);
    const replayed = replay.completed.filter((r) => r.tenant === i && r.arrivalMs >= experiment.warmupMs).map((r) => r.latencyMs);
    return {
      id: t.id,
      count: values.length,
      p50Ms: nearestRank(values, 0.5),
      p99Ms: nearestRank(values, 0.99),
      maxMs: nearestRank(values, 1),
      replayP50Ms: nearestRank(replayed, 0.5),
      replayP99Ms: nearestRank(replayed, 0.99),
      notifyP50Ms: nearestRank(notify, 0.5),
      notifyP99Ms: nearestRank(notify, 0.99),
    };
  });
  return { tenants, unmatchedSlices: replay.unmatchedSlices };
}
