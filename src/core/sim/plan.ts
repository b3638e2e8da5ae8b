// Turns a validated Experiment into a simulator plan: scheduler settings, service-time models, arrivals.
import { createTenantArrivals } from '../arrivals/create';
import { CapacityUnknownError, type SoloCapacities } from '../arrivals/rates';
import { assertUnreachable, invariant } from '../assert';
import { NO_BATCHING, type BatchingConfig } from '../batching/batch-plan';
import { formatPath, quoteName, type ConfigIssue } from '../experiment/parse';
import type { BatchPolicy } from '../experiment/arrival-schema';
import { blocksOf } from '../experiment/run-shape';
import { modelKey, type Experiment, type PolicyName, type Tenant } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { createRng } from '../rng';
import type { AdmissionKind, PolicyKind, TenantSchedConfig } from '../scheduler/types';
import { ms } from '../units';
import { createServiceTimeModel, MAX_BATCH, type ServiceTimeModel } from './service-time';
import type { SimPlan } from './simulator';

/** Scheduler order and admission behind each experiment policy name ('slo-aware' = EDF plus dropping the hopeless). */
export function policyOf(name: PolicyName): { readonly policy: PolicyKind; readonly admission: AdmissionKind } {
  switch (name) {
    case 'fcfs':
    case 'round-robin':
    case 'weighted-fair':
    case 'edf':
    case 'priority':
      return { policy: name, admission: 'none' };
    case 'slo-aware':
      return { policy: 'edf', admission: 'slo-aware' };
    default:
      return assertUnreachable(name);
  }
}

/** A tenant's batch policy as the batcher reads it (adaptive: the wait is bounded by its SLO/2 plan only). */
export function batchingOf(batch: BatchPolicy): BatchingConfig {
  switch (batch.kind) {
    case 'none':
      return NO_BATCHING;
    case 'dynamic':
      return { mode: 'fixed', maxBatch: batch.maxBatch, maxQueueDelayMs: ms(batch.maxQueueDelayMs) };
    case 'adaptive':
      return { mode: 'adaptive', maxBatch: batch.maxBatch, maxQueueDelayMs: ms(Infinity) };
    default:
      return assertUnreachable(batch);
  }
}

/** A tenant's scheduling parameters: real-time ranks 0, best-effort 1. */
export function schedConfigOf(tenant: Tenant): TenantSchedConfig {
  return {
    sloMs: ms(tenant.sloMs),
    weight: tenant.weight,
    priorityRank: tenant.priority === 'real-time' ? 0 : 1,
    queueLimit: tenant.queueLimit,
    overflow: tenant.overflow,
    batching: batchingOf(tenant.batch),
  };
}

/**
 * Solo capacity of each model in the simulator, req/s: 1000 / mean service time of a batch of 1,
 * keyed by modelKey(model, resolution), for rates given as capacity fractions.
 */
export function simulatedCapacities(experiment: Experiment, models: (tenant: Tenant) => ServiceTimeModel): SoloCapacities {
  // No prototype: a model key is user-chosen (`custom:<name>`), see resolveRate's own-key lookup.
  const capacities = Object.create(null) as Record<string, number>;
  for (const tenant of experiment.tenants) capacities[modelKey(tenant.model, tenant.resolution)] = 1000 / models(tenant).meanMs(1);
  return capacities;
}

/**
 * Why a service model's derived times are unusable (a median or mean, at some batch size, that is not a
 * finite time above 0), or null. The schema's bounds keep every accepted file clear of this; the check
 * stays so that no bound missed can feed NaN or Infinity into the event loop.
 */
export function derivedTimeProblem(model: ServiceTimeModel): string | null {
  for (let b = 1; b <= MAX_BATCH; b++) {
    const median = model.medianMs(b);
    const mean = model.meanMs(b);
    if (!(Number.isFinite(median) && median > 0 && Number.isFinite(mean) && mean > 0 && Number.isFinite(1000 / mean))) {
      return `at batch ${String(b)} its median service time is ${String(median)} ms and its mean ${String(mean)} ms; both must be finite and above 0 (and 1000 / mean a finite capacity)`;
    }
  }
  return null;
}

export type PlanResult = { readonly ok: true; readonly plan: SimPlan } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Builds the plan: one rng from `experiment.seed`, forked per tenant for arrivals
 * (`arrivals/<id>`) and service times (`service/<id>`). Needs `serviceModel`.
 */
export function planSimulation(experiment: Experiment): PlanResult {
  const serviceModel: ServiceModel | undefined = experiment.serviceModel;
  if (serviceModel === undefined) {
    return { ok: false, issues: [{ path: 'serviceModel', message: 'expected a service model: the simulator needs service times per model' }] };
  }
  const rng = createRng(experiment.seed);
  const arrivalRng = rng.fork('arrivals');
  const serviceRng = rng.fork('service');
  const models = experiment.tenants.map((tenant) => {
    const spec = Object.hasOwn(serviceModel.byModel, tenant.model) ? serviceModel.byModel[tenant.model] : undefined;
    // The schema rejects an experiment whose service model misses a tenant's model.
    invariant(spec !== undefined, `service time for model '${tenant.model}'`);
    return createServiceTimeModel(spec, serviceRng.fork(`service/${tenant.id}`));
  });
  const problems = experiment.tenants.flatMap((tenant, i) => {
    const problem = derivedTimeProblem(models[i] as ServiceTimeModel);
    return problem === null ? [] : [{ path: formatPath(['serviceModel', 'byModel', tenant.model]), message: `model ${quoteName(tenant.model)}: ${problem}` }];
  });
  if (problems.length > 0) return { ok: false, issues: problems };
  const modelOf = (tenant: Tenant): ServiceTimeModel => models[experiment.tenants.indexOf(tenant)] as ServiceTimeModel;
  let arrivals;
  try {
    arrivals = createTenantArrivals(experiment, simulatedCapacities(experiment, modelOf), arrivalRng);
  } catch (error) {
    if (!(error instanceof CapacityUnknownError)) throw error;
    const i = experiment.tenants.findIndex((t) => t.id === error.tenantId);
    return { ok: false, issues: [{ path: formatPath(['tenants', i, 'arrival']), message: `the solo capacity of ${quoteName(error.key)} is not a finite rate, so a capacity fraction of it is none` }] };
  }
  const { policy, admission } = policyOf(experiment.scheduler.policy);
  return {
    ok: true,
    plan: {
      tenants: experiment.tenants.map((tenant, i) => ({
        sched: schedConfigOf(tenant),
        service: models[i] as ServiceTimeModel,
        arrivals: arrivals[i] as SimPlan['tenants'][number]['arrivals'],
      })),
      policy,
      admission,
      laneMode: experiment.lanes.mode,
      blocks: blocksOf(experiment),
      dispatchDepth: experiment.lanes.dispatchDepth,
      contentionPerExtraLane: serviceModel.contentionPerExtraLane,
    },
  };
}
