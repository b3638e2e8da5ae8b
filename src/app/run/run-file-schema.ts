// The zod schema of a run file (what export writes): validated field by field on import, never trusted.
import { z } from 'zod';
import { cappedArray, ExperimentSchema, MAX_BATCH_SIZE } from '../../core/experiment';
import { DROP_REASONS, VerdictRecordSchema } from '../../core/metrics';
import { KEY_LIMIT_DEFAULTS, type KeyLimitName } from '../../runtime/adapter-facts';
import { BACKENDS, ORT_BUILDS } from '../../runtime/lane-protocol';
import { ms } from '../../core/units';
import { RUN_FILE_FORMAT, RUN_FILE_VERSIONS } from './run-record';

/** Most request events, slices and samples a run file may hold: more than a string V8 can read (2^29 characters) could carry. */
export const MAX_RUN_EVENTS = 4_000_000;
/** Most tenants (the experiment schema's bound) and so most counts per sample. */
const MAX_TENANTS = 16;
/** Most entries of the short lists (solo points, faults, features, reasons). */
const MAX_LIST = 10_000;

const count = z.int().min(0);
const finite = z.number();
const nonNegative = z.number().min(0);
const counts = z.array(count).max(MAX_TENANTS);
const batchSize = z.int().min(1).max(MAX_BATCH_SIZE);
const shortList = <T extends z.ZodType>(item: T) => cappedArray(item, { max: MAX_LIST });
// Milliseconds carry the Ms brand once checked (core/units.ts), as the engine's own records do.
const finiteMs = finite.transform(ms);
const nonNegativeMs = nonNegative.transform(ms);
const positiveMs = z.number().positive().transform(ms);

const ENGINE_PHASES = ['idle', 'preparing', 'profiling', 'running', 'draining', 'finished', 'stopped', 'failed'] as const;
const LIMIT_NAMES = Object.keys(KEY_LIMIT_DEFAULTS) as [KeyLimitName, ...KeyLimitName[]];

const QuantileSchema = z.strictObject({ value: nonNegative.nullable(), valid: z.boolean(), minSamples: count });
const DistributionSchema = z.strictObject({
  count,
  mean: nonNegative.nullable(),
  min: nonNegative.nullable(),
  max: nonNegative.nullable(),
  p50: QuantileSchema,
  p90: QuantileSchema,
  p95: QuantileSchema,
  p99: QuantileSchema,
});
// 'stopped' came later: a file from before it has no such count (0: nothing was cancelled by Stop).
const byReason = z.strictObject({
  ...(Object.fromEntries(DROP_REASONS.map((r) => [r, count])) as Record<(typeof DROP_REASONS)[number], typeof count>),
  stopped: count.default(0),
});

const TenantMetricsSchema = z.strictObject({
  id: z.string(),
  ledger: z.strictObject({ arrivals: count, completed: count, dropped: count, droppedByReason: byReason, queued: count, running: count }),
  measured: z.strictObject({ arrivals: count, completed: count, completedWithinSlo: count, dropped: count, droppedByReason: byReason }),
  latencyMs: DistributionSchema,
  queueMs: DistributionSchema,
  serviceMs: DistributionSchema,
  slowdown: DistributionSchema.nullable(),
  throughputPerSec: nonNegative,
  goodputPerSec: nonNegative,
  meanThroughputPerSec: nonNegative,
  meanGoodputPerSec: nonNegative,
  sloSatisfaction: z.number().min(0).max(1).nullable(),
  gpuMs: nonNegative,
  gpuShare: z.number().min(0).max(1).nullable(),
  // Version 2 on (parseRunFile requires it there); absent in version 1 files, whose reader works it out from the events.
  meanBatch: z.number().min(1).max(MAX_BATCH_SIZE).nullable().optional(),
});

const MetricsSchema = z.strictObject({
  atMs: finite,
  warmupMs: nonNegative,
  measuredMs: nonNegative,
  windowMs: z.number().positive(),
  relativeAccuracy: z.number().positive().lt(1),
  gpuTimeSource: z.enum(['gpu-timestamps', 'service-time']),
  tenants: z.array(TenantMetricsSchema).max(MAX_TENANTS),
  overall: TenantMetricsSchema,
  jainFairness: z.number().min(0).max(1).nullable(),
});

const AdapterSchema = z.strictObject({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  isFallbackAdapter: z.boolean().nullable(),
  features: shortList(z.string()),
  hasTimestampQuery: z.boolean(),
  hasShaderF16: z.boolean(),
  limits: shortList(z.strictObject({ name: z.enum(LIMIT_NAMES), value: nonNegative, specDefault: nonNegative })),
});

