// The page's side of the capacity worker, on the RPC client the analysis worker uses: one lazily started worker; a crash fails the call.
import type { MixCapacitySearch, MixModel } from '../../core/characterize/default-mix';
import { RpcClient, rpcStep, type RpcEndpoint } from '../../core/rpc/rpc-client';
import type { CapacityRequest, CapacityResponse } from './capacity-protocol';

/** The part of a Worker the client uses (a fake in tests). */
export type CapacityWorker = RpcEndpoint<CapacityRequest, CapacityResponse>;

/** The default mix's capacity search somewhere off the caller's thread (or inline, in tests). */
export type MixCapacitySearcher = (models: readonly MixModel[]) => Promise<MixCapacitySearch>;

const startModuleWorker = (): CapacityWorker => new Worker(new URL('./capacity.worker.ts', import.meta.url), { type: 'module', name: 'lab-characterize-capacity' });

type CapacityRpc = RpcClient<CapacityRequest, CapacityResponse, Omit<CapacityRequest, 'id'>>;

/**
 * A searcher whose worker starts on first use (`startWorker` defaults to the bundled capacity.worker.ts)
 * and stays for later calls; a crashed worker fails its call and the next call starts a fresh one.
 */
export function createWorkerCapacitySearcher(startWorker: () => CapacityWorker = startModuleWorker): MixCapacitySearcher {
  let rpc: CapacityRpc | null = null;
  return (models) => {
    if (rpc === null || rpc.failure !== null) {
      rpc = new RpcClient(startWorker(), { name: 'the capacity worker', stamp: (request, id) => ({ ...request, id }), idOf: (response) => response.id });
    }
    return rpc.call({ models }, (answer) => (answer.kind === 'done' ? rpcStep.done(answer.search) : rpcStep.failed(answer.error)), { label: 'capacity' });
  };
}
