// Property: any interleaving of replies, timeouts, cancels and a crash settles every call exactly once, as a simple model predicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeEndpoint, FakeTimers } from './fake-endpoint.test-support';
import { RpcClient, rpcStep } from './rpc-client';

type Req = { readonly id: number };
type Reply = { readonly id: number; readonly kind: 'tick' | 'done' | 'failed'; readonly value: number };

type Op =
  | { readonly op: 'open'; readonly timeoutMs: number | null; readonly close: boolean }
  | { readonly op: 'reply'; readonly call: number; readonly kind: Reply['kind']; readonly value: number }
  | { readonly op: 'advance'; readonly ms: number }
  | { readonly op: 'cancel'; readonly call: number }
  | { readonly op: 'crash' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('open' as const), timeoutMs: fc.option(fc.integer({ min: 1, max: 50 })), close: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('reply' as const), call: fc.nat(20), kind: fc.constantFrom('tick' as const, 'done' as const, 'failed' as const), value: fc.nat(100) }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 30 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('cancel' as const), call: fc.nat(20) }), weight: 1 },
  { arbitrary: fc.constant({ op: 'crash' as const }), weight: 1 },
);

type Outcome = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

interface ModelCall {
  outcome: Outcome | null;
  readonly dueMs: number | null;
  readonly timeoutMs: number | null;
  readonly close: boolean;
  ticks: number;
}

describe('RpcClient (property)', () => {
  it('never leaves a call pending after a crash, never settles one twice, never streams to a settled call', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 60 }), async (ops) => {
        const endpoint = new FakeEndpoint<Req, Reply>();
        const timers = new FakeTimers();
        const client = new RpcClient<Req, Reply>(endpoint, { name: 'w', stamp: (b) => b, idOf: (r) => r.id, timers });
        const model: ModelCall[] = [];
        const seen: { settles: number; ticks: number; outcome: Outcome | null }[] = [];
        let failure: string | null = null;
        let nowMs = 0;
        const failAll = (message: string): void => {
          failure ??= message;
          for (const call of model) call.outcome ??= { ok: false, message: failure };
        };
        for (const op of ops) {
          switch (op.op) {
            case 'open': {
              const index = model.length;
              model.push({ outcome: failure === null ? null : { ok: false, message: failure }, dueMs: op.timeoutMs === null ? null : nowMs + op.timeoutMs, timeoutMs: op.timeoutMs, close: op.close, ticks: 0 });
              const record = { settles: 0, ticks: 0, outcome: null as Outcome | null };
              seen.push(record);
              const settle = (outcome: Outcome): void => {
                record.settles++;
                record.outcome = outcome;
              };
              client
                .call({ id: 0 }, (reply) => {
                  if (reply.kind === 'tick') record.ticks++;
                  return reply.kind === 'done' ? rpcStep.done(reply.value) : reply.kind === 'failed' ? rpcStep.failed(`failed ${String(reply.value)}`) : rpcStep.progress;
                }, { label: `c${String(index)}`, ...(op.timeoutMs === null ? {} : { timeoutMs: op.timeoutMs, onTimeout: op.close ? 'close' : 'reject' }) })
                .then((value) => settle({ ok: true, value }), (error: Error) => settle({ ok: false, message: error.message }));
              break;
            }
            case 'reply': {
              const call = model[op.call % Math.max(1, model.length)];
              endpoint.reply({ id: (op.call % Math.max(1, model.length)) + 1, kind: op.kind, value: op.value });
              if (call === undefined || call.outcome !== null || failure !== null) break;
              if (op.kind === 'tick') call.ticks++;
              else call.outcome = op.kind === 'done' ? { ok: true, value: op.value } : { ok: false, message: `failed ${String(op.value)}` };
              break;
            }
            case 'advance': {
              nowMs += op.ms;
              timers.advance(op.ms);
              const due = model.map((call, i) => ({ call, i })).filter(({ call }) => call.outcome === null && call.dueMs !== null && call.dueMs <= nowMs);
              due.sort((a, b) => (a.call.dueMs ?? 0) - (b.call.dueMs ?? 0) || a.i - b.i);
              for (const { call, i } of due) {
                if (call.outcome !== null) continue; // an earlier 'close' timeout failed it
                const text = `'c${String(i)}' got no answer within ${String(call.timeoutMs)} ms`;
                if (call.close) failAll(`${text}; w was stopped`);
                else call.outcome = { ok: false, message: text };
              }
              break;
            }
            case 'cancel': {
              const index = op.call % Math.max(1, model.length);
              client.cancel(index + 1, new Error('cancelled'));
              const call = model[index];
              if (call !== undefined && call.outcome === null) call.outcome = { ok: false, message: 'cancelled' };
              break;
            }
            case 'crash':
              endpoint.crash('boom');
              failAll('w crashed: boom');
              break;
          }
        }
        endpoint.crash('final');
        failAll('w crashed: final');
        await new Promise<void>((resolve) => queueMicrotask(resolve));
        await Promise.resolve();
        expect(client.openCalls).toBe(0);
        expect(timers.count).toBe(0);
        model.forEach((call, i) => {
          const record = seen[i];
          expect(record?.settles).toBe(1);
          expect(record?.outcome).toEqual(call.outcome);
          expect(record?.ticks).toBe(call.ticks);
        });
      }),
      { seed: 20_261_202, numRuns: 300 },
    );
  });
});
