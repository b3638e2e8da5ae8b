// Replays a live run's own trace through the event loop on a virtual clock: the latency the run would have had with no engine overhead.
import { EventLoop, type LoopConfig } from '../loop/event-loop';
import { VirtualClock } from '../loop/virtual-clock';
import type { Dispatch } from '../scheduler/types';
import type { Ms } from '../units';
import { ModelledExecutor } from './modelled-executor';

/** A completed request: its tenant, its scheduled arrival and its latency from that arrival, ms. */
export interface TimedRequest {
  readonly tenant: number;
  readonly arrivalMs: number;
  readonly latencyMs: number;
}

/** What a replay gives. */
export interface ReplayResult {
  /** Every completed request, in completion order. */
  readonly completed: readonly TimedRequest[];
  /** Requests dropped (refused or evicted) in the replay. */
  readonly dropped: number;
  /**
   * Slices the replay ran past the trace's count for their tenant (each charged the tenant's mean
   * measured slice service): 0 when the replay took the run's decisions, as it does unless the run's
   * own timing changed one (a batch size, a drop).
   */
  readonly unmatchedSlices: number;
}

/**
 * Reruns a run on a virtual clock: `config` must be the run's own (equal arrivals: see liveLoopConfig),
 * and the k-th slice a tenant runs takes `sliceServiceMs[tenant][k]`, the service that slice measured
 * (slices of a tenant run in order on its lane). Lanes do not slow each other down beyond that: the
 * measured services already hold any contention. What is left, a request's live latency minus its
 * replayed one, is what the engine itself added: timers, message passing, gaps between slices.
 */
export function replayRun(config: LoopConfig, sliceServiceMs: readonly (readonly number[])[]): ReplayResult {
  const n = config.tenants.length;
  const laneCount = config.laneMode === 'concurrent' ? n : 1;
  const next = new Int32Array(n);
  const meanMs = sliceServiceMs.map((list) => (list.length === 0 ? 1 : list.reduce((a, b) => a + b, 0) / list.length));
  let unmatchedSlices = 0;
  const sampleSliceMs = (d: Dispatch): Ms => {
    const list = sliceServiceMs[d.tenant] ?? [];
    const k = next[d.tenant] as number;
    next[d.tenant] = k + 1;
    const measured = list[k];
    if (measured !== undefined) return measured as Ms;
    unmatchedSlices++;
    return (meanMs[d.tenant] ?? 1) as Ms;
  };
  const completed: TimedRequest[] = [];
  let dropped = 0;
  const clock = new VirtualClock(laneCount + 1);
  const loop = new EventLoop(config, (events) => new ModelledExecutor(laneCount, clock, 0, sampleSliceMs, events), clock, {
    arrived: () => undefined,
    started: () => undefined,
    dropped: () => {
      dropped++;
    },
    completed: (r, _done, nowMs) => {
      completed.push({ tenant: r.tenant, arrivalMs: r.arrivalMs, latencyMs: nowMs - r.arrivalMs });
    },
  });
  loop.start();
  clock.run();
  return { completed, dropped, unmatchedSlices };
}

/**
 * Per tenant, live latency minus replayed latency of each request, ms, pairing the k-th completed
 * request of a tenant by arrival in one with the k-th in the other (for an open-loop tenant with no
 * drops these are the same requests; a closed loop's arrivals follow its completions, so its k-th
 * request is paired with the replay's k-th). Only requests that arrived at or after `fromMs` count.
 */
export function overheadsByTenant(live: readonly TimedRequest[], replayed: readonly TimedRequest[], tenants: number, fromMs = 0): Float64Array[] {
  const sortedOf = (list: readonly TimedRequest[], t: number): TimedRequest[] =>
    list.filter((r) => r.tenant === t && r.arrivalMs >= fromMs).sort((a, b) => a.arrivalMs - b.arrivalMs);
  return Array.from({ length: tenants }, (_, t) => {
    const a = sortedOf(live, t);
    const b = sortedOf(replayed, t);
    const count = Math.min(a.length, b.length);
    const out = new Float64Array(count);
    for (let k = 0; k < count; k++) out[k] = (a[k] as TimedRequest).latencyMs - (b[k] as TimedRequest).latencyMs;
    return out;
  });
}
