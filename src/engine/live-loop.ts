// The live run: core arrivals, the core scheduler and the metrics recorder driven by a real clock and real lanes.
import { createTenantArrivals, type ArrivalSource } from '../core/arrivals';
import { invariant } from '../core/assert';
import { blocksOf, sessionBatchOf, type Experiment } from '../core/experiment';
import { MetricsRecorder, soloLatencyEstimate, toCapacities, toSoloProfiles, type MetricsSnapshot } from '../core/metrics';
import { createRng } from '../core/rng';
import { createScheduler, type Dispatch, type SchedRequest, type Scheduler } from '../core/scheduler';
import { policyOf, schedConfigOf } from '../core/sim';
import { ms, type Ms } from '../core/units';
import { sessionKey, type DispatchTiming } from '../runtime/lane-protocol';
import { SERVICE_TIMING, type LaneFault, type RequestEvent, type SliceEvent, type SoloProfilePoint } from './engine-protocol';
import type { LanePool } from './lane-pool';

/** What the loop reads from its host: the engine clock (ms since the run began) and that instant on the epoch. */
export interface LoopClock {
  readonly nowMs: () => number;
  /** Epoch ms of engine time 0, to convert lane instants (epoch ms) to engine time. */
  readonly epochAtZeroMs: number;
}

/** Names a batch's tensor between layer blocks in its lane: the tenant and the batch's first request. */
function carryKey(tenantId: string, requests: readonly SchedRequest[]): string {
  return `${tenantId}#${String(requests[0]?.id)}`;
}

/** A layer-blocked batch between its first and last block. */
interface BatchInBlocks {
  /** The lane generation its blocks ran on: the tensor between blocks lives in that lane worker. */
  readonly generation: number;
  /** When block 0 started in the lane, epoch ms (lane clock); NaN until it ended. */
  startEpochMs: number;
  /** Wall-clock service time of its blocks so far, ms. */
  serviceMs: number;
}

/**
 * Runs one experiment to its end: open-loop arrivals on timers, closed loops reissued on completion,
 * every lane kept at `dispatchDepth` slices while work waits. Under 'layer-blocks' every batch runs
 * as K slices (one per block; the scheduler picks again between them) and completes with its last
 * block. A lane that fails drops its in-flight requests ('lane-error', from 'running'), is rebuilt,
 * and the run goes on; a batch between blocks on a lane that was rebuilt fails the same way.
 */
export class LiveLoop {
  readonly recorder: MetricsRecorder;
  readonly events: RequestEvent[] = [];
  readonly slices: SliceEvent[] = [];
  readonly gapsMs: number[] = [];
  readonly faults: LaneFault[] = [];
  ledgerChecks = 0;
  private readonly scheduler: Scheduler;
  private readonly sources: ArrivalSource[];
  private readonly nextArrivalMs: (number | undefined)[];
  private readonly running: number[];
  private readonly wakeMs: number[];
  private readonly due: number[] = [];
  private stalled: number[] = [];
  private enqueuing = false;
  private readonly depth: number;
  /** Layer blocks per inference (1: whole inferences). */
  private readonly blocks: number;
  /**
   * Layer-blocked batches from their first block's start to their last block's end, by the batch's
   * request array (which travels with every block). A tenant has at most one between blocks, but its
   * next batch's block 0 may start while its last block still runs (dispatch depth > 1).
   */
  private readonly inBlocks = new Map<readonly SchedRequest[], BatchInBlocks>();
  private nextId = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAtMs = Infinity;
  private settling = false;
  private rebuilding = 0;
  private stopped = false;
  private finish: (() => void) | undefined;
  private fail: ((error: Error) => void) | undefined;

