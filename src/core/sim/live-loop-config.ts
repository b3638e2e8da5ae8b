// The event loop's configuration for a live run: the run's arrivals, scheduler and estimator from its experiment and solo profiles.
import { createTenantArrivals } from '../arrivals/create';
import type { ArrivalSource } from '../arrivals/source';
import { blocksOf } from '../experiment/run-shape';
import { modelKey, type Experiment } from '../experiment/schema';
import type { LoopConfig } from '../loop/event-loop';
import { soloLatencyEstimate, toCapacities, toSoloProfiles, type MeasuredSoloPoint } from '../metrics/solo-profile';
import { createRng } from '../rng';
import { ms } from '../units';
import { policyOf, schedConfigOf } from './plan';

/**
 * The loop configuration of a live run of `experiment` whose solo profiles are `profiles`: fresh
 * arrival sources (rates resolved against the profiles' capacities, one rng forked from the seed),
 * so two calls give equal arrivals; the scheduler's estimate of a whole batch is the solo median at
 * the batch (the last slope past the largest profiled batch; 1 ms only for a model without a profile),
 * also under layer blocks, as in the simulator. The live engine runs on it; a replay (replay.ts) reruns it.
 */
export function liveLoopConfig(experiment: Experiment, profiles: readonly MeasuredSoloPoint[]): LoopConfig {
  const soloProfiles = toSoloProfiles(profiles);
  const keys = experiment.tenants.map((t) => modelKey(t.model, t.resolution));
  const sources = createTenantArrivals(experiment, toCapacities(profiles), createRng(experiment.seed).fork('arrivals'));
  const { policy, admission } = policyOf(experiment.scheduler.policy);
  return {
    tenants: experiment.tenants.map((t, i) => ({ sched: schedConfigOf(t), arrivals: sources[i] as ArrivalSource })),
    policy,
    admission,
    laneMode: experiment.lanes.mode,
    blocks: blocksOf(experiment),
    dispatchDepth: experiment.lanes.dispatchDepth,
    estimateServiceMs: (t, b) => soloLatencyEstimate(soloProfiles[keys[t] ?? ''] ?? [], b) ?? ms(1),
  };
}
