// What a live run keeps of the loop's reports: the metrics recorder and ledger, and the request and slice events not yet sent to the page.
import type { Experiment } from '../core/experiment';
import { sessionBatchOf } from '../core/experiment';
import type { BatchDone, LoopHoldings, LoopObserver, SliceTiming } from '../core/loop';
import { MetricsRecorder, type MetricsSnapshot, type SoloProfiles } from '../core/metrics';
import type { Dispatch, SchedRequest } from '../core/scheduler';
import { ms, type Ms } from '../core/units';
import { SERVICE_TIMING, type EngineProgress, type LaneFault, type RequestEvent, type SliceEvent } from './engine-protocol';

/** Most lane faults kept (each names its lane, instant and reason); past it only the count grows. */
export const MAX_FAULTS_KEPT = 100;

/**
 * The live run's observer. Request and slice events wait here only until the next `take()` (every
 * snapshot), so the worker's memory does not grow with the length of the run.
 */
export class LiveObserver implements LoopObserver {
  readonly recorder: MetricsRecorder;
  readonly faults: LaneFault[] = [];
  faultCount = 0;
  ledgerChecks = 0;
  private events: RequestEvent[] = [];
  private slices: SliceEvent[] = [];
  private readonly names: readonly string[];

  constructor(
    experiment: Experiment,
    soloProfiles: SoloProfiles,
    /** Called once when the loop has nothing left. */
    private readonly onIdle: () => void,
  ) {
    this.recorder = new MetricsRecorder(experiment, { soloProfiles });
    this.names = experiment.tenants.map((t) => t.id);
  }

  arrived(r: SchedRequest): void {
    this.recorder.record({ type: 'arrival', tenant: r.tenant, arrivalMs: r.arrivalMs });
  }

  dropped(r: SchedRequest, reason: Parameters<LoopObserver['dropped']>[1], from: Parameters<LoopObserver['dropped']>[2], nowMs: Ms): void {
    this.recorder.record({ type: 'dropped', tenant: r.tenant, arrivalMs: r.arrivalMs, atMs: nowMs, reason, from });
  }

  started(d: Dispatch, nowMs: Ms): void {
    for (const r of d.requests) this.recorder.record({ type: 'started', tenant: d.tenant, arrivalMs: r.arrivalMs, atMs: nowMs });
  }

  sliceDone(d: Dispatch, timing: SliceTiming): void {
    this.slices.push({
      lane: d.laneId, tenant: this.names[d.tenant] ?? String(d.tenant), startMs: timing.startMs, endMs: timing.endMs,
      batch: d.requests.length, block: d.block, blocks: d.blocks,
    });
  }

  sliceFailed(d: Dispatch, reason: string, nowMs: Ms): void {
    this.faultCount++;
    if (this.faults.length < MAX_FAULTS_KEPT) this.faults.push({ lane: d.laneId, atMs: nowMs, reason, failedRequests: d.requests.length });
  }

  completed(r: SchedRequest, done: BatchDone, nowMs: Ms): void {
    // The request ends when the engine learns of it; its service is the lane's wall-clock run time.
    const latencyMs = ms(nowMs - r.arrivalMs);
    this.recorder.record({
      type: 'completed', tenant: r.tenant, arrivalMs: r.arrivalMs, endMs: nowMs, serviceMs: ms(Math.min(done.serviceMs, latencyMs)),
      batch: done.batch, gpuMs: done.gpuMs,
    });
    this.events.push({
      tenant: this.names[r.tenant] ?? String(r.tenant), arrivalMs: r.arrivalMs, startMs: done.startMs, endMs: done.endMs, batch: done.batch,
      sessionBatch: sessionBatchOf(done.batch), lane: done.lane, serviceMs: done.serviceMs, latencyMs, gpuMs: done.gpuMs ?? null, timing: SERVICE_TIMING,
    });
  }

  idle(): void {
    this.onIdle();
  }

  /** The events since the previous call; they are not kept here after it. */
  take(): EngineProgress {
    const progress = { events: this.events, slices: this.slices };
    this.events = [];
    this.slices = [];
    return progress;
  }

  /** Checks the ledger, and that it agrees with what the scheduler and lanes hold; throws LedgerViolation otherwise. */
  check(holdings: LoopHoldings, tenants: number): void {
    this.recorder.ledger.check();
    for (let t = 0; t < tenants; t++) this.recorder.ledger.verify(t, { queued: holdings.queued(t), running: holdings.running(t) });
    this.ledgerChecks++;
  }

  snapshot(nowMs: Ms): MetricsSnapshot {
    return this.recorder.snapshot(nowMs);
  }
}
