// What an experiment implies for a run, the same in the simulator, the live engine and the page: lanes, blocks, session batches.
import { assertUnreachable } from '../assert';
import type { BlockBalance, Experiment, Tenant } from './schema';

/** The seed of every generated model's weights (weights do not change timing). */
export const MODEL_WEIGHT_SEED = 1;

/** Lanes a run needs: one per tenant when concurrent, one shared lane when time-sliced. */
export function laneCountOf(experiment: Experiment): number {
  return experiment.lanes.mode === 'concurrent' ? experiment.tenants.length : 1;
}

/** Lane of a tenant (0-based index): its own in concurrent mode, lane 0 when time-sliced. */
export function laneOfTenant(experiment: Experiment, tenant: number): number {
  return experiment.lanes.mode === 'concurrent' ? tenant : 0;
}

/** Layer blocks per inference: scheduler.blocks under 'layer-blocks', else 1 (whole inferences). */
export function blocksOf(experiment: Experiment): number {
  return experiment.scheduler.granularity === 'layer-blocks' ? (experiment.scheduler.blocks ?? 1) : 1;
}

/** How the experiment's layer blocks are balanced ('macs' when it does not say, or runs whole inferences). */
export function blockBalanceOf(experiment: Experiment): BlockBalance {
  return experiment.scheduler.blockBalance ?? 'macs';
}

/** The session batch a batch of `requests` runs in: the next power of two (padding fills the rest). */
export function sessionBatchOf(requests: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, requests)));
}

/** The largest batch a tenant's runs can have, padded as a lane pads it (see sessionBatchOf). */
export function maxBatchOf(tenant: Tenant): number {
  const { batch } = tenant;
  switch (batch.kind) {
    case 'none':
      return 1;
    case 'dynamic':
    case 'adaptive':
      return sessionBatchOf(batch.maxBatch);
    default:
      return assertUnreachable(batch);
  }
}

/** Session batch sizes a tenant's batch policy can use, ascending powers of two from 1. */
export function sessionBatchesOf(tenant: Tenant): number[] {
  const { batch } = tenant;
  switch (batch.kind) {
    case 'none':
      return [1];
    case 'dynamic':
    case 'adaptive': {
      const sizes: number[] = [];
      for (let b = 1; b <= sessionBatchOf(batch.maxBatch); b *= 2) sizes.push(b);
      return sizes;
    }
    default:
      return assertUnreachable(batch);
  }
}
