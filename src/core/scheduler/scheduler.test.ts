// Unit tests of the scheduler: each policy's order, batching, overflow, admission, layer blocks.
import { describe, expect, it } from 'vitest';
import { ms, type Ms } from '../units';
import type { BatchingConfig } from '../batching/batch-plan';
import { createScheduler } from './scheduler';
import type { Dispatch, DropReason, PickResult, PolicyKind, SchedRequest, SchedulerOptions, TenantSchedConfig } from './types';

const tenant = (over: Partial<TenantSchedConfig> = {}): TenantSchedConfig => ({
  sloMs: ms(100),
  weight: 1,
  priorityRank: 1,
  queueLimit: Infinity,
  overflow: 'drop-newest',
  batching: { mode: 'fixed', maxBatch: 1, maxQueueDelayMs: ms(0) },
  ...over,
});

function setup(over: Partial<SchedulerOptions> & { tenants: TenantSchedConfig[] }) {
  const drops: { id: number; reason: DropReason }[] = [];
  const scheduler = createScheduler({
    policy: 'fcfs',
    admission: 'none',
    laneMode: 'time-sliced',
    blocks: 1,
    estimateServiceMs: (_t, b) => ms(b),
    onDrop: (r, reason) => drops.push({ id: r.id, reason }),
    ...over,
  });
  let nextId = 0;
  const add = (t: number, atMs: number): SchedRequest => {
    const spec = over.tenants[t] as TenantSchedConfig;
    const r = { id: nextId++, tenant: t, arrivalMs: ms(atMs), deadlineMs: ms(atMs + spec.sloMs) };
    scheduler.enqueue(r, ms(atMs));
    return r;
  };
  return { scheduler, drops, add };
}

const asDispatch = (p: PickResult): Dispatch => {
  if (p?.kind !== 'dispatch') throw new Error(`expected a dispatch, got ${JSON.stringify(p)}`);
  return p;
};
/** Picks and completes one slice at a time; returns the tenants served in order. */
function drain(s: ReturnType<typeof setup>['scheduler'], nowMs: Ms, serviceMs = ms(1)): number[] {
  const order: number[] = [];
  for (let p = s.pick(nowMs, 0); p?.kind === 'dispatch'; p = s.pick(nowMs, 0)) {
    order.push(p.tenant);
    s.onComplete(p, serviceMs, nowMs);
  }
  return order;
}

describe('policy order when every tenant has work', () => {
  // Tenant 0 arrives last but has the tightest SLO and the real-time rank.
  it.each<[PolicyKind, number[]]>([
    ['fcfs', [1, 2, 0, 1, 2, 0]],
    ['edf', [0, 0, 1, 1, 2, 2]],
    ['priority', [0, 0, 1, 2, 1, 2]],
    ['round-robin', [1, 2, 0, 1, 2, 0]],
  ])('%s serves tenants in the order %j', (policy, expected) => {
    const tenants = [tenant({ sloMs: ms(5), priorityRank: 0 }), tenant({ sloMs: ms(50) }), tenant({ sloMs: ms(60) })];
    const { scheduler, add } = setup({ policy, tenants });
    add(1, 0); add(2, 1); add(0, 2); add(1, 3); add(2, 4); add(0, 5);
    expect(drain(scheduler, ms(10))).toEqual(expected);
  });

  it('wfq gives a weight-3 tenant three slices for each of a weight-1 tenant', () => {
    const { scheduler, add } = setup({ policy: 'weighted-fair', tenants: [tenant({ weight: 3 }), tenant({ weight: 1 })] });
    for (let i = 0; i < 8; i++) { add(0, 0); add(1, 0); }
    expect(drain(scheduler, ms(1)).slice(0, 8)).toEqual([0, 1, 0, 0, 0, 1, 0, 0]);
  });

  it('wfq does not let a tenant bank credit while idle', () => {
    const { scheduler, add } = setup({ policy: 'weighted-fair', tenants: [tenant(), tenant()] });
    for (let i = 0; i < 5; i++) add(0, 0);
    expect(drain(scheduler, ms(0))).toEqual([0, 0, 0, 0, 0]);
    add(1, 1); add(1, 1); add(0, 1); add(0, 1);
    expect(drain(scheduler, ms(1))).toEqual([1, 0, 1, 0]); // banking would give [1, 1, 0, 0]
  });
});

