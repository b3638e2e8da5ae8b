// THE event loop: arrivals, closed-loop reissue, drops, batching, dispatch to an Executor, completions, failures.
import type { ArrivalSource } from '../arrivals/source';
import type { DropReason } from '../metrics/events';
import { IndexedHeap } from '../scheduler/indexed-heap';
import { createScheduler } from '../scheduler/scheduler';
import type { Dispatch, SchedRequest, Scheduler } from '../scheduler/types';
import type { Ms } from '../units';
import { BatchTracker } from './batch-tracker';
import type { Executor, ExecutorEvents, ExecutorFactory, SliceTiming } from './executor';
import { LatenessTracker, type ArrivalLateness } from './lateness';
import type { LoopConfig, LoopHoldings, LoopObserver } from './loop-types';
import type { LoopTimer, TimerPort } from './timer-port';

export type { BatchDone } from './batch-tracker';
export type { LoopConfig, LoopHoldings, LoopObserver, LoopTenant } from './loop-types';

/**
 * Runs tenants' arrivals through the scheduler onto an executor's lanes, on a timer port. Open-loop
 * arrivals come from one timer (the next arrival or batching wake-up); closed loops reissue on each
 * completion or drop. Every lane is kept up to `dispatchDepth` slices deep while work waits. Whatever
 * is due at an instant (arrivals, wake-ups, reissues) is taken in before any lane is filled, so runs
 * on a virtual clock are deterministic. A closed-loop request refused at its own arrival instant is
 * reissued at the next slice end, so a refusing scheduler cannot loop forever at one instant.
 */
export class EventLoop<E extends Executor = Executor> implements ExecutorEvents {
  readonly executor: E;
  readonly holdings: LoopHoldings;
  private readonly scheduler: Scheduler;
  private readonly timer: LoopTimer;
  private readonly lateness = new LatenessTracker();
  private readonly n: number;
  private readonly sources: readonly ArrivalSource[];
  private readonly closed: Uint8Array;
  private readonly sloMs: Float64Array;
  private readonly arrivals: IndexedHeap;
  private readonly wakes: IndexedHeap;
  private readonly inFlight: Int32Array;
  private readonly batches: BatchTracker;
  private readonly dirty: Uint8Array;
  private readonly dirtyLanes: number[] = [];
  private dueNow: number[] = [];
  private stalled: number[] = [];
  private armedMs = Infinity;
  private settling = false;
  private stopped = false;
  /** Stop cancelled what was queued: nothing is dispatched any more. */
  private cancelled = false;
  private finished = false;
  private nextId = 0;

  constructor(
    private readonly config: LoopConfig,
    createExecutor: ExecutorFactory<E>,
    private readonly timers: TimerPort,
    private readonly observer: LoopObserver,
  ) {
    const n = config.tenants.length;
    this.n = n;
    this.sources = config.tenants.map((t) => t.arrivals);
    this.closed = Uint8Array.from(this.sources, (s) => (s.mode === 'closed' ? 1 : 0));
    this.sloMs = Float64Array.from(config.tenants, (t) => t.sched.sloMs);
    this.executor = createExecutor(this);
    const lanes = this.executor.laneCount;
    this.arrivals = new IndexedHeap(n);
    this.wakes = new IndexedHeap(lanes);
    this.inFlight = new Int32Array(lanes);
    this.dirty = new Uint8Array(lanes);
    this.batches = new BatchTracker(n);
    this.timer = timers.createTimer(() => {
      this.armedMs = Infinity;
      this.settle();
    });
    this.scheduler = createScheduler({
      policy: config.policy,
      admission: config.admission,
      laneMode: config.laneMode,
      blocks: config.blocks,
      commitAhead: config.dispatchDepth >= 2,
      tenants: config.tenants.map((t) => t.sched),
      estimateServiceMs: config.estimateServiceMs,
      onDrop: (request, reason, atMs) => {
        observer.dropped(request, reason, 'queued', atMs);
        if (this.closed[request.tenant] === 1) (atMs > request.arrivalMs ? this.dueNow : this.stalled).push(request.tenant);
      },
    });
    this.holdings = { queued: (t) => this.scheduler.queuedCount(t), running: (t) => this.batches.running[t] as number };
  }