  constructor(
    private readonly experiment: Experiment,
    private readonly pool: LanePool,
    profiles: readonly SoloProfilePoint[],
    private readonly clock: LoopClock,
  ) {
    const soloProfiles = toSoloProfiles(profiles);
    this.recorder = new MetricsRecorder(experiment, { soloProfiles });
    const keys = experiment.tenants.map((t) => `${t.model}@${String(t.resolution)}`);
    const { policy, admission } = policyOf(experiment.scheduler.policy);
    this.blocks = blocksOf(experiment);
    this.scheduler = createScheduler({
      policy,
      admission,
      laneMode: experiment.lanes.mode,
      blocks: this.blocks,
      tenants: experiment.tenants.map(schedConfigOf),
      // Service estimates come from the solo profiles (median at the batch, the last slope past the
      // largest profiled batch; 1 ms only for a model without a profile). They are per whole batch, also under layer blocks, as in the simulator: batching
      // and admission decide on a batch's whole service; each block is charged what it measured.
      estimateServiceMs: (t, b) => soloLatencyEstimate(soloProfiles[keys[t] ?? ''] ?? [], b) ?? ms(1),
      onDrop: (request, reason, atMs) => {
        this.recorder.record({ type: 'dropped', tenant: request.tenant, arrivalMs: request.arrivalMs, atMs, reason, from: 'queued' });
        // A closed-loop client refused on arrival waits for the next completion (as in the simulator),
        // so a refusing scheduler cannot loop at one instant.
        (this.enqueuing ? this.stalled : this.due).push(request.tenant);
      },
    });
    this.sources = createTenantArrivals(experiment, toCapacities(profiles), createRng(experiment.seed).fork('arrivals'));
    this.nextArrivalMs = this.sources.map(() => undefined);
    this.running = experiment.tenants.map(() => 0);
    this.wakeMs = pool.slots.map(() => Infinity);
    this.depth = experiment.lanes.dispatchDepth;
  }