describe('batching', () => {
  const batching: BatchingConfig = { mode: 'fixed', maxBatch: 4, maxQueueDelayMs: ms(10) };

  it('waits for a full batch until the oldest request has waited maxQueueDelayMs', () => {
    const { scheduler, add } = setup({ tenants: [tenant({ batching })] });
    add(0, 0); add(0, 2);
    expect(scheduler.pick(ms(3), 0)).toEqual({ kind: 'wait', untilMs: 10 });
    expect(asDispatch(scheduler.pick(ms(10), 0)).requests.map((r) => r.id)).toEqual([0, 1]);
  });

  it('dispatches at once when maxBatch requests wait, and never more than maxBatch', () => {
    const { scheduler, add } = setup({ tenants: [tenant({ batching })] });
    for (let i = 0; i < 6; i++) add(0, 1);
    expect(asDispatch(scheduler.pick(ms(1), 0)).requests).toHaveLength(4);
    expect(scheduler.queuedCount(0)).toBe(2);
  });

  it('adaptive mode sizes the batch to SLO/2 and dispatches when it is full', () => {
    // estimate(b) = b + 2 ms, SLO 16 ms: largest batch with b + 2 <= 8 is 6; the wait budget is 8 - 8 = 0.
    const adaptive: BatchingConfig = { mode: 'adaptive', maxBatch: 32, maxQueueDelayMs: ms(100) };
    const { scheduler, add } = setup({ estimateServiceMs: (_t, b) => ms(b + 2), tenants: [tenant({ sloMs: ms(16), batching: adaptive })] });
    for (let i = 0; i < 8; i++) add(0, 0);
    expect(asDispatch(scheduler.pick(ms(0), 0)).requests).toHaveLength(6);
  });

  it('adaptive mode waits at most SLO/2 minus the batch service time', () => {
    // estimate(b) = b ms, maxBatch 4, SLO 12 ms: batch 4, wait budget 6 - 4 = 2 ms.
    const adaptive: BatchingConfig = { mode: 'adaptive', maxBatch: 4, maxQueueDelayMs: ms(100) };
    const { scheduler, add } = setup({ tenants: [tenant({ sloMs: ms(12), batching: adaptive })] });
    add(0, 0); add(0, 0); add(0, 0);
    expect(scheduler.pick(ms(1), 0)).toEqual({ kind: 'wait', untilMs: 2 });
    add(0, 1);
    expect(asDispatch(scheduler.pick(ms(1), 0)).requests).toHaveLength(4);
  });

  it('answers undefined when nothing is queued', () => {
    const { scheduler } = setup({ tenants: [tenant()] });
    expect(scheduler.pick(ms(0), 0)).toBeUndefined();
  });
});

describe('overflow and admission', () => {
  it.each<['drop-newest' | 'drop-oldest', number[], number[]]>([
    ['drop-newest', [0, 1], [2, 3]],
    ['drop-oldest', [2, 3], [0, 1]],
  ])('%s keeps %j and drops %j with reason queue-full', (overflow, kept, dropped) => {
    const { scheduler, add, drops } = setup({ tenants: [tenant({ queueLimit: 2, overflow })] });
    for (let i = 0; i < 4; i++) add(0, i);
    expect(drops).toEqual(dropped.map((id) => ({ id, reason: 'queue-full' })));
    expect(drain(scheduler, ms(5)).length).toBe(2);
    expect(drops.length + kept.length).toBe(4);
  });

  it('slo-aware admission drops requests that can no longer meet their SLO', () => {
    const { scheduler, add, drops } = setup({ admission: 'slo-aware', tenants: [tenant({ sloMs: ms(3) })] });
    add(0, 0); add(0, 0); add(0, 0); add(0, 0);
    // Each takes 1 ms: 0 finishes at 1, 1 at 2, 2 at 3; 3 could only finish at 4 > 3.
    let nowMs = 0;
    for (let p = scheduler.pick(ms(nowMs), 0); p?.kind === 'dispatch'; p = scheduler.pick(ms(nowMs), 0)) {
      nowMs += 1;
      scheduler.onComplete(p, ms(1), ms(nowMs));
    }
    expect(nowMs).toBe(3);
    expect(drops).toEqual([{ id: 3, reason: 'slo-unreachable' }]);
  });

  it('slo-aware admission refuses at arrival a request slower than its SLO alone', () => {
    const { add, drops } = setup({ admission: 'slo-aware', estimateServiceMs: () => ms(9), tenants: [tenant({ sloMs: ms(5) })] });
    add(0, 0);
    expect(drops).toEqual([{ id: 0, reason: 'slo-unreachable' }]);
  });
});

