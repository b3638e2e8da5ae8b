// Tests of the capacity worker client with a fake worker: answers by id, one worker kept across calls, a crash and a fresh worker.
import { describe, expect, it } from 'vitest';
import { FakeEndpoint } from '../../core/rpc/fake-endpoint.test-support';
import { createWorkerCapacitySearcher } from './capacity-client';
import type { CapacityRequest, CapacityResponse } from './capacity-protocol';

type FakeWorker = FakeEndpoint<CapacityRequest, CapacityResponse>;

function setup() {
  const workers: FakeWorker[] = [];
  const search = createWorkerCapacitySearcher(() => {
    const w: FakeWorker = new FakeEndpoint();
    workers.push(w);
    return w;
  });
  return { search, workers };
}

const MODELS = [{ model: 'tiny-cnn', resolution: 32, p50Ms: 2, p99Ms: 3 }];

describe('createWorkerCapacitySearcher', () => {
  it('sends the models and resolves each call with its own answer, on one worker', async () => {
    const { search, workers } = setup();
    const first = search(MODELS);
    const second = search([]);
    expect(workers).toHaveLength(1);
    const w = workers[0] as FakeWorker;
    w.reply({ id: 2, kind: 'done', search: { rows: [], fcfs: null } });
    w.reply({ id: 1, kind: 'failed', error: 'the capacity search failed: no' });
    await expect(second).resolves.toEqual({ rows: [], fcfs: null });
    await expect(first).rejects.toThrow('the capacity search failed: no');
  });

  it('a crash fails the call in flight; the next call starts a fresh worker', async () => {
    const { search, workers } = setup();
    const pending = search(MODELS);
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toThrow('the capacity worker crashed: out of memory');
    void search(MODELS).catch(() => undefined);
    expect(workers).toHaveLength(2);
  });
});
