// The batcher's plan per tenant: Triton-like fixed batches and iGniter-like sizing against SLO/2.
import { describe, expect, it } from 'vitest';
import { ms } from '../units';
import { NO_BATCHING, planBatching, type BatchingConfig } from './batch-plan';

/** 2 ms for one request plus 1 ms per extra one. */
const estimate = (batch: number) => ms(2 + (batch - 1));

describe('planBatching', () => {
  it.each<[string, BatchingConfig, number, { targetBatch: number; delayMs: number }]>([
    ['no batching', NO_BATCHING, 100, { targetBatch: 1, delayMs: 0 }],
    ['fixed: as configured', { mode: 'fixed', maxBatch: 8, maxQueueDelayMs: ms(5) }, 100, { targetBatch: 8, delayMs: 5 }],
    ['adaptive: largest batch within SLO/2 (2 + 7 = 9 <= 9.5)', { mode: 'adaptive', maxBatch: 32, maxQueueDelayMs: ms(Infinity) }, 19, { targetBatch: 8, delayMs: 0.5 }],
    ['adaptive: capped by maxBatch, wait = SLO/2 - service', { mode: 'adaptive', maxBatch: 4, maxQueueDelayMs: ms(Infinity) }, 20, { targetBatch: 4, delayMs: 5 }],
    ['adaptive: the wait never exceeds maxQueueDelayMs', { mode: 'adaptive', maxBatch: 4, maxQueueDelayMs: ms(2) }, 20, { targetBatch: 4, delayMs: 2 }],
    ['adaptive: batch 1 even when one request exceeds SLO/2', { mode: 'adaptive', maxBatch: 4, maxQueueDelayMs: ms(Infinity) }, 3, { targetBatch: 1, delayMs: 0 }],
  ])('%s', (_name, config, sloMs, expected) => {
    expect(planBatching(config, ms(sloMs), estimate)).toEqual(expected);
  });
});
