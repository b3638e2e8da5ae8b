// The page's side of the simulator worker: one lazily started worker, requests paired with answers by id, cancel by terminating it.
import type { Experiment } from '../core/experiment';
import type { SimulateResult } from '../core/sim';
import type { SimulateRequest, SimulateResponse } from './simulate-protocol';

interface Pending {
  readonly resolve: (result: SimulateResult) => void;
  readonly reject: (error: Error) => void;
}

/** The part of a Worker the client uses (a fake in tests). */
export interface SimWorker {
  onmessage: ((event: MessageEvent<SimulateResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: SimulateRequest): void;
  terminate(): void;
}

/** Simulations in a Web Worker. */
export interface WorkerSimulator {
  /** Resolves with the simulator's result; rejects when the worker throws, crashes or is cancelled. */
  simulate(experiment: Experiment): Promise<SimulateResult>;
  /** Stops every simulation in flight (the worker is terminated; the next call starts a fresh one). */
  cancel(): void;
}

const startModuleWorker = (): SimWorker =>
  new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module', name: 'lab-simulator' });

/** A simulator whose worker starts on first use; `startWorker` defaults to the bundled simulate.worker.ts. */
export function createWorkerSimulator(startWorker: () => SimWorker = startModuleWorker): WorkerSimulator {
  let worker: SimWorker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const stop = (reason: string): void => {
    worker?.terminate();
    worker = null;
    for (const waiter of pending.values()) waiter.reject(new Error(reason));
    pending.clear();
  };
  const start = (): SimWorker => {
    const w = startWorker();
    w.onmessage = (event) => {
      const answer = event.data;
      const waiter = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.ok) waiter?.resolve(answer.result);
      else waiter?.reject(new Error(answer.error));
    };
    w.onerror = (event) => stop(`simulator worker crashed: ${event.message}`);
    return w;
  };
  return {
    simulate: (experiment) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, experiment });
      }),
    cancel: () => stop('simulation cancelled'),
  };
}
