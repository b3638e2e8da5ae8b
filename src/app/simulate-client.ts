// The page's side of the simulator worker: one lazily started worker, requests paired with answers by id.
import type { Experiment } from '../core/experiment';
import type { SimulateResult } from '../core/sim';
import type { SimulateRequest, SimulateResponse } from './simulate-protocol';

interface Pending {
  readonly resolve: (result: SimulateResult) => void;
  readonly reject: (error: Error) => void;
}

/** A function that simulates in a Web Worker (started on first use); rejects when the worker throws or crashes. */
export function createWorkerSimulator(): (experiment: Experiment) => Promise<SimulateResult> {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const start = (): Worker => {
    const w = new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module', name: 'lab-simulator' });
    w.onmessage = (event: MessageEvent<SimulateResponse>) => {
      const answer = event.data;
      const waiter = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.ok) waiter?.resolve(answer.result);
      else waiter?.reject(new Error(answer.error));
    };
    w.onerror = (event) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`simulator worker crashed: ${event.message}`));
      pending.clear();
      w.terminate();
      worker = null;
    };
    return w;
  };
  return (experiment) =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, experiment } satisfies SimulateRequest);
    });
}
