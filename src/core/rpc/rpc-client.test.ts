// The RPC client with a fake endpoint: pairing, streaming, worker errors, crash fails all, timeouts, late replies of another run ignored.
import { describe, expect, it } from 'vitest';
import { FakeEndpoint, FakeTimers } from './fake-endpoint.test-support';
import { RpcClient, rpcStep, type RpcStep } from './rpc-client';

type Body = { readonly type: 'ask' | 'run' };
type Req = Body & { readonly id: number };
type Reply =
  | { readonly id: number; readonly kind: 'tick'; readonly value: number }
  | { readonly id: number; readonly kind: 'done'; readonly value: number }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string }
  | { readonly id: 0; readonly kind: 'lost' };

const answer = (reply: Reply): RpcStep<number> => {
  if (reply.kind === 'done') return rpcStep.done(reply.value);
  if (reply.kind === 'failed') return rpcStep.failed(reply.message);
  return rpcStep.progress;
};

function setup(onUnsolicited?: (reply: Reply) => void) {
  const endpoint = new FakeEndpoint<Req, Reply>();
  const timers = new FakeTimers();
  const strays: Reply[] = [];
  const client = new RpcClient<Req, Reply, Body>(endpoint, {
    name: 'the test worker',
    stamp: (body, id) => ({ ...body, id }),
    idOf: (reply) => (reply.kind === 'lost' ? null : reply.id),
    onUnsolicited,
    onStray: (reply) => strays.push(reply),
    timers,
  });
  return { endpoint, timers, client, strays };
}