describe('layer blocks', () => {
  it('a real-time tenant waits at most one block of a best-effort batch', () => {
    const tenants = [tenant({ priorityRank: 0 }), tenant({ priorityRank: 1 })];
    const { scheduler, add } = setup({ policy: 'priority', blocks: 4, tenants });
    add(1, 0);
    const first = asDispatch(scheduler.pick(ms(0), 0));
    expect([first.tenant, first.block]).toEqual([1, 0]);
    add(0, 0.5);
    scheduler.onComplete(first, ms(1), ms(1));
    const rt = [asDispatch(scheduler.pick(ms(1), 0))];
    scheduler.onComplete(rt[0] as Dispatch, ms(1), ms(2));
    expect(rt.map((d) => [d.tenant, d.block])).toEqual([[0, 0]]);
    const rest: [number, number][] = [];
    for (let p = scheduler.pick(ms(2), 0); p?.kind === 'dispatch'; p = scheduler.pick(ms(2), 0)) {
      rest.push([p.tenant, p.block]);
      scheduler.onComplete(p, ms(1), ms(2));
    }
    expect(rest).toEqual([[0, 1], [0, 2], [0, 3], [1, 1], [1, 2], [1, 3]]);
  });

  it('a batch aborted between blocks is given up: no later block, and the tenant takes its next batch', () => {
    const { scheduler, add } = setup({ blocks: 3, tenants: [tenant()] });
    add(0, 0);
    add(0, 0);
    const first = asDispatch(scheduler.pick(ms(0), 0));
    scheduler.onComplete(first, ms(1), ms(1));
    const second = asDispatch(scheduler.pick(ms(1), 0));
    expect([second.block, second.requests[0]?.id]).toEqual([1, 0]);
    expect(scheduler.pick(ms(1), 0)).toBeUndefined(); // one block of a tenant at a time
    scheduler.onAbort(second, ms(2));
    const next = asDispatch(scheduler.pick(ms(2), 0));
    expect([next.block, next.requests[0]?.id]).toEqual([0, 1]);
    scheduler.onAbort(next, ms(3));
    expect(scheduler.pick(ms(3), 0)).toBeUndefined();
    expect(scheduler.queuedCount()).toBe(0);
  });
});

