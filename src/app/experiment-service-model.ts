// Draft edits of the simulator's service model: assumed per-model times the user types in (never invented here).
import type { Experiment, ServiceTime } from '../core/experiment';
import { getIn, setIn, type Draft } from './experiment-draft';

/** The distinct model ids the draft's tenants use, in tenant order. */
export function modelsInDraft(draft: Draft): string[] {
  const tenants = Array.isArray(draft.tenants) ? (draft.tenants as unknown[]) : [];
  const models = tenants.map((tenant) => getIn(tenant, ['model'])).filter((m): m is string => typeof m === 'string' && m !== '');
  return [...new Set(models)];
}

/**
 * Adds a service model with an empty fixed time for each model in use: the user must type every value
 * (validation names each empty field), and contention 1 (two busy lanes each run 2x slower, DESIGN.md).
 */
export function addServiceModel(draft: Draft): Draft {
  const byModel = Object.fromEntries(modelsInDraft(draft).map((model) => [model, { kind: 'fixed', ms: '', perExtraItemMs: 0 }]));
  return { ...draft, serviceModel: { byModel, contentionPerExtraLane: 1 } };
}

/** Drops the service model (the simulator then cannot run). */
export function removeServiceModel(draft: Draft): Draft {
  return setIn(draft, ['serviceModel'], undefined) as Draft;
}

/** Sets one field of a model's fixed service time; a model without an entry (or with another kind) gets a fresh fixed one. */
export function setFixedServiceTime(draft: Draft, model: string, field: 'ms' | 'perExtraItemMs', value: number | string): Draft {
  const path = ['serviceModel', 'byModel', model];
  const current = getIn(draft, path);
  const base = getIn(current, ['kind']) === 'fixed' ? current : { kind: 'fixed', ms: '', perExtraItemMs: 0 };
  return setIn(draft, path, setIn(base, [field], value)) as Draft;
}

/** Removes a model's entry (for a model no tenant uses any more). */
export function removeServiceTime(draft: Draft, model: string): Draft {
  return setIn(draft, ['serviceModel', 'byModel', model], undefined) as Draft;
}

/** One line describing a service time, e.g. `fixed 3 ms + 1 ms per extra item`. */
export function describeServiceTime(time: ServiceTime): string {
  switch (time.kind) {
    case 'fixed':
      return `fixed ${String(time.ms)} ms + ${String(time.perExtraItemMs)} ms per extra item`;
    case 'distribution':
      return `log-normal, median ${String(time.medianMs)} ms, p99 ${String(time.p99Ms)} ms`;
    case 'exponential':
      return `exponential, mean ${String(time.meanMs)} ms + ${String(time.perExtraItemMs)} ms per extra item`;
    case 'profile':
      return `profile of ${String(time.byBatch.length)} batch sizes`;
  }
}

/** Where a simulation's service times come from, for the label on its results; null when the experiment has none. */
export function serviceTimeSource(experiment: Experiment): string | null {
  const model = experiment.serviceModel;
  if (model === undefined) return null;
  const parts = Object.entries(model.byModel).map(([id, time]) => `${id}: ${describeServiceTime(time)}`);
  return `the experiment's service model, assumed, not measured (${parts.join('; ')})`;
}
