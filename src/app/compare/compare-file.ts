// A comparison as data: what it ran and measured (raw figures per repeat, predictions), its zod schema, and the JSON file it travels in.
import { z } from 'zod';
import { ExperimentSchema, MAX_BATCH_SIZE, parseJsonText, safeParseWith, type ConfigIssue } from '../../core/experiment';
import { VerdictRecordSchema } from '../../core/metrics';
import { CDF_FRACTIONS } from './compare-stats';
import { CDF_MAX_POINTS } from './latency-cdf-points';
import { LESSON_METRICS } from './lessons';
import { TimelineRecordSchema } from './timeline-record';
import { MAX_VARIANTS, MIN_VARIANTS } from './variants';

/** The file format's name and version (a later format gets a new version, never a reinterpretation). */
export const COMPARISON_FORMAT = 'tenancy-lab-comparison' as const;
export const COMPARISON_VERSION = 1 as const;
/** Most repeats per variant a comparison runs or a file may hold. */
export const MAX_REPEATS = 20;
/**
 * Largest comparison file read, characters. A full one: four variants' timelines of 3,000 slices (0.44 MB
 * each pretty-printed, measured), sixteen tenants' CDFs of 257 points per variant (about 1 MB in all) and 20
 * repeats of figures (about 2 MB): under 5 MB.
 */
export const MAX_COMPARISON_CHARS = 8_000_000;

const shortText = (max: number) => z.string().max(max);
const figure = z.number().finite();
const CdfPointSchema = z.strictObject({ latencyMs: figure.nonnegative(), fraction: figure.min(0).max(1) });
const TENANT = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected a tenant id');

const TenantFiguresSchema = z.strictObject({
  tenant: TENANT,
  p50Ms: figure.nonnegative().nullable(),
  p99Ms: figure.nonnegative().nullable(),
  p99Valid: z.boolean(),
  sloRate: figure.min(0).max(1).nullable(),
  throughputPerSec: figure.nonnegative(),
  completed: z.int().nonnegative(),
  cdf: z.array(CdfPointSchema).max(CDF_FRACTIONS.length + 1),
  /** Requests per slice over the measured requests; absent in files from before it. */
  meanBatch: figure.min(1).max(MAX_BATCH_SIZE).nullable().optional(),
  /** The run's MLPerf-style verdict (its kind checked against its own figures); absent in files from before it. */
  verdict: VerdictRecordSchema.nullable().optional(),
});

/** One tenant's latency CDF over a variant's measured requests, every repeat pooled (see latency-cdf-points.ts). */
const TenantCdfSchema = z.strictObject({
  tenant: TENANT,
  /** Measured requests it covers. */
  count: z.int().nonnegative(),
  points: z.array(CdfPointSchema).max(CDF_MAX_POINTS),
});

const VariantRecordSchema = z.strictObject({
  label: shortText(200),
  experiment: ExperimentSchema,
  /** Per finished repeat, every tenant's figures. */
  runs: z.array(z.array(TenantFiguresSchema).max(16)).max(MAX_REPEATS),
  /** The simulator's figures from the measured solo profiles, or null (with the reason). */
  predicted: z.array(TenantFiguresSchema).max(16).nullable(),
  predictionSource: shortText(2000).nullable(),
  predictionError: shortText(2000).nullable(),
  /** Per tenant, the CDF of the measured latencies of every repeat; absent in files from before it (their CDFs come from the runs' sketches). */
  cdf: z.array(TenantCdfSchema).max(16).optional(),
  /** The lane timeline of the variant's first run (its newest slices); absent before it ran and in files from before it. */
  timeline: TimelineRecordSchema.optional(),
}).superRefine((v, ctx) => {
  // Each verdict judges its own figures against the tenant's SLO in this variant's experiment; each slice names one of its tenants.
  const slo = new Map(v.experiment.tenants.map((t) => [t.id, t.sloMs]));
  const check = (f: z.infer<typeof TenantFiguresSchema>, path: (string | number)[]): void => {
    const verdict = f.verdict;
    if (verdict === undefined || verdict === null) return;
    const want: [keyof typeof verdict, unknown][] = [['tenant', f.tenant], ['p99Ms', f.p99Ms], ['sloMs', slo.get(f.tenant)]];
    const wrong = want.find(([field, value]) => verdict[field] !== value);
    if (wrong !== undefined) ctx.addIssue({ code: 'custom', path: [...path, 'verdict', wrong[0]], message: `expected ${JSON.stringify(wrong[1] ?? null)} (the figures' tenant, p99 and SLO), got ${JSON.stringify(verdict[wrong[0]])}` });
  };
  v.runs.forEach((run, r) => run.forEach((f, k) => check(f, ['runs', r, k])));
  v.predicted?.forEach((f, k) => check(f, ['predicted', k]));
  const bad = v.timeline?.slices.findIndex((row) => row[3] >= v.experiment.tenants.length) ?? -1;
  if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['timeline', 'slices', bad, 3], message: `expected a tenant index below ${String(v.experiment.tenants.length)} (the variant's tenants)` });
});