describe('RpcClient', () => {
  it('stamps each request with a fresh id and pairs replies by id, in any order', async () => {
    const { endpoint, client } = setup();
    const first = client.call({ type: 'ask' }, answer);
    const second = client.call({ type: 'ask' }, answer);
    expect(endpoint.posted).toEqual([{ type: 'ask', id: 1 }, { type: 'ask', id: 2 }]);
    endpoint.reply({ id: 2, kind: 'done', value: 20 });
    endpoint.reply({ id: 1, kind: 'done', value: 10 });
    await expect(first).resolves.toBe(10);
    await expect(second).resolves.toBe(20);
    expect(client.openCalls).toBe(0);
  });

  it('streams progress to the call until its final reply', async () => {
    const { endpoint, client } = setup();
    const ticks: number[] = [];
    const running = client.call({ type: 'run' }, (reply) => {
      if (reply.kind === 'tick') ticks.push(reply.value);
      return answer(reply);
    });
    for (const value of [1, 2, 3]) endpoint.reply({ id: 1, kind: 'tick', value });
    endpoint.reply({ id: 1, kind: 'done', value: 6 });
    endpoint.reply({ id: 1, kind: 'tick', value: 4 });
    await expect(running).resolves.toBe(6);
    expect(ticks).toEqual([1, 2, 3]);
  });

  it('a failed reply rejects that call only; the worker goes on', async () => {
    const { endpoint, client } = setup();
    const failing = client.call({ type: 'ask' }, answer);
    const other = client.call({ type: 'ask' }, answer);
    endpoint.reply({ id: 1, kind: 'failed', message: 'no such session' });
    await expect(failing).rejects.toThrow('no such session');
    endpoint.reply({ id: 2, kind: 'done', value: 2 });
    await expect(other).resolves.toBe(2);
    expect(client.failure).toBeNull();
  });

  it.each([
    ['an error event', (e: FakeEndpoint<Req, Reply>) => e.crash('out of memory'), 'the test worker crashed: out of memory'],
    ['an error event without a message', (e: FakeEndpoint<Req, Reply>) => e.crash(''), 'the test worker crashed: no message'],
    ['a messageerror event', (e: FakeEndpoint<Req, Reply>) => e.unreadable(), 'the test worker sent a message that could not be read'],
  ])('%s fails every pending call with the worker error, and later calls at once', async (_name, crash, message) => {
    const { endpoint, client, timers } = setup();
    const pending = [client.call({ type: 'run' }, answer), client.call({ type: 'ask' }, answer, { timeoutMs: 1000 })];
    crash(endpoint);
    for (const call of pending) await expect(call).rejects.toThrow(message);
    expect(endpoint.terminated).toBe(true);
    expect(endpoint.listenerCount()).toBe(0);
    expect(timers.count).toBe(0);
    await expect(client.call({ type: 'ask' }, answer)).rejects.toThrow(message);
    expect(endpoint.posted).toHaveLength(2);
  });

  it('close (a terminated worker) fails all with its reason; the first reason stays', async () => {
    const { endpoint, client } = setup();
    const pending = client.call({ type: 'run' }, answer);
    client.close(new Error('the lane was disposed'));
    client.close(new Error('second reason'));
    await expect(pending).rejects.toThrow('the lane was disposed');
    await expect(client.call({ type: 'ask' }, answer)).rejects.toThrow('the lane was disposed');
    client.post({ type: 'ask', id: 99 });
    expect(endpoint.posted).toHaveLength(1);
  });

  it("a timeout rejects with the call's name and time; 'reject' leaves the worker and other calls alone", async () => {
    const { endpoint, client, timers } = setup();
    const slow = client.call({ type: 'ask' }, answer, { label: 'memory', timeoutMs: 10_000 });
    const other = client.call({ type: 'run' }, answer);
    timers.advance(9_999);
    endpoint.reply({ id: 2, kind: 'tick', value: 1 });
    timers.advance(1);
    await expect(slow).rejects.toThrow("'memory' got no answer within 10000 ms");
    endpoint.reply({ id: 1, kind: 'done', value: 1 });
    endpoint.reply({ id: 2, kind: 'done', value: 2 });
    await expect(other).resolves.toBe(2);
    expect(endpoint.terminated).toBe(false);
  });

  it("a timeout with onTimeout 'close' stops the worker and fails every call with it", async () => {
    const { endpoint, client, timers } = setup();
    const wedged = client.call({ type: 'run' }, answer, { label: 'dispatch', timeoutMs: 60_000, onTimeout: 'close' });
    const queued = client.call({ type: 'ask' }, answer);
    timers.advance(60_000);
    const message = "'dispatch' got no answer within 60000 ms; the test worker was stopped";
    await expect(wedged).rejects.toThrow(message);
    await expect(queued).rejects.toThrow(message);
    expect(endpoint.terminated).toBe(true);
  });

  it('an answer in time clears its timer', async () => {
    const { endpoint, client, timers } = setup();
    const quick = client.call({ type: 'ask' }, answer, { timeoutMs: 100 });
    endpoint.reply({ id: 1, kind: 'done', value: 5 });
    await expect(quick).resolves.toBe(5);
    expect(timers.count).toBe(0);
  });

  it('ignores a late reply of a cancelled run (another run id); the current run gets its own', async () => {
    const { endpoint, client, strays } = setup();
    const old = client.open({ type: 'run' }, answer);
    client.cancel(old.id, new Error('replaced by a new run'));
    const current = client.open({ type: 'run' }, answer);
    endpoint.reply({ id: old.id, kind: 'tick', value: 1 });
    endpoint.reply({ id: old.id, kind: 'done', value: 1 });
    endpoint.reply({ id: current.id, kind: 'done', value: 2 });
    await expect(old.result).rejects.toThrow('replaced by a new run');
    await expect(current.result).resolves.toBe(2);
    expect(strays).toHaveLength(2);
  });

  it('hands unsolicited replies to onUnsolicited (e.g. a lost device, which may close the client)', async () => {
    let client: RpcClient<Req, Reply, Body> | null = null;
    const made = setup(() => client?.close(new Error('the GPU device was lost')));
    client = made.client;
    const pending = client.call({ type: 'run' }, answer);
    made.endpoint.reply({ id: 0, kind: 'lost' });
    await expect(pending).rejects.toThrow('the GPU device was lost');
  });

  it('a handler that throws fails its call, naming it', async () => {
    const { endpoint, client } = setup();
    const call = client.call({ type: 'ask' }, () => {
      throw new Error('bad shape');
    }, { label: 'profile' });
    endpoint.reply({ id: 1, kind: 'done', value: 1 });
    await expect(call).rejects.toThrow('profile: handling a reply failed: bad shape');
  });

  it('a timeout without timers is refused at once', async () => {
    const endpoint = new FakeEndpoint<Req, Reply>();
    const client = new RpcClient<Req, Reply, Body>(endpoint, { name: 'w', stamp: (b, id) => ({ ...b, id }), idOf: (r) => r.id });
    await expect(client.call({ type: 'ask' }, answer, { timeoutMs: 5 })).rejects.toThrow('a timeout needs timers');
    expect(client.openCalls).toBe(0);
  });

  it('a request the endpoint cannot send fails that call only, leaving nothing open', async () => {
    const { endpoint, client, timers } = setup();
    const post = endpoint.postMessage.bind(endpoint);
    endpoint.postMessage = () => {
      throw new Error('DataCloneError: a function could not be cloned');
    };
    const call = client.open({ type: 'ask' }, answer, { label: 'prepare', timeoutMs: 100 });
    expect(call.sent).toBe(false);
    await expect(call.result).rejects.toThrow('prepare: the request could not be sent: DataCloneError');
    expect(client.openCalls).toBe(0);
    expect(timers.count).toBe(0);
    endpoint.postMessage = post;
    const next = client.open({ type: 'ask' }, answer);
    expect(next.sent).toBe(true);
    endpoint.reply({ id: 2, kind: 'done', value: 3 });
    await expect(next.result).resolves.toBe(3);
  });
});
