// The run's shape from an experiment: lanes per mode, blocks per granularity, session batches per batch policy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from './example';
import { blocksOf, laneCountOf, laneOfTenant, sessionBatchesOf, sessionBatchOf } from './run-shape';
import type { Experiment, Tenant } from './schema';

const base = exampleExperiment();
const withLanes = (mode: Experiment['lanes']['mode']): Experiment => ({ ...base, lanes: { mode, dispatchDepth: 1 } });

describe('run shape', () => {
  it.each([
    ['time-sliced', 1, [0, 0]],
    ['concurrent', 2, [0, 1]],
  ] as const)('%s: %d lanes, tenants on lanes %j', (mode, lanes, laneOf) => {
    const e = withLanes(mode);
    expect(laneCountOf(e)).toBe(lanes);
    expect(e.tenants.map((_, i) => laneOfTenant(e, i))).toEqual(laneOf);
  });

  it.each([
    [{ policy: 'fcfs', granularity: 'inference' }, 1],
    [{ policy: 'fcfs', granularity: 'layer-blocks', blocks: 4 }, 4],
  ] as const)('%j: %d blocks per inference', (scheduler, blocks) => {
    expect(blocksOf({ ...base, scheduler })).toBe(blocks);
  });

  it.each([
    [{ kind: 'none' }, [1]],
    [{ kind: 'dynamic', maxBatch: 5, maxQueueDelayMs: 1 }, [1, 2, 4, 8]],
    [{ kind: 'adaptive', maxBatch: 4 }, [1, 2, 4]],
  ] as const)('batch %j runs in sessions of %j', (batch, sizes) => {
    expect(sessionBatchesOf({ ...(base.tenants[0] as Tenant), batch })).toEqual(sizes);
  });

  it('a session batch is the least power of two that holds the requests', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 100_000 }), (requests) => {
        const b = sessionBatchOf(requests);
        expect(Number.isInteger(Math.log2(b))).toBe(true);
        expect(b).toBeGreaterThanOrEqual(Math.max(1, requests));
        expect(b < 2 * Math.max(1, requests)).toBe(true);
      }),
    );
  });
});
