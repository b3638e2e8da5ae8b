// The simulator's work budget and finite-time guards, enforced around the loop (its arrival sources, service models and observer).
import type { ArrivalSource } from '../arrivals/source';
import type { Ms } from '../units';
import type { ServiceTimeModel } from './service-time';
import type { SimObserver } from './simulator';

/**
 * Most work one simulation may do before it stops with a partial report:
 * - `maxRequests`: requests issued (arrivals, warm-up and dropped ones included);
 * - `maxQueued`: requests waiting in the scheduler's queues at one instant, all tenants together
 *   (each costs memory; an overloaded unbounded queue would otherwise exhaust the heap).
 */
export interface WorkBudget {
  readonly maxRequests: number;
  readonly maxQueued: number;
}

/**
 * The default budget: 10 million requests (about 20 s at the 0.5 M simulated requests/s measured on a
 * loaded 2-core machine) and 1 million queued requests (about 100 MB).
 */
export const DEFAULT_WORK_BUDGET: WorkBudget = { maxRequests: 10_000_000, maxQueued: 1_000_000 };

/** Why a simulation stopped early. */
export type StopReason = 'request-budget' | 'queue-budget' | 'non-finite-time';

/** Thrown by the guards to unwind the loop; simulateExperiment catches it and reports what ran. */
export class SimulationStopped extends Error {
  constructor(
    readonly reason: StopReason,
    message: string,
  ) {
    super(message);
    this.name = 'SimulationStopped';
  }
}

/** What the guards counted: the partial report's figures when the loop is unwound. */
export interface WorkCount {
  /** Requests issued so far. */
  readonly requests: number;
  /** Requests queued now. */
  readonly queued: number;
  /** The latest simulated instant an observer call reported, ms. */
  readonly lastMs: number;
}

/**
 * The observer, counting: before an arrival past `maxRequests` issued or `maxQueued` waiting is
 * recorded, it throws {@link SimulationStopped}, so the recorder holds exactly the requests that ran.
 */
export function budgetedObserver(observer: SimObserver, budget: WorkBudget): { readonly observer: SimObserver; readonly count: () => WorkCount } {
  let requests = 0;
  let queued = 0;
  let lastMs = 0;
  const wrapped: SimObserver = {
    arrived: (request) => {
      if (requests >= budget.maxRequests) {
        throw new SimulationStopped('request-budget', `stopped at the work budget of ${String(budget.maxRequests)} simulated requests (at ${String(lastMs)} ms simulated); raise it with --max-requests`);
      }
      if (queued >= budget.maxQueued) {
        throw new SimulationStopped('queue-budget', `stopped at the work budget of ${String(budget.maxQueued)} queued requests (at ${String(lastMs)} ms simulated): the offered load outruns the service; lower it, set queueLimit, or raise the budget with --max-queued`);
      }
      requests++;
      queued++;
      lastMs = Math.max(lastMs, request.arrivalMs);
      observer.arrived(request);
    },
    dropped: (request, reason, from, nowMs) => {
      if (from === 'queued') queued--;
      lastMs = Math.max(lastMs, nowMs);
      observer.dropped(request, reason, from, nowMs);
    },
    started: (dispatch, nowMs) => {
      queued -= dispatch.requests.length;
      lastMs = Math.max(lastMs, nowMs);
      observer.started(dispatch, nowMs);
    },
    completed: (request, done, nowMs) => {
      lastMs = Math.max(lastMs, nowMs);
      observer.completed(request, done, nowMs);
    },
  };
  if (observer.checkpoint !== undefined) {
    const checkpoint = observer.checkpoint.bind(observer);
    wrapped.checkpoint = (nowMs, holdings) => checkpoint(nowMs, holdings);
  }
  return { observer: wrapped, count: () => ({ requests, queued, lastMs }) };
}

const nonFinite = (what: string, value: number): SimulationStopped =>
  new SimulationStopped('non-finite-time', `stopped: ${what} gave the time ${String(value)} ms, not a finite, ordered instant (a value the schema bounds should not allow; please report the file)`);

/** An arrival source whose every instant is checked: finite and not before the previous one. */
export function checkedArrivals(source: ArrivalSource, tenantId: string): ArrivalSource {
  let previous = 0;
  const check = (t: Ms): Ms => {
    if (!(Number.isFinite(t) && t >= previous)) throw nonFinite(`the arrivals of tenant ${JSON.stringify(tenantId.slice(0, 40))}`, t);
    previous = t;
    return t;
  };
  if (source.mode === 'open') {
    return { mode: 'open', next: () => { const t = source.next(); return t === undefined ? undefined : check(t); } };
  }
  return {
    mode: 'closed',
    outstanding: source.outstanding,
    start: () => source.start().map(check),
    onDone: (atMs) => {
      const t = source.onDone(atMs);
      return t === undefined ? undefined : check(t);
    },
  };
}

/** A service model whose every sample is checked: finite and > 0. */
export function checkedService(model: ServiceTimeModel, modelId: string): ServiceTimeModel {
  return {
    medianMs: (batch) => model.medianMs(batch),
    meanMs: (batch) => model.meanMs(batch),
    sampleMs: (batch) => {
      const t = model.sampleMs(batch);
      if (!(Number.isFinite(t) && t > 0)) throw nonFinite(`the service time of model ${JSON.stringify(modelId.slice(0, 40))}`, t);
      return t;
    },
  };
}
