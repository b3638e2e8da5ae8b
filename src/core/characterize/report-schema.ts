// The characterization report (zod, versioned: writes `version: 2`, reads 1 and 2): what report.json holds and what the page and the CLI validate.
import { z } from 'zod';
import { cappedArray } from '../experiment/capped-array';
import { CustomModelSchema } from '../experiment/custom-model-schema';
import { MODEL_ID, MODEL_ID_HINT } from '../experiment/model-id';
import { POLICIES } from '../experiment/schema';

/** The report version this code writes. Version 1 reports (no sizes, partial repeats, live capacity or timing) still open. */
export const REPORT_VERSION = 2;
/** Versions this code reads: 2 only adds optional fields to 1. */
export const READABLE_VERSIONS = [1, 2] as const;

/** Most entries of any list in a report (a hostile file stays cheap to validate). */
const MAX_ITEMS = 4096;
/** Most timed steps: 4 sizes x (8 models x 7 batch sizes + 36 pairs x 2 modes) x 30 repeats, and room for retries and live probes. */
const MAX_STEPS = 20_000;
const list = <T extends z.ZodType>(item: T) => cappedArray(item, { max: MAX_ITEMS, what: 'entries' });
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nullableFinite = finite.nullable();
const text = (max = 2000) => z.string().max(max);

/** A model at an input resolution, `model@px` (e.g. `tiny-cnn@32`). */
const MODEL_KEY = /^(custom:[^\s]{1,128}|[a-z0-9_-]{1,64})@\d{2,4}$/;
const modelKey = z.string().regex(MODEL_KEY, `expected model@resolution (${MODEL_ID_HINT})`);

/** One figure over its repeats (see repeatStats): n, mean, sd, CV, 95% CI; nulls where n is too small. */
export const StatSchema = z.strictObject({
  n: z.int().min(0).max(MAX_ITEMS),
  mean: nullableFinite,
  sd: nullableFinite,
  cv: nullableFinite,
  ci95Low: nullableFinite,
  ci95High: nullableFinite,
});
export type Stat = z.infer<typeof StatSchema>;

/** How a measurement settled: repeats that met the stability rule and those that hit the window cap. */
const stabilityFields = {
  /** Repeats measured. */
  repeats: z.int().min(0).max(MAX_ITEMS),
  /** Repeats that never met the stability rule (marked, not hidden). */
  unstableRepeats: z.int().min(0).max(MAX_ITEMS),
  /** Completed requests the figures come from, all repeats together. */
  samples: z.int().min(0),
  /** Repeats cut short by Stop (counted in `repeats`; their figures come from the windows measured so far). Absent in version 1. */
  partialRepeats: z.int().min(0).max(MAX_ITEMS).optional(),
};

/** A solo sweep point: one model alone, closed loop at `batch` outstanding, batches of `batch`. */
export const SoloPointSchema = z.strictObject({
  model: modelKey,
  batch: z.int().min(1).max(256),
  p50Ms: StatSchema,
  p99Ms: StatSchema,
  throughputPerSec: StatSchema,
  /** GPU time per batch from timestamp queries; null when not measured (see device.gpuTiming). */
  gpuMs: StatSchema.nullable(),
  ...stabilityFields,
});
export type SoloPoint = z.infer<typeof SoloPointSchema>;

/** Why a model's solo sweep ended. */
export const SWEEP_ENDS = ['saturated', 'max-batch', 'refused', 'stopped'] as const;

/** A model's sweep summary: the knee and why the sweep ended (with the refusal, when the device refused). */
export const SweepSchema = z.strictObject({
  model: modelKey,
  kneeBatch: z.int().min(1).max(256).nullable(),
  endedBy: z.enum(SWEEP_ENDS),
  reason: text().nullable(),
});

export const LANE_MODES = ['concurrent', 'time-sliced'] as const;
export type CellMode = (typeof LANE_MODES)[number];

/** One tenant of an interference cell: its figures beside the other, and its slowdown against solo. */
export const CellTenantSchema = z.strictObject({
  model: modelKey,
  p50Ms: StatSchema,
  p99Ms: StatSchema,
  throughputPerSec: StatSchema,
  /** p50 latency beside the other / solo p50 latency at batch 1, per repeat. */
  slowdown: StatSchema,
});

/** An interference cell: two tenants (a pair, or a model with itself), each closed loop at one outstanding. */
export const CellSchema = z.strictObject({
  mode: z.enum(LANE_MODES),
  tenants: z.tuple([CellTenantSchema, CellTenantSchema]),
  ...stabilityFields,
});
export type Cell = z.infer<typeof CellSchema>;

const Figures = z.strictObject({ p50Ms: nullableFinite, p99Ms: nullableFinite, throughputPerSec: nullableFinite });

/** The model's prediction for one tenant of one cell, held out of the fit, against the measurement. */
export const PredictionSchema = z.strictObject({
  mode: z.enum(LANE_MODES),
  /** Both models of the cell, in order; `tenant` is 0 or 1. */
  cell: z.tuple([modelKey, modelKey]),
  tenant: z.int().min(0).max(1),
  predicted: Figures,
  measured: Figures,
  /** |predicted - measured| / measured, percent, per figure. */
  errorPct: Figures,
});
export type Prediction = z.infer<typeof PredictionSchema>;

/** The interference model: the fitted contention term and the held-out error. */
export const InterferenceModelSchema = z.strictObject({
  /** slowdown = 1 + alpha + beta * share of the co-runner's solo service time in the pair (least squares, all cells). */
  alpha: nullableFinite,
  beta: nullableFinite,
  predictions: list(PredictionSchema),
  /** Mean absolute percentage error over held-out predictions, per mode and in all; null without cells. */
  mapePct: z.strictObject({ concurrent: nullableFinite, timeSliced: nullableFinite, overall: nullableFinite }),
  method: text(),
});

