// One run's data on the page: samples, request and slice events in columns, the chart series; the record export writes.
import type { Experiment } from '../../core/experiment';
import type { MetricsSnapshot } from '../../core/metrics';
import type { EngineUpdate } from '../../engine/engine-client';
import type { EngineSnapshot, RequestEvent, SliceEvent, SoloProfilePoint } from '../../engine/engine-protocol';
import { RequestColumns, SliceColumns, TenantIndex } from './event-columns';
import { LatencyCdf } from './latency-cdf';
import { timelineSource, type TimelineSource } from './timeline-view';
import type { RunRows } from './run-file';
import {
  attributionOf, deviceOf, outcomeOf, RUN_FILE_FORMAT, RUN_FILE_VERSION, sampleOf, verdictsOf,
  type RunDevice, type RunOutcome, type RunRecord, type RunSample, type RunSettings,
} from './run-record';
import { SeriesBuilder, type RunSeries } from './run-series';

/** The page's environment, as the run record states it. */
export interface RunEnvironment {
  readonly userAgent: string;
  readonly crossOriginIsolated: boolean;
}

/**
 * Accumulates one run's data; the record and the chart series are derived from it. The page's bound:
 * request and slice events in typed-array columns (event-columns.ts), BYTES_PER_REQUEST (64) bytes per
 * completed request and BYTES_PER_SLICE (36) per slice plus one partly filled chunk; and per snapshot
 * (5 Hz) its sample and the charts' point, about 2 KB (measured in Node: 1.8 KB). A 30-minute run at
 * 500 completed requests/s of whole inferences: about 86 MB of columns and 16 MB of samples and points.
 */
export class RunData {
  readonly samples: RunSample[] = [];
  readonly events: RequestColumns;
  readonly slices: SliceColumns;
  /** Per-tenant latency CDFs of the measured requests (log buckets: bounded whatever the run's length). */
  readonly latencyCdf: LatencyCdf;
  /** The slices as the zoomable timeline reads them (one object per run, so charts that take it are not redrawn for nothing). */
  readonly timeline: TimelineSource;
  latest: EngineSnapshot | null = null;
  /** How the run stands (from the latest snapshot, or as an imported file recorded it); null before the engine answers. */
  outcome: RunOutcome | null = null;
  device: RunDevice | null = null;
  soloProfiles: readonly SoloProfilePoint[] = [];
  summary: MetricsSnapshot | null = null;
  private builder: SeriesBuilder | null = null;
  /** Events and slices that came before the first sample (the builder starts at it). */
  private pendingEvents: RequestEvent[] = [];
  private pendingSlices: SliceEvent[] = [];

  constructor(
    readonly experiment: Experiment,
    readonly settings: RunSettings,
    readonly startedAt: string,
  ) {
    const tenants = new TenantIndex(experiment.tenants.map((t) => t.id));
    this.events = new RequestColumns(tenants);
    this.slices = new SliceColumns(tenants);
    this.timeline = timelineSource(this.slices);
    this.latencyCdf = new LatencyCdf(experiment.tenants.map((t) => t.id), experiment.warmupMs);
  }

  /** Takes one engine update: its events and slices, then the sample that follows them. */
  take(update: EngineUpdate, environment: RunEnvironment): void {
    const { snapshot } = update;
    this.latest = snapshot;
    this.outcome = outcomeOf(snapshot);
    this.soloProfiles = snapshot.soloProfiles;
    if (snapshot.backendUsed !== null) this.device = deviceOf(snapshot, environment);
    this.append(update.events, update.slices);
    const sample = sampleOf(snapshot);
    if (sample === null) return;
    this.summary = snapshot.metrics;
    this.addSample(sample, snapshot.laneCount);
  }

  /** Stores events and slices in the columns; the builder sees them at the next sample. */
  private append(events: readonly RequestEvent[], slices: readonly SliceEvent[]): void {
    for (const e of events) {
      this.events.append(e);
      this.latencyCdf.add(e);
      this.pendingEvents.push(e);
    }
    for (const s of slices) {
      this.slices.append(s);
      this.pendingSlices.push(s);
    }
  }

  /** The builder starts at the first sample: solo profiles and lanes are known by then. */
  private addSample(sample: RunSample, laneCount: number): void {
    const builder = (this.builder ??= new SeriesBuilder(this.experiment, this.soloProfiles, laneCount));
    builder.add(this.pendingEvents, this.pendingSlices);
    this.pendingEvents = [];
    this.pendingSlices = [];
    this.samples.push(sample);
    builder.addSample(sample);
  }

  series(): RunSeries | null {
    return this.builder?.series() ?? null;
  }

  /** The run with its events and slices read row by row from the columns (what export streams). */
  rows(): RunRows {
    return {
      format: RUN_FILE_FORMAT,
      version: RUN_FILE_VERSION,
      startedAt: this.startedAt,
      experiment: this.experiment,
      settings: this.settings,
      device: this.device ?? {
        backendUsed: null, fallbackReasons: [], adapter: null, gpuTiming: null, gpuTimingUnavailable: null, userAgent: '', crossOriginIsolated: false,
      },
      outcome: this.outcome ?? NOT_STARTED,
      soloProfiles: this.soloProfiles,
      samples: this.samples,
      events: this.events,
      slices: this.slices,
      summary: this.summary,
      verdicts: verdictsOf(this.experiment, this.summary),
      ...attributionOf(this.experiment),
    };
  }

  /** The whole run as plain data: every event and slice as an object (memory: a few hundred bytes each). */
  record(): RunRecord {
    const rows = this.rows();
    const events = Array.from({ length: this.events.length }, (_, i) => this.events.at(i) as RequestEvent);
    const slices = Array.from({ length: this.slices.length }, (_, i) => this.slices.at(i) as SliceEvent);
    return { ...rows, events, slices };
  }

  /** The data of an imported record, replayed through the same path a live run takes. */
  static fromRecord(record: RunRecord): RunData {
    const data = new RunData(record.experiment, record.settings, record.startedAt);
    data.device = record.device;
    data.outcome = record.outcome;
    data.soloProfiles = record.soloProfiles;
    data.summary = record.summary;
    data.append(record.events, record.slices);
    // parseRunFile bounds every lane by the experiment's lane count.
    const lanes = record.slices.reduce((most, s) => Math.max(most, s.lane + 1), 1);
    for (const sample of record.samples) data.addSample(sample, lanes);
    return data;
  }
}

/** The outcome of a run whose engine has not answered yet. */
const NOT_STARTED: RunOutcome = {
  phase: 'preparing', error: null, elapsedMs: 0, ledgerChecks: 0, dispatchGapMs: { count: 0, medianMs: null, p99Ms: null, maxMs: null }, arrivalLateness: null, faults: [],
};
