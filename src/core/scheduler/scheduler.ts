// The scheduler: per-tenant queues, batching readiness, policy order and SLO-aware admission.
import { ms } from '../units';
import { assertUnreachable, invariant } from '../assert';
import { planBatching, type BatchPlan } from '../batching/batch-plan';
import { IndexedHeap } from './indexed-heap';
import { RingQueue } from './request-queue';
import type { Dispatch, DropReason, PickResult, SchedRequest, Scheduler, SchedulerOptions } from './types';

/** A layer-blocked batch with blocks still to dispatch. */
interface Continuation {
  readonly requests: readonly SchedRequest[];
  /** The next block to dispatch. */
  nextBlock: number;
  /** Its blocks dispatched and not yet ended (or aborted). */
  onLane: number;
  /** The lane its blocks run on (the tensor between blocks lives there). */
  readonly laneId: number;
}

/**
 * Builds a scheduler. Tenants with a ready batch sit in one indexed heap
 * ordered by the policy; tenants still inside their batching delay sit in a
 * second heap keyed by the instant their delay ends. Every operation is
 * O(log tenants); no scan over requests or tenants.
 */
export function createScheduler(config: SchedulerOptions): Scheduler {
  const n = config.tenants.length;
  invariant(n > 0, 'at least one tenant');
  invariant(Number.isInteger(config.blocks) && config.blocks >= 1, 'blocks is an integer >= 1');
  invariant(config.tenants.every((t) => t.weight > 0 && t.queueLimit >= 1), 'every weight > 0 and queue limit >= 1');
  const { policy, estimateServiceMs, onDrop } = config;
  const admit = config.admission === 'slo-aware';
  const tenants = config.tenants;
  const plans: BatchPlan[] = tenants.map((t, i) => planBatching(t.batching, t.sloMs, (b) => estimateServiceMs(i, b)));
  const soloMs = tenants.map((_, i) => estimateServiceMs(i, 1));
  const ranks = Float64Array.from(tenants, (t) => t.priorityRank);
  const weights = Float64Array.from(tenants, (t) => t.weight);
  const queues = tenants.map(() => new RingQueue<SchedRequest>());
  // A tenant's batch between blocks: with commitAhead its next block may follow the one on the lane at
  // once; without, the next block waits until the last one ended (one block of a tenant at a time).
  const continuations: (Continuation | undefined)[] = new Array<Continuation | undefined>(n).fill(undefined);
  const commitAhead = config.commitAhead === true;
  const ready = new IndexedHeap(n);
  const delayed = new IndexedHeap(n);
  const virtualMs = new Float64Array(n); // weighted-fair: charged service / weight
  let turnCounter = 0; // round-robin: a tenant joining the ready set goes to the back of the line
  let systemVirtualMs = 0;
  let queued = 0;

  /** The oldest request that decides the tenant's place (continuation first). */
  const headOf = (t: number): SchedRequest | undefined => continuations[t]?.requests[0] ?? queues[t]?.at(0);

  function setReady(t: number, head: SchedRequest): void {
    delayed.remove(t);
    switch (policy) {
      case 'fcfs':
        ready.set(t, head.arrivalMs, head.id);
        return;
      case 'edf':
        ready.set(t, head.deadlineMs, head.id);
        return;
      case 'priority':
        ready.set(t, ranks[t] as number, head.arrivalMs);
        return;
      case 'round-robin':
        if (!ready.has(t)) ready.set(t, ++turnCounter);
        return;
      case 'weighted-fair':
        ready.set(t, virtualMs[t] as number);
        return;
      default:
        assertUnreachable(policy);
    }
  }

  /** Puts tenant t in the heap its state calls for (or in neither). */
  function refresh(t: number, nowMs: number): void {
    const head = headOf(t);
    const continuation = continuations[t];
    if (head === undefined || (continuation !== undefined && continuation.onLane > 0 && !commitAhead)) {
      ready.remove(t);
      delayed.remove(t);
      return;
    }
    const plan = plans[t] as BatchPlan;
    const readyAtMs = head.arrivalMs + plan.delayMs;
    if (continuation !== undefined || (queues[t] as RingQueue<SchedRequest>).length >= plan.targetBatch || nowMs >= readyAtMs) {
      setReady(t, head);
    } else {
      ready.remove(t);
      delayed.set(t, readyAtMs);
    }
  }

  function drop(request: SchedRequest, reason: DropReason, nowMs: number): void {
    onDrop(request, reason, ms(nowMs));
  }

  /** slo-aware: drops queued heads that cannot finish by their deadline even alone. */
  function dropHopeless(t: number, nowMs: number): boolean {
    const queue = queues[t] as RingQueue<SchedRequest>;
    let dropped = false;
    for (let head = queue.at(0); head !== undefined && nowMs + (soloMs[t] as number) > head.deadlineMs; head = queue.at(0)) {
      queue.shift();
      queued--;
      drop(head, 'slo-unreachable', nowMs);
      dropped = true;
    }
    return dropped;
  }

  function takeBatch(t: number, nowMs: number): SchedRequest[] {
    const queue = queues[t] as RingQueue<SchedRequest>;
    let size = Math.min(queue.length, (plans[t] as BatchPlan).targetBatch);
    if (admit) {
      // Shrink the batch while it would make its oldest request miss the deadline.
      const deadlineMs = (queue.at(0) as SchedRequest).deadlineMs;
      while (size > 1 && nowMs + estimateServiceMs(t, size) > deadlineMs) size--;
    }
    const batch = new Array<SchedRequest>(size);
    for (let i = 0; i < size; i++) batch[i] = queue.shift() as SchedRequest;
    queued -= size;
    return batch;
  }

  function dispatchFrom(t: number, nowMs: number, laneId: number): Dispatch {
    const continuation = continuations[t];
    let requests: readonly SchedRequest[];
    let block = 0;
    if (continuation !== undefined) {
      if (continuation.laneId !== laneId) invariant(false, `block ${String(continuation.nextBlock)} of tenant ${String(t)}'s batch belongs on lane ${String(continuation.laneId)}, not ${String(laneId)}`);
      requests = continuation.requests;
      block = continuation.nextBlock++;
      continuation.onLane++;
      // Its last block dispatched: the tenant may take its next batch.
      if (continuation.nextBlock === config.blocks) continuations[t] = undefined;
    } else {
      requests = takeBatch(t, nowMs);
      if (config.blocks > 1) continuations[t] = { requests, nextBlock: 1, onLane: 1, laneId };
    }
    if (policy === 'weighted-fair') systemVirtualMs = Math.max(systemVirtualMs, virtualMs[t] as number);
    ready.remove(t); // round-robin: back of the line
    refresh(t, nowMs);
    return { kind: 'dispatch', tenant: t, requests, laneId, block, blocks: config.blocks };
  }

  /** Tries tenant t for a lane: a dispatch, a wait hint, or undefined. */
  function pickTenant(t: number, nowMs: number, laneId: number): PickResult {
    for (;;) {
      refresh(t, nowMs);
      if (ready.has(t)) {
        if (admit && continuations[t] === undefined && dropHopeless(t, nowMs)) continue;
        return dispatchFrom(t, nowMs, laneId);
      }
      return delayed.has(t) ? { kind: 'wait', untilMs: ms(delayed.keyOf(t)) } : undefined;
    }
  }

  function pickShared(nowMs: number, laneId: number): PickResult {
    while (delayed.size > 0 && delayed.peekKey() <= nowMs) refresh(delayed.peek(), nowMs);
    for (;;) {
      const t = ready.peek();
      if (t < 0) return delayed.size > 0 ? { kind: 'wait', untilMs: ms(delayed.peekKey()) } : undefined;
      if (admit && continuations[t] === undefined && dropHopeless(t, nowMs)) {
        refresh(t, nowMs);
        continue;
      }
      return dispatchFrom(t, nowMs, laneId);
    }
  }

  return {
    enqueue(request, nowMs) {
      const t = request.tenant;
      const spec = tenants[t];
      // Hot path: build the message only on failure.
      if (spec === undefined) invariant(false, `request ${request.id} names tenant ${t}, which does not exist`);
      if (admit && nowMs + (soloMs[t] as number) > request.deadlineMs) {
        drop(request, 'slo-unreachable', nowMs);
        return;
      }
      const queue = queues[t] as RingQueue<SchedRequest>;
      const wasIdle = queue.length === 0 && continuations[t] === undefined;
      let headChanged = false;
      if (queue.length >= spec.queueLimit) {
        if (spec.overflow === 'drop-newest') {
          drop(request, 'queue-full', nowMs);
          return;
        }
        const oldest = queue.shift() as SchedRequest;
        queued--;
        drop(oldest, 'queue-full', nowMs);
        headChanged = true;
      }
      queue.push(request);
      queued++;
      if (wasIdle && policy === 'weighted-fair') virtualMs[t] = Math.max(virtualMs[t] as number, systemVirtualMs);
      // Appending keeps a ready tenant's keys (they depend on its head only).
      if (headChanged || !ready.has(t)) refresh(t, nowMs);
    },

    pick(nowMs, laneId) {
      if (config.laneMode === 'concurrent' && laneId >= n) invariant(false, `concurrent lane ${laneId} has no tenant`);
      return config.laneMode === 'concurrent' ? pickTenant(laneId, nowMs, laneId) : pickShared(nowMs, laneId);
    },

    onComplete(dispatch, serviceMs, nowMs) {
      const t = dispatch.tenant;
      if (policy === 'weighted-fair') virtualMs[t] = (virtualMs[t] as number) + serviceMs / (weights[t] as number);
      const continuation = continuations[t];
      if (continuation?.requests === dispatch.requests) continuation.onLane--;
      if (policy === 'weighted-fair' || dispatch.blocks > 1) refresh(t, nowMs);
    },

    onAbort(dispatch, nowMs) {
      const t = dispatch.tenant;
      if (continuations[t]?.requests === dispatch.requests) continuations[t] = undefined;
      refresh(t, nowMs);
    },

    cancelAll(nowMs) {
      const between: (readonly SchedRequest[])[] = [];
      for (let t = 0; t < n; t++) {
        const queue = queues[t] as RingQueue<SchedRequest>;
        for (let request = queue.shift(); request !== undefined; request = queue.shift()) {
          queued--;
          drop(request, 'stopped', nowMs);
        }
        const continuation = continuations[t];
        if (continuation !== undefined) between.push(continuation.requests);
        continuations[t] = undefined;
        refresh(t, nowMs);
      }
      return between;
    },

    queuedCount(tenant) {
      if (tenant === undefined) return queued;
      return queues[tenant]?.length ?? 0;
    },
  };
}