/** The capacity search of one policy on the default mix (simulated from the solo profiles). */
export const CapacitySchema = z.strictObject({
  policy: z.enum(POLICIES),
  outcome: z.enum(['bracketed', 'fails-at-floor', 'holds-at-ceiling', 'invalid']),
  holdsFactor: nullableFinite,
  failsFactor: nullableFinite,
  /** Each tenant's rate at the holding factor, req/s. */
  rates: list(z.strictObject({ tenant: text(64), atHoldsPerSec: nullableFinite })),
  note: text().nullable(),
});

/** The default mix's capacity confirmed live (FCFS): the live bracket beside the simulated one (src/app/analysis/live-capacity.ts). */
export const LiveCapacitySchema = z.strictObject({
  policy: z.enum(POLICIES),
  outcome: z.enum(['bracketed', 'bracketed-wide', 'unbracketed', 'fails-at-floor', 'holds-at-ceiling', 'cancelled', 'failed']),
  simulated: z.strictObject({ holdsFactor: nullableFinite, failsFactor: nullableFinite }),
  holdsFactor: nullableFinite,
  failsFactor: nullableFinite,
  /** Live probes run (each a short open-loop run at a load factor). */
  probes: z.int().min(0).max(100),
  backendUsed: text(64).nullable(),
  /** Why it failed, or null. */
  note: text().nullable(),
});
export type LiveCapacity = z.infer<typeof LiveCapacitySchema>;

/** Phases of a characterization, for its time breakdown. */
export const STEP_PHASES = ['solo', 'cells', 'capacity', 'live-capacity'] as const;
export type StepPhase = (typeof STEP_PHASES)[number];

/** Where the time of one step (one engine run, or one computation) went, ms. */
export const StepTimingSchema = z.strictObject({
  phase: z.enum(STEP_PHASES),
  label: text(200),
  wallMs: finite.nonnegative(),
  /** Before the run's loop started: checks, sessions made or reused, solo profiles (0 for a computation). */
  setupMs: finite.nonnegative(),
  /** Closed measurement windows (0 for a computation). */
  windows: z.int().min(0).max(100_000),
});
export type StepTiming = z.infer<typeof StepTimingSchema>;

/** The device and the software the figures were measured on. */
export const DeviceSchema = z.strictObject({
  backendRequested: z.enum(['webgpu', 'wasm']),
  backendUsed: z.enum(['webgpu', 'wasm']).nullable(),
  fallbackReasons: list(text()),
  /** Adapter facts as the runtime read them (vendor, architecture, isFallbackAdapter ...); null on WASM. */
  adapter: z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).nullable(),
  ortBuild: text(64),
  timing: text(64),
  gpuTiming: text().nullable(),
  gpuTimingUnavailable: text().nullable(),
  userAgent: text(),
  logicalCores: z.int().min(0).max(65536).nullable(),
});

/** The settings the run had. */
export const SettingsSchema = z.strictObject({
  models: cappedArray(z.string().regex(MODEL_ID, MODEL_ID_HINT), { min: 1, max: 64, what: 'models' }),
  /** The first (or only) input size. */
  resolution: z.int().min(32).max(1024),
  /** Every input size swept, in order (absent in version 1: `resolution` alone). */
  resolutions: cappedArray(z.int().min(32).max(1024), { min: 1, max: 8, what: 'input sizes' }).optional(),
  /** Whether the default mix's capacity was to be confirmed live (absent in version 1: no). */
  confirmLive: z.boolean().optional(),
  repeats: z.int().min(1).max(100),
  maxBatch: z.int().min(1).max(256),
  windowMs: finite.positive(),
  stability: z.strictObject({ windows: z.int().min(2), tolerance: finite.positive(), maxWindows: z.int().min(2) }),
  quick: z.boolean(),
});
export type CharacterizeSettings = z.infer<typeof SettingsSchema>;

/** The whole report. */
export const ReportSchema = z.strictObject({
  version: z.literal(READABLE_VERSIONS, `expected version ${READABLE_VERSIONS.join(' or ')}`),
  createdAt: text(64),
  /** Wall time of the characterization, ms. */
  wallMs: finite.nonnegative(),
  /** True when stopped early: every list holds what was measured until then. */
  stopped: z.boolean(),
  settings: SettingsSchema,
  device: DeviceSchema,
  method: text(8000),
  solo: list(SoloPointSchema),
  sweeps: list(SweepSchema),
  cells: list(CellSchema),
  model: InterferenceModelSchema.nullable(),
  capacity: list(CapacitySchema),
  /** The live bracket of the default mix (FCFS); null when not asked for. Absent in version 1. */
  liveCapacity: LiveCapacitySchema.nullable().optional(),
  errors: list(text()),
  /** Where the time went, step by step. Absent in version 1. */
  timing: cappedArray(StepTimingSchema, { max: MAX_STEPS, what: 'steps' }).optional(),
  /**
   * The user's own models characterized (`custom:<name>` in settings.models): file name, size, sha256,
   * inputs, and the sizes chosen for their symbolic dims, at which they ran at every input size. Absent
   * when there were none (and in older reports).
   */
  customModels: cappedArray(CustomModelSchema, { max: 16, what: 'custom models' }).optional(),
});
export type CharacterizeReport = z.infer<typeof ReportSchema>;
