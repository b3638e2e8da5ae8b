// The page's side of the simulator worker: one lazily started worker on the RPC client; cancel by terminating it.
import type { Experiment } from '../core/experiment';
import { RpcClient, rpcStep, type RpcEndpoint } from '../core/rpc/rpc-client';
import type { SimulateResult } from '../core/sim';
import type { SimulateRequest, SimulateResponse } from './simulate-protocol';

/** The part of a Worker the client uses (a fake in tests). */
export type SimWorker = RpcEndpoint<SimulateRequest, SimulateResponse>;

/** Simulations in a Web Worker. */
export interface WorkerSimulator {
  /** Resolves with the simulator's result; rejects when the worker throws, crashes or is cancelled. */
  simulate(experiment: Experiment): Promise<SimulateResult>;
  /** Stops every simulation in flight (the worker is terminated; the next call starts a fresh one). */
  cancel(): void;
}

const startModuleWorker = (): SimWorker =>
  new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module', name: 'lab-simulator' });

type SimRpc = RpcClient<SimulateRequest, SimulateResponse, Experiment>;

/**
 * A simulator whose worker starts on first use; `startWorker` defaults to the bundled simulate.worker.ts.
 * A crash fails every simulation in flight; the next call starts a fresh worker (the simulator keeps no state).
 */
export function createWorkerSimulator(startWorker: () => SimWorker = startModuleWorker): WorkerSimulator {
  let rpc: SimRpc | null = null;
  const start = (): SimRpc =>
    new RpcClient(startWorker(), {
      name: 'the simulator worker',
      stamp: (experiment, id) => ({ id, experiment }),
      idOf: (response) => response.id,
    });
  return {
    simulate: (experiment) => {
      if (rpc === null || rpc.failure !== null) rpc = start();
      return rpc.call(experiment, (answer) => (answer.ok ? rpcStep.done(answer.result) : rpcStep.failed(answer.error)), { label: 'simulate' });
    },
    cancel: () => {
      rpc?.close(new Error('simulation cancelled'));
      rpc = null;
    },
  };
}
