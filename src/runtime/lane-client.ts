// Page-side handle of one lane worker on the RPC client: a promise per request, timeouts, errors naming model and backend.
import { errorMessage } from '../core/error-message';
import { RpcClient, rpcStep, type CallOptions, type RpcEndpoint, type RpcStep, type RpcTimers } from '../core/rpc/rpc-client';
import { canShareMemory, DispatchRing, type RingDispatch } from './dispatch-ring';
import type {
  DispatchTiming, LaneEvent, LaneMemory, LaneRequest, ModelSource, OutputSample, PrepareSpec, PreparedInfo,
} from './lane-protocol';

/** Prepare settings; see LaneRequest 'prepare'. */
export interface PrepareOptions {
  /** Give up (and stop the worker) after this many ms; default 180 000. */
  readonly timeoutMs?: number;
  /** Hears 'build' progress while the zoo generates, then 'session' while ORT creates the session(s). */
  readonly onProgress?: (progress: Extract<LaneEvent, { type: 'progress' }>) => void;
}

/** A dispatch with the last block's first output (see LaneRequest 'dispatch', sampleOutput). */
export interface SampledDispatch {
  readonly timing: DispatchTiming;
  readonly output: OutputSample;
}

/** A short name for errors before the lane knows the model's full name. */
export function sourceLabel(source: ModelSource): string {
  return source.kind === 'zoo' ? `${source.modelId} @${source.resolution}px` : source.label;
}

/** The part of a Worker a lane client uses (a fake in tests). */
export type LaneEndpoint = RpcEndpoint<LaneRequest, LaneEvent>;

type LaneBody = DistributiveOmit<LaneRequest, 'id'>;

const startLaneWorker = (): LaneEndpoint => new Worker(new URL('./lane.worker.ts', import.meta.url), { type: 'module', name: 'lab-lane' });

