// A tenant's verdict as files keep it (run files, comparisons, pins): its figures and reason, a schema, and the check that its kind follows from its figures.
import { z } from 'zod';
import { loadgenVerdict, P99_MIN_SAMPLES, VERDICT_KINDS, type VerdictKind, type VerdictInput } from './loadgen-verdict';

/** One tenant's verdict and the figures it was judged on (what a file carries; the reason is for people reading the file). */
export interface VerdictRecord {
  readonly tenant: string;
  readonly kind: VerdictKind;
  /** Completed + dropped measured requests (those cancelled by Stop left out). */
  readonly samples: number;
  /** Samples a valid p99 needed (LoadGen's 662). */
  readonly neededSamples: number;
  /** Dropped measured requests (not cancelled by Stop). */
  readonly dropped: number;
  /** p99 from the scheduled arrival over the completed ones, ms; null without any. */
  readonly p99Ms: number | null;
  /** The bound: the tenant's SLO, ms. */
  readonly sloMs: number;
  readonly reason: string;
}

/** The record of a tenant's verdict from what the verdict read. */
export function verdictRecordOf(tenant: string, input: VerdictInput): VerdictRecord {
  const v = loadgenVerdict(input);
  return { tenant, kind: v.kind, samples: v.samples, neededSamples: v.neededSamples, dropped: input.dropped, p99Ms: input.p99Ms, sloMs: input.sloMs, reason: v.reason };
}

/** The verdict a record's own figures give (what a reader shows; a file's `kind` must agree). */
export function rejudge(record: Omit<VerdictRecord, 'reason' | 'kind'>): ReturnType<typeof loadgenVerdict> {
  return loadgenVerdict({ p99Ms: record.p99Ms, sloMs: record.sloMs, completed: record.samples - record.dropped, dropped: record.dropped });
}

/** Most samples one verdict may count (a run file's own bound on events). */
const MAX_SAMPLES = 1e9;

/**
 * The schema of a {@link VerdictRecord}: every figure bounded, dropped at most the samples, and the kind
 * the one its figures give (a file cannot say PASS over a p99 above its bound); issues name the field.
 */
export const VerdictRecordSchema = z
  .strictObject({
    tenant: z.string().max(200),
    kind: z.enum(VERDICT_KINDS),
    samples: z.int().min(0).max(MAX_SAMPLES),
    neededSamples: z.literal(P99_MIN_SAMPLES, { error: `expected ${String(P99_MIN_SAMPLES)} (LoadGen's minimum for p99)` }),
    dropped: z.int().min(0).max(MAX_SAMPLES),
    p99Ms: z.number().min(0).max(1e12).nullable(),
    sloMs: z.number().positive().max(1e12),
    reason: z.string().max(400),
  })
  .superRefine((r, ctx) => {
    if (r.dropped > r.samples) {
      ctx.addIssue({ code: 'custom', path: ['dropped'], message: `expected at most the samples (${String(r.samples)}), got ${String(r.dropped)}` });
      return;
    }
    const kind = rejudge(r).kind;
    if (kind !== r.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: `expected ${kind} from the record's own figures (${rejudge(r).reason}), got ${r.kind}` });
  });