  /** Requests issued so far (dropped ones included). */
  get requests(): number {
    return this.nextId;
  }

  /** Closed-loop clients waiting because their request was refused and nothing has completed since. */
  get stalledClosedLoop(): number {
    return this.stalled.length;
  }

  /** How late open-loop arrivals were issued against their schedule (0 on a virtual clock). */
  arrivalLateness(): ArrivalLateness {
    return this.lateness.summary();
  }

  /** Issues the closed loops' first requests, primes the open-loop arrivals, fills the lanes. */
  start(): void {
    this.sources.forEach((source, t) => {
      if (source.mode === 'closed') for (const atMs of source.start()) this.issue(t, atMs);
      else this.advance(t);
    });
    this.settle();
  }

  /**
   * Stops issuing arrivals (open and closed). By default queued and running requests still finish.
   * With `cancelQueued` (the live Stop), nothing more is dispatched either: every queued request and
   * every layer-blocked batch between its blocks is dropped (reason `stopped`), and only the slices
   * already on a lane finish (a lane cannot interrupt a run). A batch with blocks on a lane runs those
   * (at dispatch depth >= 2 its next block may be committed already): it completes if its last block
   * was among them, else it gives up its later blocks when they end. The loop then goes idle as soon as
   * those slices end.
   */
  stop(options: { readonly cancelQueued?: boolean } = {}): void {
    this.stopped = true;
    for (let t = 0; t < this.n; t++) this.arrivals.remove(t);
    if (options.cancelQueued === true && !this.cancelled) {
      this.cancelled = true;
      const nowMs = this.timers.now();
      while (this.wakes.size > 0) this.wakes.pop();
      for (const batch of this.scheduler.cancelAll(nowMs)) {
        // A batch with blocks still on the lane is dropped when the last of them ends (sliceDone).
        if (this.batches.slicesOnLane(batch) === 0) this.dropRunning(batch, 'stopped', nowMs);
      }
    }
    this.settle();
  }

  /** Whether stop({ cancelQueued: true }) was called. */
  get cancelledByStop(): boolean {
    return this.cancelled;
  }

  /** Drops a dispatched batch's requests (a failed slice, or Stop between blocks). */
  private dropRunning(requests: readonly SchedRequest[], reason: DropReason, nowMs: Ms): void {
    const t = requests[0]?.tenant;
    if (t === undefined) return;
    this.batches.drop(requests);
    const closedLoop = this.closed[t] === 1;
    for (const request of requests) {
      this.observer.dropped(request, reason, 'running', nowMs);
      if (closedLoop) this.dueNow.push(t);
    }
  }

  sliceDone(d: Dispatch, timing: SliceTiming): void {
    const nowMs = this.timers.now();
    this.inFlight[d.laneId] = (this.inFlight[d.laneId] as number) - 1;
    this.scheduler.onComplete(d, timing.serviceMs, nowMs);
    this.observer.sliceDone?.(d, timing);
    const end = this.batches.sliceDone(d, timing);
    if (end.kind === 'completed') {
      const closedLoop = this.closed[d.tenant] === 1;
      for (const request of d.requests) {
        this.observer.completed(request, end.done, nowMs);
        if (closedLoop) this.dueNow.push(d.tenant);
      }
    } else if (end.kind === 'between' && end.onLane === 0 && this.cancelled) {
      // Stopped: the batch's later blocks never run.
      this.scheduler.onAbort(d, nowMs);
      this.dropRunning(d.requests, 'stopped', nowMs);
    }
    this.releaseStalled();
    this.markDirty(d.laneId);
    this.settle();
  }

  sliceFailed(d: Dispatch, reason: string): void {
    const nowMs = this.timers.now();
    this.inFlight[d.laneId] = (this.inFlight[d.laneId] as number) - 1;
    // A later block of a batch that failed already (committed behind it on the same lane) adds nothing.
    if (this.batches.sliceFailed(d)) {
      this.observer.sliceFailed?.(d, reason, nowMs);
      this.dropRunning(d.requests, 'lane-error', nowMs);
    }
    this.scheduler.onAbort(d, nowMs);
    this.releaseStalled();
    this.markDirty(d.laneId);
    this.settle();
  }