const SoloPointSchema = z.strictObject({
  modelKey: z.string(),
  batch: batchSize,
  warmupRuns: count,
  samples: z.int().min(1),
  medianMs: positiveMs,
  p99Ms: positiveMs,
  throughputPerSec: z.number().positive(),
  timing: z.literal('wall-clock'),
  cached: z.boolean(),
  // Absent in run files written before profiles were kept across reloads.
  measuredAtEpochMs: nonNegativeMs.optional(),
  // Present when the point was measured until stable (perf_analyzer's rule).
  stability: z.enum(['stable', 'unstable']).optional(),
  windows: z.int().min(1).max(1000).optional(),
});

const SampleSchema = z.strictObject({ atMs: finite, arrivals: counts, completed: counts, dropped: counts, queued: counts, running: counts });

const RequestEventSchema = z.strictObject({
  tenant: z.string(),
  arrivalMs: finiteMs,
  startMs: finiteMs,
  endMs: finiteMs,
  batch: batchSize,
  sessionBatch: batchSize,
  lane: count,
  serviceMs: nonNegativeMs,
  latencyMs: nonNegativeMs,
  gpuMs: nonNegativeMs.nullable(),
  timing: z.literal('wall-clock'),
});

const SliceEventSchema = z.strictObject({
  lane: count,
  tenant: z.string(),
  startMs: finiteMs,
  endMs: finiteMs,
  batch: batchSize,
  block: count,
  blocks: z.int().min(1).max(64),
});

const OutcomeSchema = z.strictObject({
  phase: z.enum(ENGINE_PHASES),
  error: z.string().nullable(),
  elapsedMs: nonNegativeMs,
  ledgerChecks: count,
  dispatchGapMs: z.strictObject({ count, medianMs: nonNegativeMs.nullable(), p99Ms: nonNegativeMs.nullable(), maxMs: nonNegativeMs.nullable(), fromRing: count.optional() }),
  // Absent in files written before arrival lateness was recorded.
  arrivalLateness: z
    .strictObject({ arrivals: count, late: count, lateShare: z.number().min(0).max(1).nullable(), p99Ms: nonNegative.nullable(), maxMs: nonNegative.nullable() })
    .nullable()
    .default(null),
  faults: shortList(z.strictObject({ lane: count, atMs: finiteMs, reason: z.string(), failedRequests: count })),
});

/** A run file as export writes it. */
export const RunFileSchema = z.strictObject({
  format: z.literal(RUN_FILE_FORMAT, { error: `expected "${RUN_FILE_FORMAT}" (this is not a Tenancy Lab run file)` }),
  version: z.literal(RUN_FILE_VERSIONS, { error: `expected version ${RUN_FILE_VERSIONS.join(' or ')}` }),
  startedAt: z.iso.datetime(),
  experiment: ExperimentSchema,
  settings: z.strictObject({
    backend: z.enum(BACKENDS),
    build: z.enum(ORT_BUILDS),
    profileBatches: z.array(batchSize).min(1).max(MAX_BATCH_SIZE),
    profileWarmupRuns: count,
    profileRuns: z.int().min(1),
    profileUntil: z.enum(['runs', 'stable']).optional(),
    gpuTiming: z.boolean(),
  }),
  device: z.strictObject({
    backendUsed: z.enum(BACKENDS).nullable(),
    fallbackReasons: shortList(z.string()),
    adapter: AdapterSchema.nullable(),
    gpuTiming: z.string().nullable(),
    gpuTimingUnavailable: z.string().nullable(),
    userAgent: z.string(),
    crossOriginIsolated: z.boolean(),
  }),
  outcome: OutcomeSchema,
  soloProfiles: shortList(SoloPointSchema),
  samples: cappedArray(SampleSchema, { max: MAX_RUN_EVENTS, what: 'samples' }),
  events: cappedArray(RequestEventSchema, { max: MAX_RUN_EVENTS, what: 'events' }),
  slices: cappedArray(SliceEventSchema, { max: MAX_RUN_EVENTS, what: 'slices' }),
  summary: MetricsSchema.nullable(),
  // Version 2 on (parseRunFile requires it there, one per tenant, agreeing with the summary); version 1 files have none.
  verdicts: z.array(VerdictRecordSchema).max(MAX_TENANTS).optional(),
  // Present when the run replayed a built-in production trace (its CC-BY 4.0 attribution).
  attribution: z.string().max(2000).optional(),
});