/**
 * A capacity-fraction rate fixed in req/s for every run of a variant (see fixed-rates.ts): the variant's
 * label, the tenant, the `model@resolution` whose solo capacity (1000 / median ms at batch 1, req/s) was
 * used, the fractions given (one per MMPP state) and the req/s they became.
 */
const FixedRateSchema = z.strictObject({
  variant: shortText(200),
  tenant: TENANT,
  modelKey: shortText(200),
  fractions: z.array(figure.nonnegative()).min(1).max(2),
  capacityPerSec: figure.positive(),
  ratesPerSec: z.array(figure.nonnegative()).min(1).max(2),
});

/** The schema of a comparison (pinned in IndexedDB, exported, imported). */
export const ComparisonSchema = z.strictObject({
  format: z.literal(COMPARISON_FORMAT, `expected format ${COMPARISON_FORMAT}`),
  version: z.literal(COMPARISON_VERSION, `expected version ${String(COMPARISON_VERSION)}`),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of 1-64 letters, digits, _ or -'),
  createdAt: shortText(40),
  title: shortText(300),
  /** The preset whose lesson this is, with its promise; null for a comparison along an axis. */
  lesson: z.strictObject({
    presetId: shortText(64),
    promise: z.strictObject({ tenant: TENANT, metric: z.enum(LESSON_METRICS), direction: z.enum(['falls', 'rises']), scope: z.enum(['each-step', 'ends']) }),
  }).nullable(),
  repeats: z.int().min(1).max(MAX_REPEATS),
  backendUsed: shortText(40).nullable(),
  /** True when Cancel stopped it: the runs that finished are kept. */
  cancelled: z.boolean(),
  variants: z.array(VariantRecordSchema).min(MIN_VARIANTS).max(MAX_VARIANTS),
  /**
   * The arrival rates every run used: capacity fractions fixed in req/s once, from the solo profiles of
   * the first run (`source` says which), so every variant saw the same arrivals. Absent in files from
   * before it; null before the first run ended.
   */
  arrivals: z.strictObject({ source: shortText(500), rates: z.array(FixedRateSchema).max(MAX_VARIANTS * 16) }).nullable().optional(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
export type VariantRecord = z.infer<typeof VariantRecordSchema>;
export type FixedRate = z.infer<typeof FixedRateSchema>;
export type TenantCdf = z.infer<typeof TenantCdfSchema>;

/** The tenant ids of a comparison's first variant (every variant has the same tenants). */
export function tenantsOf(comparison: Comparison): string[] {
  return comparison.variants[0]?.experiment.tenants.map((t) => t.id) ?? [];
}

/** A comparison, validated; never throws. */
export function parseComparison(json: unknown): { readonly ok: true; readonly comparison: Comparison } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const result = safeParseWith(ComparisonSchema, json);
  return result.ok ? { ok: true, comparison: result.data } : result;
}

/** A comparison from a file's text (size-capped, JSON syntax errors with line and column); never throws. */
export function parseComparisonJson(text: string): ReturnType<typeof parseComparison> {
  if (text.length > MAX_COMPARISON_CHARS) return { ok: false, issues: [{ path: '', message: `file too large: ${String(text.length)} characters, at most ${String(MAX_COMPARISON_CHARS)}` }] };
  const parsed = parseJsonText(text);
  return parsed.ok ? parseComparison(parsed.json) : parsed;
}

/** Pretty JSON of a comparison; {@link parseComparisonJson} of it gives an equal one. */
export function comparisonToJson(comparison: Comparison): string {
  return JSON.stringify(comparison, null, 2);
}