  laneReady(lane: number): void {
    this.markDirty(lane);
    this.settle();
  }

  private issue(tenant: number, atMs: number): void {
    const request: SchedRequest = { id: this.nextId++, tenant, arrivalMs: atMs as Ms, deadlineMs: (atMs + (this.sloMs[tenant] as number)) as Ms };
    this.observer.arrived(request);
    this.scheduler.enqueue(request, this.timers.now());
    this.markDirty(this.config.laneMode === 'concurrent' ? tenant : 0);
  }

  private advance(tenant: number): void {
    const source = this.sources[tenant] as ArrivalSource;
    const next = source.mode === 'open' && !this.stopped ? source.next() : undefined;
    if (next === undefined) this.arrivals.remove(tenant);
    else this.arrivals.set(tenant, next);
  }

  private markDirty(lane: number): void {
    if (this.dirty[lane] === 1) return;
    this.dirty[lane] = 1;
    this.dirtyLanes.push(lane);
  }

  private releaseStalled(): void {
    if (this.stalled.length === 0) return;
    for (const t of this.stalled) this.dueNow.push(t);
    this.stalled = [];
  }

  /** Takes in what is due now, fills dirty lanes until nothing changes, re-arms the timer. Re-entrant calls return at once. */
  private settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      const nowMs = this.timers.now();
      while (this.arrivals.peekKey() <= nowMs) {
        const tenant = this.arrivals.peek();
        const atMs = this.arrivals.peekKey();
        this.lateness.add(atMs, nowMs);
        this.issue(tenant, atMs);
        this.advance(tenant);
      }
      while (this.wakes.peekKey() <= nowMs) this.markDirty(this.wakes.pop());
      while (this.dueNow.length > 0 || this.dirtyLanes.length > 0) {
        if (this.dueNow.length > 0) {
          const due = this.dueNow;
          this.dueNow = [];
          for (const tenant of due) {
            const source = this.sources[tenant] as ArrivalSource;
            const next = source.mode === 'closed' && !this.stopped ? source.onDone(nowMs) : undefined;
            if (next !== undefined) this.issue(tenant, next);
          }
        }
        while (this.dirtyLanes.length > 0) {
          const lane = this.dirtyLanes.pop() as number;
          this.dirty[lane] = 0;
          this.fill(lane, nowMs);
        }
      }
      this.arm();
    } finally {
      this.settling = false;
    }
  }

  private fill(lane: number, nowMs: Ms): void {
    if (this.cancelled) return;
    const executor = this.executor;
    while (executor.ready(lane) && (this.inFlight[lane] as number) < this.config.dispatchDepth) {
      const pick = this.scheduler.pick(nowMs, lane);
      if (pick === undefined) {
        this.wakes.remove(lane);
        return;
      }
      if (pick.kind === 'wait') {
        this.wakes.set(lane, pick.untilMs);
        return;
      }
      this.wakes.remove(lane);
      this.inFlight[lane] = (this.inFlight[lane] as number) + 1;
      this.batches.dispatched(pick);
      if (pick.block === 0) this.observer.started(pick, nowMs);
      executor.start(pick, nowMs);
    }
  }

  /** Sets the one timer to the next arrival or wake-up; tells the observer once when nothing is left. */
  private arm(): void {
    const nextMs = Math.min(this.arrivals.peekKey(), this.wakes.peekKey());
    if (nextMs !== this.armedMs) {
      if (nextMs === Infinity) this.timer.cancel();
      else this.timer.schedule(nextMs as Ms);
      this.armedMs = nextMs;
    }
    if (nextMs === Infinity && !this.finished && this.isIdle()) {
      this.finished = true;
      this.observer.idle?.();
    }
  }

  private isIdle(): boolean {
    if (this.dueNow.length > 0 || this.scheduler.queuedCount() > 0 || this.executor.busy()) return false;
    for (let lane = 0; lane < this.inFlight.length; lane++) if ((this.inFlight[lane] as number) > 0) return false;
    return !this.batches.anyRunning();
  }
}
