// The page side of one worker, typed: calls paired with replies by id (a run's id), streamed replies, timeouts, and a crash that fails every call.
import { errorMessage } from '../error-message';

/**
 * The part of a Worker (or MessagePort) the client uses: injected, so that core stays free of DOM types
 * and tests can pass a fake. A real `Worker` satisfies it.
 */
export interface RpcEndpoint<Req, Reply> {
  postMessage(message: Req): void;
  addEventListener(type: RpcEventType, listener: (event: RpcEvent<Reply>) => void): void;
  removeEventListener(type: RpcEventType, listener: (event: RpcEvent<Reply>) => void): void;
  /** Stops the worker (Worker.terminate); absent on endpoints that cannot be stopped. */
  terminate?(): void;
}

/** 'message' carries a reply; 'error' (an uncaught error or a failed load) and 'messageerror' (an unreadable message) mean the worker is gone. */
export type RpcEventType = 'message' | 'error' | 'messageerror';

/** What the client reads of a MessageEvent or an ErrorEvent. */
export interface RpcEvent<Reply> {
  readonly data?: Reply;
  readonly message?: string;
  /** ErrorEvent.preventDefault: the client handles the error, so the browser need not log it as uncaught. */
  preventDefault?(): void;
}

/** One-shot timers, injected (core has no setTimeout). Only calls with a timeout need them. */
export interface RpcTimers {
  set(fire: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** What a call makes of one reply addressed to it. */
export type RpcStep<T> =
  /** A streamed reply (progress, a snapshot): the call goes on. */
  | { readonly kind: 'progress' }
  | { readonly kind: 'done'; readonly value: T }
  /** The worker answered with an error: the call rejects with `message`; the worker goes on. */
  | { readonly kind: 'failed'; readonly message: string };

/** {@link RpcStep} constructors. */
export const rpcStep = {
  progress: { kind: 'progress' } as RpcStep<never>,
  done: <T>(value: T): RpcStep<T> => ({ kind: 'done', value }),
  failed: (message: string): RpcStep<never> => ({ kind: 'failed', message }),
} as const;

/** Per-call options. */
export interface CallOptions {
  /** Names the call in errors, e.g. 'memory'; default `call #<id>`. */
  readonly label?: string;
  /** Reject when no final reply came within this many ms; default: no timeout (a live run may last hours). */
  readonly timeoutMs?: number;
  /**
   * What a timeout does: 'reject' fails this call only (default); 'close' stops the worker and fails
   * every call with the timeout (a wedged worker cannot be trusted, e.g. an ORT instance).
   */
  readonly onTimeout?: 'reject' | 'close';
}

/** An open call: its id (sent with the request; a run's id for a streamed run) and its outcome. */
export interface RpcCall<T> {
  readonly id: number;
  readonly result: Promise<T>;
  /** Whether the request was posted (false: the client had failed, or the request could not be cloned). */
  readonly sent: boolean;
}

/** How requests carry ids and replies name them. */
export interface RpcOptions<Req, Reply, Body> {
  /** Names the worker in errors, e.g. 'the lane worker'. */
  readonly name: string;
  /** The request of `body` carrying call id `id`. */
  readonly stamp: (body: Body, id: number) => Req;
  /** The call a reply belongs to; null for an unsolicited reply (handed to `onUnsolicited`). */
  readonly idOf: (reply: Reply) => number | null;
  readonly onUnsolicited?: (reply: Reply) => void;
  /** Sees every reply whose call is no longer open (a late message of a stopped run): it is dropped. */
  readonly onStray?: (reply: Reply) => void;
  readonly timers?: RpcTimers;
}

interface Pending {
  readonly handle: (reply: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One worker's calls. Each call gets a fresh id; replies are routed by id, so a reply of a call no longer
 * open is ignored. When the worker crashes (an 'error' or 'messageerror' event) or is closed, every open
 * call fails with the same error, and every later call fails with it at once: nothing waits forever.
 */
export class RpcClient<Req, Reply, Body = Req> {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(
    private readonly endpoint: RpcEndpoint<Req, Reply>,
    private readonly options: RpcOptions<Req, Reply, Body>,
  ) {
    endpoint.addEventListener('message', this.onMessage);
    endpoint.addEventListener('error', this.onError);
    endpoint.addEventListener('messageerror', this.onMessageError);
  }

  /** The error every call fails with once the worker crashed or was closed; null while it works. */
  get failure(): Error | null {
    return this.failed;
  }

  /** Calls waiting for their final reply. */
  get openCalls(): number {
    return this.pending.size;
  }

  /** Sends `body` with a fresh id; `handle` turns each reply of the call into a step (progress, done, failed). */
  call<T>(body: Body, handle: (reply: Reply) => RpcStep<T>, options: CallOptions = {}): Promise<T> {
    return this.open(body, handle, options).result;
  }

  /** {@link call}, also returning the id (the run id of a streamed run, for {@link cancel}). */
  open<T>(body: Body, handle: (reply: Reply) => RpcStep<T>, options: CallOptions = {}): RpcCall<T> {
    const id = this.nextId++;
    const label = options.label ?? `call #${String(id)}`;
    if (this.failed !== null) return { id, result: Promise.reject(this.failed), sent: false };
    const timers = this.options.timers;
    if (options.timeoutMs !== undefined && timers === undefined) {
      return { id, result: Promise.reject(new Error(`${label}: a timeout needs timers; none were given to the client of ${this.options.name}`)), sent: false };
    }
    const result = new Promise<T>((resolve, reject) => {
      let timer: unknown = null;
      const settle = (): boolean => {
        if (!this.pending.delete(id)) return false;
        if (timer !== null) timers?.clear(timer);
        return true;
      };
      const fail = (error: Error): void => {
        if (settle()) reject(error);
      };
      this.pending.set(id, {
        reject: fail,
        handle: (reply) => {
          let step: RpcStep<T>;
          try {
            step = handle(reply as Reply);
          } catch (error) {
            fail(new Error(`${label}: handling a reply failed: ${errorMessage(error)}`, { cause: error }));
            return;
          }
          if (step.kind === 'progress') return;
          if (!settle()) return;
          if (step.kind === 'done') resolve(step.value);
          else reject(new Error(step.message));
        },
      });
      if (options.timeoutMs !== undefined && timers !== undefined) timer = this.startTimer(timers, id, label, options.timeoutMs, options.onTimeout ?? 'reject');
    });
    let sent = true;
    try {
      this.endpoint.postMessage(this.options.stamp(body, id));
    } catch (error) {
      // A value the structured clone refuses (DataCloneError): this call fails, the worker goes on.
      sent = false;
      this.pending.get(id)?.reject(new Error(`${label}: the request could not be sent: ${errorMessage(error)}`, { cause: error }));
    }
    return { id, result, sent };
  }

  /** Sends a message that expects no reply (stop, fault injection); dropped once the worker failed. */
  post(message: Req): void {
    if (this.failed === null) this.endpoint.postMessage(message);
  }

  /** Fails the open call `id` with `error` (e.g. a run replaced by another); its late replies are then ignored. */
  cancel(id: number, error: Error): void {
    this.pending.get(id)?.reject(error);
  }

  /** Stops the worker: every open call and every later one fails with `error`. Idempotent (the first error stays). */
  close(error: Error): void {
    if (this.failed === null) this.failed = error;
    this.endpoint.removeEventListener('message', this.onMessage);
    this.endpoint.removeEventListener('error', this.onError);
    this.endpoint.removeEventListener('messageerror', this.onMessageError);
    this.endpoint.terminate?.();
    const failure = this.failed;
    for (const pending of [...this.pending.values()]) pending.reject(failure);
  }

  private startTimer(timers: RpcTimers, id: number, label: string, timeoutMs: number, onTimeout: 'reject' | 'close'): unknown {
    return timers.set(() => {
      const pending = this.pending.get(id);
      if (pending === undefined) return;
      const error = new Error(`'${label}' got no answer within ${String(timeoutMs)} ms${onTimeout === 'close' ? `; ${this.options.name} was stopped` : ''}`);
      if (onTimeout === 'close') this.close(error);
      else pending.reject(error);
    }, timeoutMs);
  }

  private readonly onMessage = (event: RpcEvent<Reply>): void => {
    const reply = event.data as Reply;
    const id = this.options.idOf(reply);
    if (id === null) {
      this.options.onUnsolicited?.(reply);
      return;
    }
    const pending = this.pending.get(id);
    if (pending === undefined) this.options.onStray?.(reply);
    else pending.handle(reply);
  };

  private readonly onError = (event: RpcEvent<Reply>): void => {
    event.preventDefault?.();
    const detail = event.message !== undefined && event.message !== '' ? event.message : 'no message (it failed to load, threw outside a handler, or ran out of memory)';
    this.close(new Error(`${this.options.name} crashed: ${detail}`));
  };

  private readonly onMessageError = (): void => {
    this.close(new Error(`${this.options.name} sent a message that could not be read`));
  };
}
