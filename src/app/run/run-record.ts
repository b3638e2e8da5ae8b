// A live run as data: what ran, on what, and everything it measured; what export writes and import reads back.
import { TRACE_ATTRIBUTION } from '../../core/arrivals/builtin-trace-ids';
import type { Experiment } from '../../core/experiment';
import type { ArrivalLateness } from '../../core/loop';
import { verdictInputOf, verdictRecordOf, type MetricsSnapshot, type VerdictRecord } from '../../core/metrics';
import type { AdapterFacts } from '../../runtime/adapter-facts';
import type { Backend, OrtBuild } from '../../runtime/lane-protocol';
import type {
  DispatchGapStats, EnginePhase, EngineSnapshot, LaneFault, RequestEvent, SliceEvent, SoloProfilePoint,
} from '../../engine/engine-protocol';

/** The `format` field of a run file. */
export const RUN_FILE_FORMAT = 'tenancy-lab-run';
/**
 * The run file version this code writes. Version 2 added each tenant's verdict (`verdicts`) and mean batch
 * (`summary.tenants[].meanBatch`); version 1 files still open, both worked out from what they hold.
 */
export const RUN_FILE_VERSION = 2;
/** Every version a run file may have. */
export const RUN_FILE_VERSIONS = [1, 2] as const;

/** The engine settings a run used (defaults resolved). */
export interface RunSettings {
  readonly backend: Backend;
  readonly build: OrtBuild;
  /** Batch sizes of the solo profiles. */
  readonly profileBatches: readonly number[];
  /** Untimed runs before each solo profile point. */
  readonly profileWarmupRuns: number;
  /** Timed runs per solo profile point; with profileUntil 'stable', the most timed runs of a point. */
  readonly profileRuns: number;
  /** 'stable': each point measured in windows until perf_analyzer's rule holds; absent in older files (a fixed run count). */
  readonly profileUntil?: 'runs' | 'stable';
  /** Whether GPU time per run was asked for (JSEP build with timestamp-query only). */
  readonly gpuTiming: boolean;
}

/** Where the run's numbers were measured. */
export interface RunDevice {
  readonly backendUsed: Backend | null;
  readonly fallbackReasons: readonly string[];
  readonly adapter: AdapterFacts | null;
  /** How GPU time was measured, or null. */
  readonly gpuTiming: string | null;
  readonly gpuTimingUnavailable: string | null;
  readonly userAgent: string;
  readonly crossOriginIsolated: boolean;
}

/**
 * One engine snapshot reduced to the counters the charts read over time. Arrays are per tenant in
 * experiment order and count every request, warm-up included (the ledger at that instant).
 */
export interface RunSample {
  /** Engine clock: ms since the run's first arrival. */
  readonly atMs: number;
  readonly arrivals: readonly number[];
  readonly completed: readonly number[];
  readonly dropped: readonly number[];
  readonly queued: readonly number[];
  readonly running: readonly number[];
}

/** How the run ended (or where it stands while live). */
export interface RunOutcome {
  readonly phase: EnginePhase;
  readonly error: string | null;
  /** Wall-clock ms since the first arrival (engine clock). */
  readonly elapsedMs: number;
  readonly ledgerChecks: number;
  readonly dispatchGapMs: DispatchGapStats;
  /** Open-loop arrivals issued late against their schedule; null when not recorded (before the run, older files). */
  readonly arrivalLateness: ArrivalLateness | null;
  readonly faults: readonly LaneFault[];
}

/** A whole run. Plain data, JSON-serialisable. */
export interface RunRecord {
  readonly format: typeof RUN_FILE_FORMAT;
  readonly version: typeof RUN_FILE_VERSION;
  /** ISO 8601 instant the run was started. */
  readonly startedAt: string;
  readonly experiment: Experiment;
  readonly settings: RunSettings;
  readonly device: RunDevice;
  readonly outcome: RunOutcome;
  readonly soloProfiles: readonly SoloProfilePoint[];
  /** One per engine snapshot that had metrics (5 Hz by default). */
  readonly samples: readonly RunSample[];
  /** Every completed request, in completion order. */
  readonly events: readonly RequestEvent[];
  /** Every slice a lane completed, in completion order. */
  readonly slices: readonly SliceEvent[];
  /** The latest metrics: the final ones once the run is over. */
  readonly summary: MetricsSnapshot | null;
  /** Each tenant's MLPerf-style verdict on `summary`, in experiment order, with its figures and reason (none without a summary). */
  readonly verdicts: readonly VerdictRecord[];
  /** Credit owed by the data the run used (a replayed production trace's CC-BY 4.0 attribution); absent when none. */
  readonly attribution?: string;
}

/** The attribution a record of `experiment` must carry: a replayed built-in trace's, or none. */
export function attributionOf(experiment: Experiment): { readonly attribution?: string } {
  return experiment.tenants.some((t) => t.arrival.kind === 'replay') ? { attribution: TRACE_ATTRIBUTION } : {};
}

/** Each tenant's verdict on `summary` against its SLO, in experiment order; none without a summary. */
export function verdictsOf(experiment: Experiment, summary: MetricsSnapshot | null): VerdictRecord[] {
  if (summary === null) return [];
  return experiment.tenants.flatMap((t) => {
    const m = summary.tenants.find((x) => x.id === t.id);
    return m === undefined ? [] : [verdictRecordOf(t.id, verdictInputOf(m, t.sloMs))];
  });
}

/** The counters of one snapshot, or null when it has no metrics yet. */
export function sampleOf(snapshot: EngineSnapshot): RunSample | null {
  const metrics = snapshot.metrics;
  if (metrics === null) return null;
  const pick = (field: 'arrivals' | 'completed' | 'dropped' | 'queued' | 'running'): number[] => metrics.tenants.map((t) => t.ledger[field]);
  return {
    atMs: metrics.atMs,
    arrivals: pick('arrivals'),
    completed: pick('completed'),
    dropped: pick('dropped'),
    queued: pick('queued'),
    running: pick('running'),
  };
}

/** The device facts of a snapshot plus the page's environment. */
export function deviceOf(snapshot: EngineSnapshot, environment: { userAgent: string; crossOriginIsolated: boolean }): RunDevice {
  return {
    backendUsed: snapshot.backendUsed,
    fallbackReasons: snapshot.fallbackReasons,
    adapter: snapshot.adapter,
    gpuTiming: snapshot.gpuTiming,
    gpuTimingUnavailable: snapshot.gpuTimingUnavailable,
    ...environment,
  };
}

/** The outcome fields of a snapshot. */
export function outcomeOf(snapshot: EngineSnapshot): RunOutcome {
  return {
    phase: snapshot.phase,
    error: snapshot.error,
    elapsedMs: snapshot.elapsedMs,
    ledgerChecks: snapshot.ledgerChecks,
    dispatchGapMs: snapshot.dispatchGapMs,
    arrivalLateness: snapshot.arrivalLateness,
    faults: snapshot.faults,
  };
}
