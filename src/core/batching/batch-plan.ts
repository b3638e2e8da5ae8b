// Dynamic batching per tenant: Triton-like (max batch, max queue delay) and iGniter-like adaptive sizing.
import type { Ms } from '../units';
import { ms } from '../units';
import { assertUnreachable } from '../assert';

/**
 * fixed: Triton's dynamic batcher, dispatch when maxBatch requests wait or the
 * oldest has waited maxQueueDelayMs; adaptive: as iGniter, the batch is the
 * largest size (<= maxBatch) whose predicted service time fits SLO/2.
 */
export type BatchMode = 'fixed' | 'adaptive';

export interface BatchingConfig {
  readonly mode: BatchMode;
  /** Largest batch (>= 1). Default 1: no batching. */
  readonly maxBatch: number;
  /** How long the oldest request may wait for the batch to fill, ms. Default 0. */
  readonly maxQueueDelayMs: Ms;
}

/** No batching: every request runs alone as soon as a lane is free. */
export const NO_BATCHING: BatchingConfig = { mode: 'fixed', maxBatch: 1, maxQueueDelayMs: ms(0) };

/** What the batcher decided for one tenant: how many to wait for, and for how long. */
export interface BatchPlan {
  /** Dispatch as soon as this many requests wait (>= 1). */
  readonly targetBatch: number;
  /** ...or once the oldest has waited this long, ms. */
  readonly delayMs: Ms;
}

/**
 * Plans a tenant's batching. Adaptive mode picks the largest b <= maxBatch with
 * estimate(b) <= sloMs/2 (at least 1), and lets the oldest request wait at
 * most min(maxQueueDelayMs, sloMs/2 - estimate(b)) so that batching wait plus
 * service stays within SLO/2, the other half left for queueing behind other
 * tenants (iGniter, TPDS'23, plans batch size against SLO/2).
 */
export function planBatching(config: BatchingConfig, sloMs: Ms, estimateMs: (batch: number) => Ms): BatchPlan {
  switch (config.mode) {
    case 'fixed':
      return { targetBatch: config.maxBatch, delayMs: config.maxQueueDelayMs };
    case 'adaptive': {
      const budgetMs = sloMs / 2;
      let batch = 1;
      for (let b = 2; b <= config.maxBatch; b++) {
        if (estimateMs(b) <= budgetMs) batch = b;
        else break;
      }
      const slackMs = Math.max(0, budgetMs - estimateMs(batch));
      return { targetBatch: batch, delayMs: ms(Math.min(config.maxQueueDelayMs, slackMs)) };
    }
    default:
      return assertUnreachable(config.mode);
  }
}
