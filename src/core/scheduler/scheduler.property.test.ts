// Property tests over many seeds: work conservation, accounting, per-tenant FIFO, EDF and priority order, layer blocks in
// order (committed ahead at dispatch depth >= 2).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ms } from '../units';
import { planBatching, type BatchingConfig } from '../batching/batch-plan';
import { createScheduler } from './scheduler';
import type { AdmissionKind, Dispatch, DropReason, PolicyKind, SchedRequest, TenantSchedConfig } from './types';

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
  /** Slices committed to the lane at once (>= 2: a batch's next block may follow the one on the lane). */
  depth: fc.constantFrom(1, 1, 2, 3),
  tenants: fc.array(tenantArb, { minLength: 1, maxLength: 6 }),
  arrivals: fc.array(fc.record({ tenant: fc.nat(), gapMs: fc.constantFrom(0, 0.3, 1, 2.5) }), { minLength: 1, maxLength: 120 }),
  serviceScale: fc.constantFrom(0.2, 1, 2),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

/** The shadow of a layer-blocked batch with blocks still to dispatch. */
interface ShadowBatch {
  readonly head: SchedRequest;
  nextBlock: number;
  onLane: number;
}

/**
 * Drives one lane (up to `depth` slices committed, run in order) through the scenario with a shadow
 * copy of every queue and batch between blocks, and checks each pick against it: blocks of a batch in
 * order, the next block picked while the last is on the lane only at depth >= 2. Returns how each request ended.
 */
function replay(s: Scenario): Map<number, 'served' | DropReason> {
  const n = s.tenants.length;
  const plans = s.tenants.map((t, i) => planBatching(t.batching, t.sloMs, (b) => ms(estimate(i, b))));
  const shadow: SchedRequest[][] = s.tenants.map(() => []);
  const continuation: (ShadowBatch | undefined)[] = new Array<ShadowBatch | undefined>(n).fill(undefined);
  const outcome = new Map<number, 'served' | DropReason>();
  const scheduler = createScheduler({
    policy: s.policy,
    admission: s.admission,
    laneMode: 'time-sliced',
    blocks: s.blocks,
    commitAhead: s.depth >= 2,
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
  const lane: Dispatch[] = [];
  let wakeAt = Infinity;
  const runHead = (nowMs: number): void => {
    const head = lane[0];
    startedAt = nowMs;
    busyUntil = head === undefined ? Infinity : nowMs + (estimate(head.tenant, head.requests.length) * s.serviceScale) / head.blocks;
  };
  for (;;) {
    const nowMs = Math.min(busyUntil, wakeAt, arrivals[next]?.arrivalMs ?? Infinity);
    if (nowMs === Infinity) break;
    const ended = busyUntil === nowMs ? lane.shift() : undefined;
    if (ended !== undefined) {
      scheduler.onComplete(ended, ms(busyUntil - startedAt), ms(nowMs));
      const batch = continuation[ended.tenant];
      if (batch !== undefined && batch.head === ended.requests[0]) batch.onLane--;
      if (ended.block === ended.blocks - 1) for (const r of ended.requests) outcome.set(r.id, 'served');
      runHead(nowMs);
    }
    for (let a = arrivals[next]; a !== undefined && a.arrivalMs === nowMs; a = arrivals[++next]) {
      (shadow[a.tenant] as SchedRequest[]).push(a);
      scheduler.enqueue(a, ms(nowMs));
    }
    wakeAt = Infinity;
    while (lane.length < s.depth) {
      const pick = scheduler.pick(ms(nowMs), 0);
      // Which tenants could run now, by the shadow: a batch's next block (at depth 1 only once its last
      // block ended), a full batch, or an expired delay.
      const readyHeads = new Map<number, SchedRequest>();
      const delayEnds: number[] = [];
      shadow.forEach((q, i) => {
        const batch = continuation[i];
        if (batch !== undefined) {
          if (s.depth >= 2 || batch.onLane === 0) readyHeads.set(i, batch.head);
          return;
        }
        const head = q[0];
        if (head === undefined) return;
        const plan = plans[i] as (typeof plans)[number];
        if (q.length >= plan.targetBatch || nowMs >= head.arrivalMs + plan.delayMs) readyHeads.set(i, head);
        else delayEnds.push(head.arrivalMs + plan.delayMs);
      });
      if (pick === undefined) {
        expect(readyHeads.size + delayEnds.length).toBe(0); // idle only when nothing waits
        break;
      }
      if (pick.kind === 'wait') {
        expect(readyHeads.size).toBe(0); // work-conserving: waits only for a batching delay
        expect(pick.untilMs).toBe(Math.min(...delayEnds));
        wakeAt = pick.untilMs;
        break;
      }
      const head = readyHeads.get(pick.tenant);
      expect(head).toBeDefined();
      expect(pick.requests[0]).toBe(head);
      const batch = continuation[pick.tenant];
      if (pick.block === 0) {
        // Per-tenant FIFO: the batch is the front of the shadow queue, no larger than planned.
        const q = shadow[pick.tenant] as SchedRequest[];
        expect(pick.requests.length).toBeLessThanOrEqual((plans[pick.tenant] as (typeof plans)[number]).targetBatch);
        expect(pick.requests).toEqual(q.slice(0, pick.requests.length));
        q.splice(0, pick.requests.length);
        if (pick.blocks > 1) continuation[pick.tenant] = { head: pick.requests[0] as SchedRequest, nextBlock: 1, onLane: 1 };
      } else {
        // A batch's blocks in order, each once.
        expect(pick.block).toBe(batch?.nextBlock);
        if (batch !== undefined) {
          batch.nextBlock++;
          batch.onLane++;
          if (batch.nextBlock === pick.blocks) continuation[pick.tenant] = undefined;
        }
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
      lane.push(pick);
      if (lane.length === 1) runHead(nowMs);
    }
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
