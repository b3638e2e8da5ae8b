// Tests of the simulator worker client with a fake worker: pairing by id, worker errors, crashes, cancel, restart.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../core/experiment';
import type { SimulateResult } from '../core/sim';
import { createWorkerSimulator, type SimWorker } from './simulate-client';
import type { SimulateRequest, SimulateResponse } from './simulate-protocol';

class FakeWorker implements SimWorker {
  onmessage: ((event: MessageEvent<SimulateResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly sent: SimulateRequest[] = [];
  terminated = false;
  postMessage(message: SimulateRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(response: SimulateResponse): void {
    this.onmessage?.({ data: response } as MessageEvent<SimulateResponse>);
  }
}

const failed = (message: string): SimulateResult => ({ ok: false, issues: [{ path: '', message }] });

function setup() {
  const workers: FakeWorker[] = [];
  const simulator = createWorkerSimulator(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { simulator, workers };
}

describe('createWorkerSimulator', () => {
  it('pairs answers with requests by id, out of order, on one worker', async () => {
    const { simulator, workers } = setup();
    const first = simulator.simulate(exampleExperiment());
    const second = simulator.simulate(exampleExperiment());
    expect(workers).toHaveLength(1);
    expect(workers[0]?.sent.map((m) => m.id)).toEqual([1, 2]);
    workers[0]?.answer({ id: 2, ok: true, result: failed('two') });
    workers[0]?.answer({ id: 1, ok: true, result: failed('one') });
    await expect(first).resolves.toEqual(failed('one'));
    await expect(second).resolves.toEqual(failed('two'));
  });

  it.each([
    ['a thrown error', (w: FakeWorker) => w.answer({ id: 1, ok: false, error: 'ledger broke' }), 'ledger broke'],
    ['a crash', (w: FakeWorker) => w.onerror?.({ message: 'oom' } as ErrorEvent), 'simulator worker crashed: oom'],
  ])('rejects on %s', async (_name, fail, message) => {
    const { simulator, workers } = setup();
    const pending = simulator.simulate(exampleExperiment());
    fail(workers[0] as FakeWorker);
    await expect(pending).rejects.toThrow(message);
  });

  it('cancel terminates the worker, rejects what is in flight, and the next call starts a fresh worker', async () => {
    const { simulator, workers } = setup();
    const pending = simulator.simulate(exampleExperiment());
    simulator.cancel();
    await expect(pending).rejects.toThrow('simulation cancelled');
    expect(workers[0]?.terminated).toBe(true);
    void simulator.simulate(exampleExperiment()).catch(() => undefined);
    expect(workers).toHaveLength(2);
  });
});
