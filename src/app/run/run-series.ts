// Chart data of a run, built incrementally from its samples, request events and slices (live, or from an imported file).
import { Digest, soloLatencyAt, soloPointsOf, soloProfilesOf, WindowQuantiles, type DistributionSummary, type SoloProfiles } from '../../core/metrics';
import { modelKey, type Experiment } from '../../core/experiment';
import { CompletionQueue } from './completion-queue';
import { NumberHeap } from './number-heap';
import type { RequestEvent, SliceEvent, SoloProfilePoint } from '../../engine/engine-protocol';
import type { RunSample } from './run-record';

/** Trailing window of the throughput series, ms. */
export const THROUGHPUT_WINDOW_MS = 1000;
/** Trailing window of the latency percentiles and the SLO rate over time, ms. */
export const LATENCY_WINDOW_MS = 2000;
/** How much of the end of the run the GPU timeline shows, ms. */
export const TIMELINE_WINDOW_MS = 5000;
/** Most slices the timeline draws (the newest). */
export const TIMELINE_MAX_SLICES = 3000;
/**
 * Most points a time-series chart draws. Past it the charts draw every k-th sample (k a power of two,
 * so the points kept stay put as the run grows) and the last: each refresh converts and draws every
 * point kept, and when the charts were recharts they kept objects and SVG path text per point drawn
 * (about 17 kB a sample over eight charts, measured by bench:soak --heap-census), which a 30-minute
 * run at 5 Hz would have grown past 150 MB.
 */
export const MAX_CHART_POINTS = 600;

/** The charts' values at one sample instant; arrays are per tenant in experiment order. */
export interface SeriesPoint {
  /** Seconds since the run's first arrival (engine clock). */
  readonly tS: number;
  /** Completed requests per second over the trailing THROUGHPUT_WINDOW_MS. */
  readonly perSec: readonly number[];
  readonly totalPerSec: number;
  /** Whole inferences (session.run of a batch, or its last layer block) per second, same window. */
  readonly runsPerSec: number;
  /** Nearest-rank latency percentiles (within 1%: log buckets) over the completions of the trailing LATENCY_WINDOW_MS, ms. */
  readonly p50: readonly (number | null)[];
  readonly p95: readonly (number | null)[];
  readonly p99: readonly (number | null)[];
  /** Completions in that window. */
  readonly n: readonly number[];
  /** Within-SLO completions / (completions + drops) in that window; null when neither happened. */
  readonly slo: readonly (number | null)[];
  /** Requests waiting for a lane at the instant. */
  readonly queued: readonly number[];
}

/** Everything the charts draw. */
export interface RunSeries {
  readonly tenants: readonly string[];
  readonly sloMs: readonly number[];
  readonly warmupS: number;
  /** When arrivals stop (warm-up + duration); after it the queues drain. */
  readonly arrivalsEndS: number;
  /** At most MAX_CHART_POINTS: every `pointStride`-th sample (each point is a trailing-window figure) and the last. */
  readonly points: readonly SeriesPoint[];
  /** Samples per point drawn (1 until the run has more than MAX_CHART_POINTS samples). */
  readonly pointStride: number;
  /** Per tenant: lane service time / solo latency at the session batch, over measured requests; null without a solo profile. */
  readonly serviceInflation: readonly (DistributionSummary | null)[];
  /** Per tenant: median of a batch's service time / its requests over measured requests, ms; null before any. */
  readonly servicePerRequestMs: readonly (number | null)[];
  /** The slices of the last TIMELINE_WINDOW_MS (at most TIMELINE_MAX_SLICES, the newest). */
  readonly timeline: { readonly fromMs: number; readonly toMs: number; readonly lanes: number; readonly slices: readonly SliceEvent[] };
}

/** The series of a run with no measurements yet (charts draw their axes while the run prepares). */
export function emptySeries(experiment: Experiment, laneCount: number): RunSeries {
  return new SeriesBuilder(experiment, [], laneCount).series();
}

/** Every k-th point (k the smallest power of two that keeps at most MAX_CHART_POINTS) and the last. */
export function chartPoints(points: readonly SeriesPoint[]): { readonly points: SeriesPoint[]; readonly pointStride: number } {
  if (points.length <= MAX_CHART_POINTS) return { points: [...points], pointStride: 1 };
  let stride = 2;
  // Room for the last point beside every stride-th one.
  while (Math.ceil(points.length / stride) >= MAX_CHART_POINTS) stride *= 2;
  const kept: SeriesPoint[] = [];
  for (let i = 0; i < points.length; i += stride) kept.push(points[i] as SeriesPoint);
  const last = points[points.length - 1];
  if (last !== undefined && kept[kept.length - 1] !== last) kept.push(last);
  return { points: kept, pointStride: stride };
}

/** Completion instant of a request on the engine clock (when the metrics recorded it). */
const completionMs = (e: RequestEvent): number => e.arrivalMs + e.latencyMs;