describe('layer blocks committed ahead (dispatch depth >= 2)', () => {
  it('picks a batch\'s next block while its previous block is still on the lane, in block order, then the next batch', () => {
    const { scheduler, add } = setup({ blocks: 3, commitAhead: true, tenants: [tenant()] });
    add(0, 0);
    add(0, 0);
    const picked = [0, 1, 2, 3].map(() => asDispatch(scheduler.pick(ms(0), 0)));
    expect(picked.map((d) => [d.block, d.requests[0]?.id])).toEqual([[0, 0], [1, 0], [2, 0], [0, 1]]);
    // Every block of one batch travels with the same array (the lane's carry key).
    expect(new Set(picked.slice(0, 3).map((d) => d.requests)).size).toBe(1);
  });

  it('keeps the policy\'s order: an urgent tenant still goes before the next block of a best-effort batch', () => {
    const tenants = [tenant({ priorityRank: 0 }), tenant({ priorityRank: 1 })];
    const { scheduler, add } = setup({ policy: 'priority', blocks: 4, commitAhead: true, tenants });
    add(1, 0);
    const first = asDispatch(scheduler.pick(ms(0), 0));
    expect([first.tenant, first.block]).toEqual([1, 0]);
    add(0, 0.5);
    const rest: [number, number][] = [];
    for (let p = scheduler.pick(ms(0.5), 0); p?.kind === 'dispatch'; p = scheduler.pick(ms(0.5), 0)) rest.push([p.tenant, p.block]);
    expect(rest).toEqual([[0, 0], [0, 1], [0, 2], [0, 3], [1, 1], [1, 2], [1, 3]]);
  });

  it('a failed block gives its batch up even with its next block committed; the tenant takes its next batch', () => {
    const { scheduler, add } = setup({ blocks: 4, commitAhead: true, tenants: [tenant()] });
    add(0, 0);
    add(0, 0);
    const b0 = asDispatch(scheduler.pick(ms(0), 0));
    asDispatch(scheduler.pick(ms(0), 0)); // block 1, committed behind block 0
    scheduler.onAbort(b0, ms(1));
    const next = asDispatch(scheduler.pick(ms(1), 0));
    expect([next.block, next.requests[0]?.id]).toEqual([0, 1]);
  });

  it('cancelAll hands back a batch whose next block is committed but whose later blocks are not', () => {
    const { scheduler, add } = setup({ blocks: 4, commitAhead: true, tenants: [tenant()] });
    add(0, 0);
    add(0, 0);
    asDispatch(scheduler.pick(ms(0), 0));
    const b1 = asDispatch(scheduler.pick(ms(0), 0));
    const between = scheduler.cancelAll(ms(1));
    expect(between).toEqual([b1.requests]);
    expect(scheduler.pick(ms(1), 0)).toBeUndefined();
    // Ends of the blocks on the lane change nothing after that.
    scheduler.onComplete(b1, ms(1), ms(2));
    expect(scheduler.pick(ms(2), 0)).toBeUndefined();
  });

  it('without commitAhead (depth 1), one block of a tenant at a time', () => {
    const { scheduler, add } = setup({ blocks: 3, tenants: [tenant()] });
    add(0, 0);
    add(0, 0);
    const b0 = asDispatch(scheduler.pick(ms(0), 0));
    expect(scheduler.pick(ms(0), 0)).toBeUndefined();
    scheduler.onComplete(b0, ms(1), ms(1));
    expect(asDispatch(scheduler.pick(ms(1), 0)).block).toBe(1);
  });
});

describe('concurrent lanes', () => {
  it('lane i serves only tenant i', () => {
    const { scheduler, add } = setup({ laneMode: 'concurrent', tenants: [tenant(), tenant()] });
    add(1, 0);
    expect(scheduler.pick(ms(0), 0)).toBeUndefined();
    expect(asDispatch(scheduler.pick(ms(0), 1)).tenant).toBe(1);
  });
});

describe('cancelAll (Stop)', () => {
  it.each([1, 3])('with %d block(s): drops every queued request as stopped, hands back the batch between blocks, then has nothing to pick', (blocks) => {
    const { scheduler, drops, add } = setup({ tenants: [tenant(), tenant()], blocks });
    for (let i = 0; i < 3; i++) add(0, i);
    add(1, 1);
    const first = asDispatch(scheduler.pick(ms(5), 0));
    scheduler.onComplete(first, ms(1), ms(6));
    const between = scheduler.cancelAll(ms(7));
    expect(between.map((b) => b.map((r) => r.id))).toEqual(blocks > 1 ? [[first.requests[0]?.id]] : []);
    expect(drops.map((d) => d.reason)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(drops.map((d) => d.id).sort()).toEqual([1, 2, 3]);
    expect(scheduler.queuedCount()).toBe(0);
    expect(scheduler.pick(ms(8), 0)).toBeUndefined();
  });
});