const TIMERS: RpcTimers = { set: (fire, delayMs) => setTimeout(fire, delayMs), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

/**
 * One lane worker. Requests are answered in order by the worker. A request that occupies the lane's
 * ORT instance and times out stops the worker (a wedged instance cannot be trusted), and so do a crash
 * and a lost device: every pending request fails with the reason, later ones at once; make a new
 * LaneClient to go on.
 */
export class LaneClient {
  private readonly rpc: RpcClient<LaneRequest, LaneEvent, LaneBody>;
  private context: string;
  /** Dispatches also written to shared memory, so the lane need not wait for their messages (null: cannot share memory here). */
  private readonly ring: DispatchRing | null;

  /**
   * @param context names the lane in errors (see rename), e.g. 'tiny-cnn @32px on webgpu' or 'lane 0'.
   * @param startWorker defaults to the bundled lane.worker.ts.
   */
  constructor(context: string, startWorker: () => LaneEndpoint = startLaneWorker) {
    this.context = context;
    this.rpc = new RpcClient(startWorker(), {
      name: 'the lane worker',
      // Bytes are copied, not transferred: the page keeps them for the next lane.
      stamp: (body, id) => ({ ...body, id }),
      idOf: (event) => (event.type === 'lost' ? null : event.id),
      onUnsolicited: (event) => {
        if (event.type === 'lost') this.stop(`the GPU device was lost: ${event.message}`);
      },
      timers: TIMERS,
    });
    this.ring = canShareMemory() ? new DispatchRing(DispatchRing.allocate()) : null;
    if (this.ring !== null) {
      // Without it the lane still gets every dispatch by message: a failure here costs speed only.
      void this.request({ type: 'attach-ring', buffer: this.ring.buffer }, 10_000, (event) => (event.type === 'ring-attached' ? true : undefined), 'reject').catch(() => undefined);
    }
  }

  /**
   * Creates (or finds) the session of `spec` among the lane's sessions (key: prepareKey): builds the
   * zoo model in the worker, or inspects the file's bytes (copied, not transferred: the page keeps them).
   */
  prepare(spec: PrepareSpec, options: PrepareOptions = {}): Promise<PreparedInfo> {
    return this.request({ type: 'prepare', ...spec }, options.timeoutMs ?? 180_000, (event) => {
      if (event.type === 'progress') options.onProgress?.(event);
      return event.type === 'prepared' ? event.info : undefined;
    });
  }

  /**
   * Runs one batch of `requests` on the session `key`. Several may be posted ahead: the lane runs
   * them one at a time, in order. A timeout (default 60 s) stops the lane.
   */
  dispatch(key: string, requests: number, timeoutMs = 60_000, viaRing = true): Promise<DispatchTiming> {
    return this.sendDispatch({ type: 'dispatch', key, requests }, { key, requests, block: null, carry: '' }, timeoutMs, viaRing);
  }

  /**
   * As {@link dispatch}, and the lane summarizes the last block's first output (after the timed span;
   * its values' buffer is transferred). A timeout (default 60 s) stops the lane.
   */
  dispatchWithOutput(key: string, requests: number, timeoutMs = 60_000): Promise<SampledDispatch> {
    return this.request({ type: 'dispatch', key, requests, sampleOutput: true }, timeoutMs, (event) => {
      if (event.type !== 'dispatched') return undefined;
      if (event.output === undefined) throw new Error('the lane answered without the output sample asked for');
      return { timing: event.timing, output: event.output };
    });
  }

  /**
   * Runs layer block `block` of a batch of `requests` on the layer-blocked session `key`; the tensor
   * between blocks stays in the lane under `carry` (one batch per carry key). Like dispatch, several
   * may be posted ahead and a timeout (default 60 s) stops the lane.
   */
  dispatchBlock(key: string, requests: number, block: number, carry: string, timeoutMs = 60_000, viaRing = true): Promise<DispatchTiming> {
    return this.sendDispatch({ type: 'dispatch-block', key, requests, block, carry }, { key, requests, block, carry }, timeoutMs, viaRing);
  }

  /** Posts a dispatch, then writes it to the ring under the id it was posted with (a dispatch that could not be posted is not written). */
  private sendDispatch(body: LaneBody, ringEntry: Omit<RingDispatch, 'id'>, timeoutMs: number, viaRing: boolean): Promise<DispatchTiming> {
    const pick = (event: LaneEvent): DispatchTiming | undefined => (event.type === 'dispatched' ? event.timing : undefined);
    const call = this.open(body, timeoutMs, pick);
    if (call.sent && viaRing) this.ring?.write({ id: call.id, ...ringEntry });
    return call.result;
  }

  /** A bare timed loop on the session `key` at `batch` requests per run, in the worker: wall-clock ms per measured run. */
  profile(key: string, batch: number, warmupRuns: number, runs: number, timeoutMs = 300_000): Promise<readonly number[]> {
    return this.request({ type: 'profile', key, batch, warmupRuns, runs }, timeoutMs, (event) => (event.type === 'profiled' ? event.latenciesMs : undefined));
  }

  /** Releases every session of the lane whose key is not in `keys`; resolves with the keys released. */
  retain(keys: readonly string[], timeoutMs = 60_000): Promise<readonly string[]> {
    return this.request({ type: 'retain', keys }, timeoutMs, (event) => (event.type === 'retained' ? event.released : undefined));
  }

  /**
   * The lane's heap and the estimates of the sessions it holds. It waits behind the requests before it,
   * so a timeout (default 10 s) fails this call only: a busy lane is not a wedged one.
   */
  memory(timeoutMs = 10_000): Promise<LaneMemory> {
    return this.request({ type: 'memory' }, timeoutMs, (event) => (event.type === 'memory' ? event.memory : undefined), 'reject');
  }

  /**
   * Fault injection: destroys the lane's WebGPU device, even mid-run. Resolves with the loss reason;
   * the lane then reports the loss, so every pending request fails with it and the lane stops.
   * Rejects (the lane goes on) when the lane has no WebGPU device, e.g. on WASM; a timeout (default
   * 10 s) fails this call only.
   */
  destroyDevice(timeoutMs = 10_000): Promise<string> {
    return this.request({ type: 'destroy-device' }, timeoutMs, (event) => (event.type === 'device-destroyed' ? event.message : undefined), 'reject');
  }

  /** Names the lane in later errors, e.g. once a prepare says which model and backend it runs. */
  rename(context: string): void {
    this.context = context;
  }

  /** Stops the worker at once (as a crash would): every pending request fails with `reason`. */
  kill(reason: string): void {
    this.stop(reason);
  }

  /** True once the lane was stopped (timeout, crash, lost device, dispose): make a new one to go on. */
  get isStopped(): boolean {
    return this.rpc.failure !== null;
  }

  /** Releases the sessions and stops the worker (with its GPUDevice). */
  async dispose(): Promise<void> {
    if (!this.isStopped) {
      await this.request({ type: 'release' }, 10_000, (event) => (event.type === 'released' ? true : undefined), 'reject').catch(() => undefined);
    }
    this.stop('the lane was disposed');
  }

  /**
   * Posts a request; `pick` maps its events to the answer (undefined: a streamed event, more to come).
   * Errors name the lane: `<model> on <backend>: <what failed>`.
   */
  private request<T>(body: LaneBody, timeoutMs: number, pick: (event: LaneEvent) => T | undefined, onTimeout: CallOptions['onTimeout'] = 'close'): Promise<T> {
    return this.open(body, timeoutMs, pick, onTimeout).result;
  }

  /** {@link request}, with the call's id and whether it was posted. */
  private open<T>(body: LaneBody, timeoutMs: number, pick: (event: LaneEvent) => T | undefined, onTimeout: CallOptions['onTimeout'] = 'close') {
    const handle = (event: LaneEvent): RpcStep<T> => {
      if (event.type === 'failed') return rpcStep.failed(`${body.type} failed: ${event.message}`);
      const value = pick(event);
      return value === undefined ? rpcStep.progress : rpcStep.done(value);
    };
    const call = this.rpc.open(body, handle, { label: body.type, timeoutMs, onTimeout });
    const result = call.result.catch((error: unknown) => {
      throw new Error(`${this.context}: ${errorMessage(error)}`, { cause: error });
    });
    return { id: call.id, sent: call.sent, result };
  }

  private stop(reason: string): void {
    this.rpc.close(new Error(reason));
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