/** Per-tenant completions in recording order with two window pointers; the latency window's quantiles and SLO count kept as they move. */
interface TenantTrack {
  /** Only what the windows still cover: rows before min(lo1, lo2) are forgotten. */
  readonly done: CompletionQueue;
  hi: number;
  lo1: number;
  lo2: number;
  /** Latencies of [lo2, hi). */
  readonly window: WindowQuantiles;
  /** Within-SLO completions in [lo2, hi). */
  withinInWindow: number;
  readonly inflation: Digest | null;
  /** Service time per request (a batch's service time / its requests), ms. */
  readonly perRequest: Digest;
}

/** Slices kept for the timeline: those ending within this of the newest slice's end, ms. */
const TIMELINE_KEEP_MS = TIMELINE_WINDOW_MS + 1000;

/**
 * Builds {@link RunSeries} as a run goes: `add` the request events and slices that arrived with a
 * sample, then the sample. Each event and slice costs O(log) once, each sample O(log) per tenant, so an
 * imported file of any shape is read in (near) linear time. Memory does not grow with the number of
 * requests: completions are kept only while the trailing windows cover them, slices only for the
 * timeline's last seconds; what grows is one point per sample (5 Hz live), as the charts draw them.
 */
export class SeriesBuilder {
  private readonly tracks: TenantTrack[];
  private readonly index = new Map<string, number>();
  private readonly samples: RunSample[] = [];
  private readonly points: SeriesPoint[] = [];
  /** Inference ends not yet at or before the latest sample (runHi), or its window start (runLo); counts of those passed. */
  private readonly endsAhead = new NumberHeap();
  private readonly endsAheadOfWindow = new NumberHeap();
  private runHi = 0;
  private runLo = 0;
  /** Index of the latest sample at or before the latency window's start. */
  private dropLo = -1;
  /** The newest slices, in arrival order, from `slicesHead` on (older ones are dropped in batches). */
  private slices: SliceEvent[] = [];
  private slicesHead = 0;
  private newestEndMs = -Infinity;
  private readonly solo: SoloProfiles;
  private lanes: number;
  /** The same arrays in every series of the run: charts build their options once per run, not per refresh. */
  private readonly tenantIds: readonly string[];
  private readonly sloMs: readonly number[];

  constructor(
    private readonly experiment: Experiment,
    soloProfiles: readonly SoloProfilePoint[],
    laneCount: number,
  ) {
    this.solo = soloProfilesOf(soloProfiles);
    this.lanes = laneCount;
    this.tenantIds = experiment.tenants.map((t) => t.id);
    this.sloMs = experiment.tenants.map((t) => t.sloMs);
    this.tracks = experiment.tenants.map((t, i) => {
      this.index.set(t.id, i);
      const hasSolo = soloPointsOf(this.solo, modelKey(t.model, t.resolution)) !== undefined;
      return { done: new CompletionQueue(), hi: 0, lo1: 0, lo2: 0, window: new WindowQuantiles(), withinInWindow: 0, inflation: hasSolo ? new Digest() : null, perRequest: new Digest() };
    });
  }

  /** Adds completed requests (in completion order) and the slices lanes ran. */
  add(events: readonly RequestEvent[], slices: readonly SliceEvent[]): void {
    for (const e of events) {
      const t = this.index.get(e.tenant);
      const track = t === undefined ? undefined : this.tracks[t];
      const tenant = t === undefined ? undefined : this.experiment.tenants[t];
      if (track === undefined || tenant === undefined) continue;
      track.done.push(completionMs(e), e.latencyMs, e.latencyMs <= tenant.sloMs);
      if (e.arrivalMs >= this.experiment.warmupMs && e.batch >= 1) {
        track.perRequest.add(e.serviceMs / e.batch);
      }
      if (track.inflation !== null && e.arrivalMs >= this.experiment.warmupMs) {
        const soloMs = soloLatencyAt(soloPointsOf(this.solo, modelKey(tenant.model, tenant.resolution)) ?? [], e.sessionBatch);
        if (soloMs !== undefined && soloMs > 0) track.inflation.add(e.serviceMs / soloMs);
      }
    }
    for (const s of slices) {
      this.slices.push(s);
      this.newestEndMs = Math.max(this.newestEndMs, s.endMs);
      this.lanes = Math.max(this.lanes, s.lane + 1);
      if (s.block === s.blocks - 1) {
        this.endsAhead.push(s.endMs);
        this.endsAheadOfWindow.push(s.endMs);
      }
    }
    this.forgetOldSlices();
  }

