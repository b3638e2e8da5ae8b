// The engine client with a fake worker: a crash fails the run and every pending call; a stopped run's late messages are ignored.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../core/experiment';
import { EngineClient, failedSnapshot, type EngineUpdate, type EngineWorker } from './engine-client';
import type { EngineMessage, EngineRequest } from './engine-protocol';

class FakeWorker implements EngineWorker {
  onmessage: ((event: MessageEvent<EngineMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly sent: EngineRequest[] = [];
  terminated = false;
  postMessage(message: EngineRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: EngineMessage): void {
    this.onmessage?.({ data: message } as MessageEvent<EngineMessage>);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const options = { backend: 'wasm' } as const;
const snapshot = { ...failedSnapshot('x', null), phase: 'running' as const, error: null };

function setup(): { client: EngineClient; worker: FakeWorker; updates: EngineUpdate[] } {
  const worker = new FakeWorker();
  const client = new EngineClient(() => worker);
  const updates: EngineUpdate[] = [];
  client.onUpdate((u) => updates.push(u));
  return { client, worker, updates };
}

describe('EngineClient', () => {
  it('a crash mid-run ends the run as failed with the reason and rejects every pending call; later calls fail at once', async () => {
    const { client, worker, updates } = setup();
    client.start(exampleExperiment(), options);
    worker.answer({ type: 'snapshot', runId: 1, snapshot: { ...snapshot, elapsedMs: 42 }, events: [], slices: [] });
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
    expect(worker.sent.map((m) => (m.type === 'start' ? m.runId : null))).toEqual([1, 2]);
    const finished = client.finished();
    worker.answer({ type: 'finished', runId: 1, snapshot: { ...snapshot, phase: 'stopped' }, events: [], slices: [] });
    expect(updates).toEqual([]);
    worker.answer({ type: 'finished', runId: 2, snapshot: { ...snapshot, phase: 'finished' }, events: [], slices: [] });
    await expect(finished).resolves.toMatchObject({ phase: 'finished' });
  });

  it('any message of another run id changes nothing (fuzz)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 50 }).filter((id) => id !== 1), fc.constantFrom('snapshot' as const, 'finished' as const), (runId, type) => {
        const { client, worker, updates } = setup();
        client.start(exampleExperiment(), options);
        worker.answer({ type, runId, snapshot, events: [], slices: [] });
        expect(updates).toEqual([]);
        expect(client.snapshot()).toBeNull();
      }),
    );
  });
});
