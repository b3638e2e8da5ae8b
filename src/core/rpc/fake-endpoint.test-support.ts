// A fake worker endpoint for RPC client tests: records what was posted, replies on demand, crashes on demand.
import type { RpcEndpoint, RpcEvent, RpcEventType, RpcTimers } from './rpc-client';

type Listener<Reply> = (event: RpcEvent<Reply>) => void;

/** An in-memory {@link RpcEndpoint}: `reply`, `crash` and `unreadable` play the worker's side synchronously. */
export class FakeEndpoint<Req, Reply> implements RpcEndpoint<Req, Reply> {
  readonly posted: Req[] = [];
  terminated = false;
  private readonly listeners = new Map<RpcEventType, Set<Listener<Reply>>>();

  postMessage(message: Req): void {
    this.posted.push(message);
  }
  addEventListener(type: RpcEventType, listener: Listener<Reply>): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }
  removeEventListener(type: RpcEventType, listener: Listener<Reply>): void {
    this.listeners.get(type)?.delete(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `reply`. */
  reply(reply: Reply): void {
    for (const listener of [...(this.listeners.get('message') ?? [])]) listener({ data: reply });
  }
  /** The worker throws outside a handler (an 'error' event). */
  crash(message: string): void {
    for (const listener of [...(this.listeners.get('error') ?? [])]) listener({ message, preventDefault: () => undefined });
  }
  /** The worker posts something the page cannot deserialize (a 'messageerror' event). */
  unreadable(): void {
    for (const listener of [...(this.listeners.get('messageerror') ?? [])]) listener({});
  }
  /** Listeners still attached (none once the client closed). */
  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }
}

/** Manual timers for RPC tests: `advance(ms)` fires what is due, in order. */
export class FakeTimers implements RpcTimers {
  private nowMs = 0;
  private nextHandle = 1;
  private readonly due = new Map<number, { atMs: number; fire: () => void }>();

  set(fire: () => void, delayMs: number): unknown {
    const handle = this.nextHandle++;
    this.due.set(handle, { atMs: this.nowMs + delayMs, fire });
    return handle;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** Timers still set. */
  get count(): number {
    return this.due.size;
  }
  advance(ms: number): void {
    this.nowMs += ms;
    const ready = [...this.due.entries()].filter(([, t]) => t.atMs <= this.nowMs).sort((a, b) => a[1].atMs - b[1].atMs || a[0] - b[0]);
    for (const [handle, timer] of ready) {
      if (!this.due.delete(handle)) continue;
      timer.fire();
    }
  }
}
