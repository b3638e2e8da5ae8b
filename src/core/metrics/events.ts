// The events a metrics recorder consumes: one per request transition, tenants named by index.
import type { Ms } from '../units';

/**
 * Why a request left without being served: its tenant's queue was full (`queue-full`),
 * the scheduler judged its SLO unreachable (`slo-unreachable`), its lane failed (`lane-error`),
 * or the user stopped the run while it waited (`stopped`: queued, or a layer-blocked batch
 * between its blocks; neither met nor missed its SLO, so the SLO rate leaves it out).
 */
export type DropReason = 'queue-full' | 'slo-unreachable' | 'lane-error' | 'stopped';
export const DROP_REASONS: readonly DropReason[] = ['queue-full', 'slo-unreachable', 'lane-error', 'stopped'];

/** Where a dropped request was: waiting, or already dispatched to a lane. */
export type DropFrom = 'queued' | 'running';

/**
 * One request transition. `tenant` is the tenant's index in `experiment.tenants`; `arrivalMs` is
 * the request's scheduled arrival (it decides warm-up exclusion and latency, LoadGen's rule).
 * - `arrival`: the request exists and waits (a request dropped on arrival is `arrival` then `dropped`).
 * - `started`: dispatched to a lane (its first slice).
 * - `dropped`: left unserved, from the queue or from a lane.
 * - `completed`: finished at `endMs`. `serviceMs`: time from dispatch to completion, so the queue
 *   time is `endMs - arrivalMs - serviceMs`. `batch`: requests served together (>= 1). `gpuMs`:
 *   measured GPU time of the whole batch, if known; each request is charged `gpuMs / batch`.
 */
export type MetricsEvent =
  | { readonly type: 'arrival'; readonly tenant: number; readonly arrivalMs: Ms }
  | { readonly type: 'started'; readonly tenant: number; readonly arrivalMs: Ms; readonly atMs: Ms }
  | {
      readonly type: 'dropped';
      readonly tenant: number;
      readonly arrivalMs: Ms;
      readonly atMs: Ms;
      readonly reason: DropReason;
      readonly from: DropFrom;
    }
  | {
      readonly type: 'completed';
      readonly tenant: number;
      readonly arrivalMs: Ms;
      readonly endMs: Ms;
      readonly serviceMs: Ms;
      readonly batch: number;
      readonly gpuMs?: Ms;
    };
