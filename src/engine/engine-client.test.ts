// The engine client with a fake worker: a crash fails the run and every pending call; a stopped run's late messages are ignored.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../core/experiment';
import { FakeEndpoint } from '../core/rpc/fake-endpoint.test-support';
import { EngineClient, failedSnapshot, type EngineUpdate } from './engine-client';
import type { EngineMessage, EngineRequest, RequestEvent } from './engine-protocol';
import { ms } from '../core/units';

type FakeWorker = FakeEndpoint<EngineRequest, EngineMessage>;

const options = { backend: 'wasm' } as const;
const snapshot = { ...failedSnapshot('x', null), phase: 'running' as const, error: null };

function setup(): { client: EngineClient; worker: FakeWorker; updates: EngineUpdate[] } {
  const worker: FakeWorker = new FakeEndpoint();
  const client = new EngineClient(() => worker);
  const updates: EngineUpdate[] = [];
  client.onUpdate((u) => updates.push(u));
  return { client, worker, updates };
}

describe('EngineClient', () => {
  it('a crash mid-run ends the run as failed with the reason and rejects every pending call; later calls fail at once', async () => {
    const { client, worker, updates } = setup();
    client.start(exampleExperiment(), options);
    worker.reply({ type: 'snapshot', runId: 1, snapshot: { ...snapshot, elapsedMs: ms(42) }, events: [], slices: [] });
    const finished = client.finished();
    const profile = expect(client.profile(exampleExperiment(), options)).rejects.toThrow('the engine worker crashed: out of memory');
    const destroy = expect(client.destroyDevice(0)).rejects.toThrow('crashed');
    worker.crash('out of memory');
    await expect(finished).resolves.toMatchObject({ phase: 'failed', error: 'the engine worker crashed: out of memory', elapsedMs: 42 });
    await profile;
    await destroy;
    expect(updates.at(-1)).toMatchObject({ finished: true, snapshot: { phase: 'failed' } });
    expect(worker.terminated).toBe(true);
    await expect(client.profile(exampleExperiment(), options)).rejects.toThrow('crashed');
    client.start(exampleExperiment(), options);
    await expect(client.finished()).resolves.toMatchObject({ phase: 'failed', error: expect.stringContaining('crashed') as unknown });
  });

  it('ignores late messages of a run that was replaced: only the current run id counts', async () => {
    const { client, worker, updates } = setup();
    client.start(exampleExperiment(), options);
    client.start(exampleExperiment(), options);
    expect(worker.posted.map((m) => (m.type === 'start' ? m.runId : null))).toEqual([1, 2]);
    const finished = client.finished();
    worker.reply({ type: 'finished', runId: 1, snapshot: { ...snapshot, phase: 'stopped' }, events: [], slices: [] });
    expect(updates).toEqual([]);
    worker.reply({ type: 'finished', runId: 2, snapshot: { ...snapshot, phase: 'finished' }, events: [], slices: [] });
    await expect(finished).resolves.toMatchObject({ phase: 'finished' });
  });

  it('any message of another run id changes nothing (fuzz)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 50 }).filter((id) => id !== 1), fc.constantFrom('snapshot' as const, 'finished' as const), (runId, type) => {
        const { client, worker, updates } = setup();
        client.start(exampleExperiment(), options);
        worker.reply({ type, runId, snapshot, events: [], slices: [] });
        expect(updates).toEqual([]);
        expect(client.snapshot()).toBeNull();
      }),
    );
  });

  it('hands the final message its events and slices, and finished() resolves with its snapshot', async () => {
    const { client, worker, updates } = setup();
    const events: number[] = [];
    client.onEvents((p) => events.push(p.events.length));
    client.start(exampleExperiment(), options);
    const finished = client.finished();
    const event = { tenant: 'a' } as RequestEvent;
    worker.reply({ type: 'snapshot', runId: 1, snapshot, events: [event], slices: [] });
    worker.reply({ type: 'finished', runId: 1, snapshot: { ...snapshot, phase: 'finished' }, events: [event, event], slices: [] });
    await expect(finished).resolves.toMatchObject({ phase: 'finished' });
    expect(events).toEqual([1, 2]);
    expect(updates.map((u) => [u.finished, u.events.length])).toEqual([[false, 1], [true, 2]]);
  });

  it('stop and fault injections name the current run; nothing is sent for a run that is over', async () => {
    const { client, worker } = setup();
    client.stop();
    client.killLane(0);
    await expect(client.destroyDevice(0)).rejects.toThrow('no run in progress');
    expect(worker.posted).toEqual([]);
    client.start(exampleExperiment(), options);
    client.stop();
    client.killLane(1);
    const destroying = client.destroyDevice(1);
    expect(worker.posted.slice(1)).toEqual([
      { type: 'stop', runId: 1 },
      { type: 'kill-lane', runId: 1, lane: 1 },
      { type: 'destroy-device', runId: 1, lane: 1, id: 2 },
    ]);
    worker.reply({ type: 'fault-injected', id: 2, error: 'this lane runs on WASM' });
    await expect(destroying).rejects.toThrow('this lane runs on WASM');
  });

  it('an unreadable message fails the run and every call; a disposed client fails later calls at once', async () => {
    const { client, worker } = setup();
    client.start(exampleExperiment(), options);
    const memory = client.laneMemory();
    worker.unreadable();
    await expect(memory).rejects.toThrow('the engine worker sent a message that could not be read');
    await expect(client.finished()).resolves.toMatchObject({ phase: 'failed', error: 'the engine worker sent a message that could not be read' });
    const other = setup();
    other.client.dispose();
    await expect(other.client.laneMemory()).rejects.toThrow('the engine worker was stopped');
    expect(other.worker.terminated).toBe(true);
  });
});
