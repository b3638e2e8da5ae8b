// Tests of the simulator worker client with a fake worker: pairing by id, worker errors, crashes, cancel, restart.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../core/experiment';
import { FakeEndpoint } from '../core/rpc/fake-endpoint.test-support';
import type { SimulateResult } from '../core/sim';
import { createWorkerSimulator } from './simulate-client';
import type { SimulateRequest, SimulateResponse } from './simulate-protocol';

type FakeWorker = FakeEndpoint<SimulateRequest, SimulateResponse>;

const failed = (message: string): SimulateResult => ({ ok: false, issues: [{ path: '', message }] });

function setup() {
  const workers: FakeWorker[] = [];
  const simulator = createWorkerSimulator(() => {
    const w: FakeWorker = new FakeEndpoint();
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
    expect(workers[0]?.posted.map((m) => m.id)).toEqual([1, 2]);
    workers[0]?.reply({ id: 2, ok: true, result: failed('two') });
    workers[0]?.reply({ id: 1, ok: true, result: failed('one') });
    await expect(first).resolves.toEqual(failed('one'));
    await expect(second).resolves.toEqual(failed('two'));
  });

  it.each([
    ['a thrown error', (w: FakeWorker) => w.reply({ id: 1, ok: false, error: 'ledger broke' }), 'ledger broke'],
    ['a crash', (w: FakeWorker) => w.crash('oom'), 'the simulator worker crashed: oom'],
    ['an unreadable message', (w: FakeWorker) => w.unreadable(), 'the simulator worker sent a message that could not be read'],
  ])('rejects on %s', async (_name, fail, message) => {
    const { simulator, workers } = setup();
    const pending = simulator.simulate(exampleExperiment());
    fail(workers[0] as FakeWorker);
    await expect(pending).rejects.toThrow(message);
  });

  it('a crash fails every simulation in flight; the next call starts a fresh worker', async () => {
    const { simulator, workers } = setup();
    const pending = [simulator.simulate(exampleExperiment()), simulator.simulate(exampleExperiment())];
    workers[0]?.crash('oom');
    for (const p of pending) await expect(p).rejects.toThrow('crashed: oom');
    expect(workers[0]?.terminated).toBe(true);
    const next = simulator.simulate(exampleExperiment());
    expect(workers).toHaveLength(2);
    workers[1]?.reply({ id: 1, ok: true, result: failed('fresh') });
    await expect(next).resolves.toEqual(failed('fresh'));
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