  /** Runs until every arrival is issued and every request completed or dropped. */
  run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
      this.sources.forEach((source, t) => {
        if (source.mode === 'closed') for (const atMs of source.start()) this.issue(t, atMs);
        else this.nextArrivalMs[t] = source.next();
      });
      this.settle();
    });
  }

  /** Stops issuing arrivals; queued and running requests still finish. */
  stop(): void {
    this.stopped = true;
    this.nextArrivalMs.fill(undefined);
    this.settle();
  }

  /** Metrics now, after checking the ledger against the scheduler's queues and the lanes. */
  snapshot(): MetricsSnapshot {
    this.checkLedger();
    return this.recorder.snapshot(ms(this.clock.nowMs()));
  }

  private checkLedger(): void {
    this.recorder.ledger.check();
    this.running.forEach((running, t) => this.recorder.ledger.verify(t, { queued: this.scheduler.queuedCount(t), running }));
    this.ledgerChecks++;
  }

  private issue(tenant: number, arrivalMs: number): void {
    const sloMs = this.experiment.tenants[tenant]?.sloMs ?? Infinity;
    const request: SchedRequest = { id: this.nextId++, tenant, arrivalMs: ms(arrivalMs), deadlineMs: ms(arrivalMs + sloMs) };
    this.recorder.record({ type: 'arrival', tenant, arrivalMs: request.arrivalMs });
    this.enqueuing = true;
    try {
      this.scheduler.enqueue(request, ms(this.clock.nowMs()));
    } finally {
      this.enqueuing = false;
    }
  }

  /** Issues due arrivals, reissues closed loops, fills lanes, re-arms the timer; finishes when all is done. */
  private settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      const nowMs = this.clock.nowMs();
      this.nextArrivalMs.forEach((atMs, t) => {
        for (let next = atMs; next !== undefined && next <= nowMs; ) {
          this.issue(t, next);
          const source = this.sources[t] as ArrivalSource;
          next = source.mode === 'open' ? source.next() : undefined;
          this.nextArrivalMs[t] = next;
        }
      });
      while (this.due.length > 0) {
        const t = this.due.shift() as number;
        const source = this.sources[t] as ArrivalSource;
        const next = source.mode === 'closed' && !this.stopped ? source.onDone(ms(nowMs)) : undefined;
        if (next !== undefined) this.issue(t, next);
        for (let lane = 0; lane < this.pool.slots.length; lane++) this.fill(lane, ms(nowMs));
      }
      for (let lane = 0; lane < this.pool.slots.length; lane++) this.fill(lane, ms(nowMs));
      this.arm(nowMs);
    } catch (error) {
      this.fail?.(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.settling = false;
    }
  }

  private fill(lane: number, nowMs: Ms): void {
    const slot = this.pool.slot(lane);
    this.wakeMs[lane] = Infinity;
    while (slot.ready && slot.inFlight < this.depth) {
      const pick = this.scheduler.pick(nowMs, lane);
      if (pick === undefined) return;
      if (pick.kind === 'wait') {
        this.wakeMs[lane] = pick.untilMs;
        return;
      }
      this.start(pick, nowMs);
    }
  }

  private start(d: Dispatch, nowMs: Ms): void {
    const slot = this.pool.slot(d.laneId);
    const tenant = this.experiment.tenants[d.tenant];
    invariant(tenant !== undefined, `tenant ${String(d.tenant)} exists`);
    if (d.block === 0) {
      for (const r of d.requests) this.recorder.record({ type: 'started', tenant: d.tenant, arrivalMs: r.arrivalMs, atMs: nowMs });
      this.running[d.tenant] = (this.running[d.tenant] ?? 0) + d.requests.length;
      if (d.blocks > 1) this.inBlocks.set(d.requests, { generation: slot.generation, startEpochMs: NaN, serviceMs: 0 });
    } else if (this.inBlocks.get(d.requests)?.generation !== slot.generation) {
      // The tensor between blocks died with the lane it was left in.
      this.dropBatch(d, 'the lane was rebuilt between layer blocks of this batch (the tensor between blocks was lost with it)');
      return;
    }
    // Work was waiting when the lane's previous slice ended if this one is queued behind another,
    // or is posted in the very settle() that handled that end: then the gap is the dispatch path's cost.
    const backToBack = slot.inFlight > 0 || this.handlingEndOf === d.laneId;
    slot.inFlight++;
    const generation = slot.generation;
    const sessionBatch = sessionBatchOf(d.requests.length);
    const key = sessionKey(tenant.model, tenant.resolution, { blocks: d.blocks });
    const slice = d.blocks === 1
      ? slot.client.dispatch(key, d.requests.length)
      : slot.client.dispatchBlock(key, d.requests.length, d.block, carryKey(tenant.id, d.requests));
    slice.then(
      (timing) => this.completed(d, timing, sessionBatch, backToBack, generation),
      (error: unknown) => this.failed(d, error, generation),
    );
  }

  /** Lane whose slice end is being handled right now (-1: none). */
  private handlingEndOf = -1;

  private completed(d: Dispatch, timing: DispatchTiming, sessionBatch: number, backToBack: boolean, generation: number): void {
    const slot = this.pool.slot(d.laneId);
    // Answered by a lane that was replaced meanwhile: its requests count as failed with it.
    if (generation !== slot.generation) return this.failed(d, new Error('the lane was rebuilt while this batch ran'), generation);
    const nowMs = this.clock.nowMs();
    slot.inFlight--;
    if (backToBack && Number.isFinite(slot.lastEndEpochMs)) this.gapsMs.push(Math.max(0, timing.startEpochMs - slot.lastEndEpochMs));
    slot.lastEndEpochMs = timing.endEpochMs;
    this.scheduler.onComplete(d, ms(timing.serviceMs), ms(nowMs));
    const toEngine = (epochMs: number): number => epochMs - this.clock.epochAtZeroMs;
    const name = this.experiment.tenants[d.tenant]?.id ?? String(d.tenant);
    this.slices.push({
      lane: d.laneId, tenant: name, startMs: toEngine(timing.startEpochMs), endMs: toEngine(timing.endEpochMs),
      batch: d.requests.length, block: d.block, blocks: d.blocks,
    });
    // A batch's service is the sum of its blocks' wall-clock service times; it starts with block 0.
    let { startEpochMs, serviceMs, gpuMs } = timing;
    const inBlocks = this.inBlocks.get(d.requests);
    if (d.blocks > 1 && inBlocks !== undefined) {
      if (d.block === 0) inBlocks.startEpochMs = timing.startEpochMs;
      inBlocks.serviceMs += timing.serviceMs;
      startEpochMs = inBlocks.startEpochMs;
      serviceMs = inBlocks.serviceMs;
      gpuMs = null;
    }
    if (d.block === d.blocks - 1) {
      this.inBlocks.delete(d.requests);
      this.running[d.tenant] = (this.running[d.tenant] ?? 0) - d.requests.length;
      const startMs = toEngine(startEpochMs);
      const endMs = toEngine(timing.endEpochMs);
      for (const r of d.requests) {
        // The request ends when the engine learns of it; its service is the lane's wall-clock run time.
        const recordedMs = Math.min(serviceMs, nowMs - r.arrivalMs);
        this.recorder.record({ type: 'completed', tenant: d.tenant, arrivalMs: r.arrivalMs, endMs: ms(nowMs), serviceMs: ms(recordedMs), batch: d.requests.length, gpuMs: gpuMs === null ? undefined : ms(gpuMs) });
        this.events.push({
          tenant: name, arrivalMs: r.arrivalMs, startMs, endMs, batch: d.requests.length, sessionBatch, lane: d.laneId,
          serviceMs, latencyMs: nowMs - r.arrivalMs, gpuMs, timing: SERVICE_TIMING,
        });
        this.due.push(d.tenant);
      }
    }
    // Closed-loop clients refused on arrival retry at the next slice end, as in the simulator.
    this.releaseStalled();
    this.handlingEndOf = d.laneId;
    this.settle();
    this.handlingEndOf = -1;
  }

  /** A slice failed: its batch fails with it, and the first failure of a lane generation rebuilds the lane. */
  private failed(d: Dispatch, error: unknown, generation: number): void {
    this.dropBatch(d, error instanceof Error ? error.message : String(error));
    const slot = this.pool.slot(d.laneId);
    if (generation === slot.generation) {
      // The first failure of this lane generation rebuilds it; later ones of the same generation only drop.
      this.rebuilding++;
      this.pool.rebuild(d.laneId).then(
        () => {
          this.rebuilding--;
          this.settle();
        },
        (rebuildError: unknown) => this.fail?.(new Error(`lane ${String(d.laneId)} could not be rebuilt: ${String(rebuildError)}`)),
      );
    }
    this.settle();
  }

  /** Drops the batch of `d` ('lane-error', from 'running'), records the fault, and gives the batch up in the scheduler. */
  private dropBatch(d: Dispatch, reason: string): void {
    const nowMs = ms(this.clock.nowMs());
    for (const r of d.requests) {
      this.recorder.record({ type: 'dropped', tenant: d.tenant, arrivalMs: r.arrivalMs, atMs: nowMs, reason: 'lane-error', from: 'running' });
      this.due.push(d.tenant);
    }
    this.running[d.tenant] = (this.running[d.tenant] ?? 0) - d.requests.length;
    this.inBlocks.delete(d.requests);
    this.faults.push({ lane: d.laneId, atMs: nowMs, reason, failedRequests: d.requests.length });
    this.releaseStalled();
    this.scheduler.onAbort(d, nowMs);
  }

  private releaseStalled(): void {
    for (const t of this.stalled) this.due.push(t);
    this.stalled = [];
  }

  /** Sets the one timer to the next arrival or batching wake-up; resolves the run when nothing is left. */
  private arm(nowMs: number): void {
    let nextMs = Infinity;
    for (const atMs of this.nextArrivalMs) if (atMs !== undefined && atMs < nextMs) nextMs = atMs;
    for (const atMs of this.wakeMs) if (atMs < nextMs) nextMs = atMs;
    if (nextMs === Infinity) {
      this.clearTimer();
      const busy = this.pool.slots.some((s) => s.inFlight > 0) || this.rebuilding > 0 || this.scheduler.queuedCount() > 0 || this.running.some((r) => r > 0);
      if (!busy) {
        this.checkLedger();
        this.finish?.();
      }
      return;
    }
    if (this.timer !== undefined && this.timerAtMs === nextMs) return;
    this.clearTimer();
    this.timerAtMs = nextMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAtMs = Infinity;
      this.settle();
    }, Math.max(0, nextMs - nowMs));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAtMs = Infinity;
  }
}
