import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestSequencer, RING_YIELD_EVERY_MS } from './request-sequencer';

interface Req {
  readonly id: number;
}

/** A sequencer whose ring holds the ids in `ring`, recording what it ran and how. */
function rig(ring: Set<number>, clock = { ms: 0 }, serviceMs = 0) {
  const ran: number[] = [];
  const sequencer = new RequestSequencer<Req>({
    handle: async (r) => {
      await Promise.resolve();
      clock.ms += serviceMs;
      ran.push(r.id);
    },
    fromRing: (id) => (ring.has(id) ? { id } : null),
    nowMs: () => clock.ms,
  });
  return { sequencer, ran };
}

describe('RequestSequencer', () => {
  it('runs messages one at a time in id order when there is no ring', async () => {
    const { sequencer, ran } = rig(new Set());
    const done = [1, 2, 3].map((id) => sequencer.receive({ id }));
    await Promise.all(done);
    expect(ran).toEqual([1, 2, 3]);
    expect(sequencer.ringRuns).toBe(0);
  });

  it('takes the next request from the ring without waiting for its message, and skips that message', async () => {
    const { sequencer, ran } = rig(new Set([2, 3]));
    await sequencer.receive({ id: 1 });
    expect(ran).toEqual([1, 2, 3]);
    expect(sequencer.ringRuns).toBe(2);
    await sequencer.receive({ id: 2 });
    await sequencer.receive({ id: 3 });
    expect(ran).toEqual([1, 2, 3]);
    await sequencer.receive({ id: 4 });
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it('never jumps over an id the ring lacks (a request that only came by message, or was never sent)', async () => {
    const { sequencer, ran } = rig(new Set([3, 4]));
    await sequencer.receive({ id: 1 });
    expect(ran).toEqual([1]);
    await sequencer.receive({ id: 2 });
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it(`goes back to its messages after ${String(RING_YIELD_EVERY_MS)} ms of requests from the ring`, async () => {
    const clock = { ms: 0 };
    const { sequencer, ran } = rig(new Set([2, 3, 4, 5, 6, 7, 8]), clock, 4);
    await sequencer.receive({ id: 1 });
    // 1 (4 ms), 2 (8 ms), 3 (12 ms): then it stops taking from the ring.
    expect(ran).toEqual([1, 2, 3]);
    await sequencer.receive({ id: 4 });
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('runs every request sent exactly once, in id order, whatever the order of messages, ring writes and runs', async () => {
    let fromRing = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.record({ sent: fc.boolean(), inRing: fc.boolean() }), { minLength: 1, maxLength: 25 }), async (s, plan) => {
        const ring = new Set<number>();
        const ran: number[] = [];
        const sequencer = new RequestSequencer<Req>({
          handle: (r) => s.schedule(Promise.resolve()).then(() => void ran.push(r.id)),
          fromRing: (id) => (ring.has(id) ? { id } : null),
          nowMs: () => 0,
        });
        const sent = plan.flatMap((p, i) => (p.sent ? [i + 1] : []));
        // Messages arrive in id order; ring writes land at any moment (before or after their message).
        s.scheduleSequence(sent.map((id) => () => Promise.resolve(void sequencer.receive({ id }))));
        for (const [i, p] of plan.entries()) {
          if (p.sent && p.inRing) void s.schedule(Promise.resolve(i + 1)).then((id) => ring.add(id));
        }
        // A run schedules the next step only once the previous one resolved: wait until nothing is left.
        do {
          await s.waitAll();
          await new Promise((resolve) => setTimeout(resolve, 0));
        } while (s.count() > 0);
        expect(ran).toEqual(sent);
        fromRing += sequencer.ringRuns;
      }),
      { numRuns: 300, seed: 20_261_202 },
    );
    // The property saw the shortcut taken, not only the messages.
    expect(fromRing).toBeGreaterThan(100);
  });
});
