// Property tests over many seeds: work conservation, accounting, per-tenant FIFO, EDF and priority order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ms } from '../units';
import { planBatching, type BatchingConfig } from '../batching/batch-plan';
import { createScheduler } from './scheduler';
import type { AdmissionKind, DropReason, PolicyKind, SchedRequest, TenantSchedConfig } from './types';

const POLICIES: PolicyKind[] = ['fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority'];
const estimate = (t: number, b: number): number => 1 + (t % 3) + 0.5 * (b - 1);

const batchingArb: fc.Arbitrary<BatchingConfig> = fc.oneof(
  fc.record({ mode: fc.constant('fixed' as const), maxBatch: fc.integer({ min: 1, max: 4 }), maxQueueDelayMs: fc.constantFrom(0, 1, 3).map(ms) }),
  fc.record({ mode: fc.constant('adaptive' as const), maxBatch: fc.integer({ min: 1, max: 8 }), maxQueueDelayMs: fc.constant(ms(Infinity)) }),
);
const tenantArb: fc.Arbitrary<TenantSchedConfig> = fc.record({
  sloMs: fc.integer({ min: 2, max: 40 }).map(ms),
  weight: fc.integer({ min: 1, max: 5 }),
  priorityRank: fc.integer({ min: 0, max: 1 }),
  queueLimit: fc.constantFrom(2, 5, Infinity),
  overflow: fc.constantFrom('drop-newest' as const, 'drop-oldest' as const),
  batching: batchingArb,
});
const scenarioArb = fc.record({
  policy: fc.constantFrom(...POLICIES),
  admission: fc.constantFrom<AdmissionKind>('none', 'slo-aware'),
  blocks: fc.constantFrom(1, 3),
  tenants: fc.array(tenantArb, { minLength: 1, maxLength: 6 }),
  arrivals: fc.array(fc.record({ tenant: fc.nat(), gapMs: fc.constantFrom(0, 0.3, 1, 2.5) }), { minLength: 1, maxLength: 120 }),
  serviceScale: fc.constantFrom(0.2, 1, 2),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

/**
 * Drives one lane through the scenario with a shadow copy of every queue, and
 * checks each pick against it. Returns how each request ended.
 */
function replay(s: Scenario): Map<number, 'served' | DropReason> {
  const n = s.tenants.length;
  const plans = s.tenants.map((t, i) => planBatching(t.batching, t.sloMs, (b) => ms(estimate(i, b))));
  const shadow: SchedRequest[][] = s.tenants.map(() => []);
  const continuation: (SchedRequest | undefined)[] = new Array<SchedRequest | undefined>(n).fill(undefined);
  const outcome = new Map<number, 'served' | DropReason>();
  const scheduler = createScheduler({
    policy: s.policy,
    admission: s.admission,
    laneMode: 'time-sliced',
    blocks: s.blocks,
    tenants: s.tenants,
    estimateServiceMs: (t, b) => ms(estimate(t, b)),
    onDrop: (r, reason) => {
      const q = shadow[r.tenant] as SchedRequest[];
      const at = q.indexOf(r);
      if (at >= 0) q.splice(at, 1);
      expect(outcome.has(r.id)).toBe(false);
      outcome.set(r.id, reason);
    },
  });
  let t = 0;
  const arrivals: SchedRequest[] = s.arrivals.map((a, id) => {
    t += a.gapMs;
    const tenant = a.tenant % n;
    return { id, tenant, arrivalMs: ms(t), deadlineMs: ms(t + (s.tenants[tenant] as TenantSchedConfig).sloMs) };
  });
  let next = 0;
  let busyUntil = Infinity;
  let startedAt = 0;
  let running: ReturnType<typeof scheduler.pick> = undefined;
  let wakeAt = Infinity;
  for (;;) {
    const nowMs = Math.min(busyUntil, wakeAt, arrivals[next]?.arrivalMs ?? Infinity);
    if (nowMs === Infinity) break;
    if (busyUntil === nowMs && running?.kind === 'dispatch') {
      scheduler.onComplete(running, ms(busyUntil - startedAt), ms(nowMs));
      if (running.block < running.blocks - 1) continuation[running.tenant] = running.requests[0];
      else for (const r of running.requests) outcome.set(r.id, 'served');
      running = undefined;
      busyUntil = Infinity;
    }
    for (let a = arrivals[next]; a !== undefined && a.arrivalMs === nowMs; a = arrivals[++next]) {
      (shadow[a.tenant] as SchedRequest[]).push(a);
      scheduler.enqueue(a, ms(nowMs));
    }
    wakeAt = Infinity;
    if (running !== undefined) continue;
    const pick = scheduler.pick(ms(nowMs), 0);
    // Which tenants could run now, by the shadow: a continuation, a full batch, or an expired delay.
    const readyHeads = new Map<number, SchedRequest>();
    const delayEnds: number[] = [];
    shadow.forEach((q, i) => {
      const head = continuation[i] ?? q[0];
      if (head === undefined) return;
      const plan = plans[i] as (typeof plans)[number];
      if (continuation[i] !== undefined || q.length >= plan.targetBatch || nowMs >= head.arrivalMs + plan.delayMs) readyHeads.set(i, head);
      else delayEnds.push(head.arrivalMs + plan.delayMs);
    });
    if (pick === undefined) {
      expect(readyHeads.size + delayEnds.length).toBe(0); // idle only when nothing waits
      continue;
    }
    if (pick.kind === 'wait') {
      expect(readyHeads.size).toBe(0); // work-conserving: waits only for a batching delay
      expect(pick.untilMs).toBe(Math.min(...delayEnds));
      wakeAt = pick.untilMs;
      continue;
    }
    const head = readyHeads.get(pick.tenant);
    expect(head).toBeDefined();
    expect(pick.requests[0]).toBe(head);
    if (pick.block === 0) {
      // Per-tenant FIFO: the batch is the front of the shadow queue, no larger than planned.
      const q = shadow[pick.tenant] as SchedRequest[];
      expect(pick.requests.length).toBeLessThanOrEqual((plans[pick.tenant] as (typeof plans)[number]).targetBatch);
      expect(pick.requests).toEqual(q.slice(0, pick.requests.length));
      q.splice(0, pick.requests.length);
    } else {
      continuation[pick.tenant] = undefined;
    }
    for (const [other, otherHead] of readyHeads) {
      if (s.policy === 'edf') expect(otherHead.deadlineMs).toBeGreaterThanOrEqual(pick.requests[0]?.deadlineMs ?? 0);
      if (s.policy === 'fcfs') expect(otherHead.arrivalMs).toBeGreaterThanOrEqual(pick.requests[0]?.arrivalMs ?? 0);
      if (s.policy === 'priority') {
        const rank = (i: number): number => (s.tenants[i] as TenantSchedConfig).priorityRank;
        expect(rank(other)).toBeGreaterThanOrEqual(rank(pick.tenant));
        if (rank(other) === rank(pick.tenant)) expect(otherHead.arrivalMs).toBeGreaterThanOrEqual(pick.requests[0]?.arrivalMs ?? 0);
      }
    }
    running = pick;
    startedAt = nowMs;
    busyUntil = nowMs + (estimate(pick.tenant, pick.requests.length) * s.serviceScale) / pick.blocks;
  }
  expect(scheduler.queuedCount()).toBe(0);
  expect(outcome.size).toBe(arrivals.length); // every request accounted for exactly once
  return outcome;
}

describe('scheduler invariants over many seeds', () => {
  it('is work-conserving, FIFO per tenant, orders EDF/FCFS/priority, and accounts for every request', () => {
    fc.assert(fc.property(scenarioArb, (s) => void replay(s)), { numRuns: 400, seed: 20260101 });
  });

  it('drops only through admission (slo-unreachable) or a full queue (queue-full)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const unbounded = { ...s, tenants: s.tenants.map((t) => ({ ...t, queueLimit: Infinity })) };
        const reasons = new Set(replay(unbounded).values());
        if (s.admission === 'none') expect([...reasons]).toEqual(['served']);
        else for (const r of reasons) expect(['served', 'slo-unreachable']).toContain(r);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