  /** Drops slices that ended over TIMELINE_KEEP_MS before the newest (the timeline never reaches them again). */
  private forgetOldSlices(): void {
    const cutoffMs = this.newestEndMs - TIMELINE_KEEP_MS;
    while (this.slicesHead < this.slices.length && (this.slices[this.slicesHead]?.endMs ?? Infinity) < cutoffMs) this.slicesHead++;
    if (this.slicesHead > 1024 && this.slicesHead * 2 > this.slices.length) {
      this.slices = this.slices.slice(this.slicesHead);
      this.slicesHead = 0;
    }
  }

  /** Appends the point of a sample (after the events that completed up to it were added). */
  addSample(sample: RunSample): void {
    const t = sample.atMs;
    const previous = this.samples[this.samples.length - 1];
    if (previous !== undefined && t < previous.atMs) return;
    this.samples.push(sample);
    const span1 = Math.min(THROUGHPUT_WINDOW_MS, Math.max(t, 1)) / 1000;
    const droppedBefore = this.droppedAt(t - LATENCY_WINDOW_MS);
    const perSec: number[] = [];
    const p50: (number | null)[] = [];
    const p95: (number | null)[] = [];
    const p99: (number | null)[] = [];
    const n: number[] = [];
    const slo: (number | null)[] = [];
    this.tracks.forEach((track, i) => {
      const done = track.done;
      while (track.hi < done.end && done.doneAt(track.hi) <= t) {
        track.window.add(done.latencyAt(track.hi));
        if (done.withinAt(track.hi)) track.withinInWindow++;
        track.hi++;
      }
      while (track.lo1 < track.hi && done.doneAt(track.lo1) <= t - THROUGHPUT_WINDOW_MS) track.lo1++;
      while (track.lo2 < track.hi && done.doneAt(track.lo2) <= t - LATENCY_WINDOW_MS) {
        track.window.remove(done.latencyAt(track.lo2));
        if (done.withinAt(track.lo2)) track.withinInWindow--;
        track.lo2++;
      }
      done.forgetBefore(Math.min(track.lo1, track.lo2));
      perSec.push((track.hi - track.lo1) / span1);
      const count = track.window.count;
      p50.push(track.window.quantile(0.5));
      p95.push(track.window.quantile(0.95));
      p99.push(track.window.quantile(0.99));
      n.push(count);
      const drops = (sample.dropped[i] ?? 0) - (droppedBefore[i] ?? 0);
      slo.push(count + drops > 0 ? track.withinInWindow / (count + drops) : null);
    });
    while ((this.endsAhead.peek() ?? Infinity) <= t) {
      this.endsAhead.pop();
      this.runHi++;
    }
    while ((this.endsAheadOfWindow.peek() ?? Infinity) <= t - THROUGHPUT_WINDOW_MS) {
      this.endsAheadOfWindow.pop();
      this.runLo++;
    }
    this.points.push({
      tS: t / 1000,
      perSec,
      totalPerSec: perSec.reduce((a, b) => a + b, 0),
      runsPerSec: (this.runHi - this.runLo) / span1,
      p50, p95, p99, n, slo,
      queued: [...sample.queued],
    });
  }

  /** Dropped counts of the latest sample at or before `atMs` (zeros before the first); `atMs` never decreases between calls. */
  private droppedAt(atMs: number): readonly number[] {
    while ((this.samples[this.dropLo + 1]?.atMs ?? Infinity) <= atMs) this.dropLo++;
    return this.samples[this.dropLo]?.dropped ?? [];
  }

  /** Completions and slices held now (what the trailing windows and the timeline still cover): for bound checks. */
  retained(): { readonly completions: number; readonly slices: number } {
    return { completions: this.tracks.reduce((sum, t) => sum + t.done.held, 0), slices: this.slices.length - this.slicesHead };
  }

  /** The chart data now. */
  series(): RunSeries {
    const toMs = Math.max(this.samples[this.samples.length - 1]?.atMs ?? 0, 0);
    const fromMs = Math.max(0, toMs - TIMELINE_WINDOW_MS);
    const recent: SliceEvent[] = [];
    // Slices arrive in completion order, nearly sorted by end: scan back past the window start by a second.
    for (let k = this.slices.length - 1; k >= this.slicesHead && recent.length < TIMELINE_MAX_SLICES; k--) {
      const s = this.slices[k] as SliceEvent;
      if (s.endMs < fromMs - 1000) break;
      if (s.endMs > fromMs && s.startMs < toMs) recent.push(s);
    }
    recent.reverse();
    return {
      tenants: this.tenantIds,
      sloMs: this.sloMs,
      warmupS: this.experiment.warmupMs / 1000,
      arrivalsEndS: (this.experiment.warmupMs + this.experiment.durationMs) / 1000,
      ...chartPoints(this.points),
      serviceInflation: this.tracks.map((track) => (track.inflation === null || track.inflation.count === 0 ? null : track.inflation.summary())),
      servicePerRequestMs: this.tracks.map((track) => track.perRequest.quantile(0.5) ?? null),
      timeline: { fromMs, toMs, lanes: this.lanes, slices: recent },
    };
  }
}
