// Tests for the accounting ledger: legal life cycles balance, illegal transitions throw, random sequences never break it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, LedgerViolation } from './ledger';

describe('Ledger', () => {
  it('follows requests through their lives and stays balanced', () => {
    const ledger = new Ledger(2);
    ledger.arrive(0);
    ledger.arrive(0);
    ledger.arrive(1);
    ledger.start(0);
    ledger.drop(0, 'queued', 'queue-full');
    ledger.complete(0);
    ledger.start(1);
    ledger.check();
    expect(ledger.counts(0)).toEqual({
      arrivals: 2,
      completed: 1,
      dropped: 1,
      droppedByReason: { 'queue-full': 1, 'slo-unreachable': 0, 'lane-error': 0, stopped: 0 },
      queued: 0,
      running: 0,
    });
    expect(ledger.total()).toMatchObject({ arrivals: 3, completed: 1, dropped: 1, queued: 0, running: 1 });
  });

  it.each([
    ['starting with nothing queued', (l: Ledger) => l.start(0)],
    ['completing with nothing running', (l: Ledger) => { l.arrive(0); l.complete(0); }],
    ['dropping a running request that is only queued', (l: Ledger) => { l.arrive(0); l.drop(0, 'running', 'lane-error'); }],
    ['an unknown tenant', (l: Ledger) => l.arrive(5)],
  ])('throws a LedgerViolation on %s', (_name, misuse) => {
    expect(() => misuse(new Ledger(1))).toThrow(LedgerViolation);
  });

  it('throws when cross-checked against different real queues', () => {
    const ledger = new Ledger(1);
    ledger.arrive(0);
    ledger.verify(0, { queued: 1, running: 0 });
    expect(() => ledger.verify(0, { queued: 0, running: 1 })).toThrow(/ledger says 1 queued \/ 0 running, observed 0 \/ 1/);
  });

  it('never goes out of balance under random legal event sequences (property)', () => {
    const op = fc.record({ tenant: fc.nat(2), kind: fc.constantFrom('arrive', 'start', 'complete', 'drop-queued', 'drop-running') });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const ledger = new Ledger(3);
        // A model of the true state, to apply only legal transitions and compare.
        const model = [0, 1, 2].map(() => ({ queued: 0, running: 0 }));
        for (const { tenant, kind } of ops) {
          const m = model[tenant];
          if (m === undefined) throw new Error('bad tenant');
          if (kind === 'arrive') { ledger.arrive(tenant); m.queued++; }
          else if (kind === 'start' && m.queued > 0) { ledger.start(tenant); m.queued--; m.running++; }
          else if (kind === 'complete' && m.running > 0) { ledger.complete(tenant); m.running--; }
          else if (kind === 'drop-queued' && m.queued > 0) { ledger.drop(tenant, 'queued', 'queue-full'); m.queued--; }
          else if (kind === 'drop-running' && m.running > 0) { ledger.drop(tenant, 'running', 'lane-error'); m.running--; }
          ledger.check();
          ledger.verify(tenant, m);
        }
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('rejects every illegal transition in a random sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('arrive', 'start', 'complete'), { maxLength: 100 }), (ops) => {
        const ledger = new Ledger(1);
        let queued = 0;
        let running = 0;
        for (const kind of ops) {
          if (kind === 'arrive') { ledger.arrive(0); queued++; }
          else if (kind === 'start') {
            if (queued === 0) { expect(() => ledger.start(0)).toThrow(LedgerViolation); continue; }
            ledger.start(0); queued--; running++;
          } else {
            if (running === 0) { expect(() => ledger.complete(0)).toThrow(LedgerViolation); continue; }
            ledger.complete(0); running--;
          }
        }
        ledger.check();
      }),
      { seed: 4, numRuns: 200 },
    );
  });
});
