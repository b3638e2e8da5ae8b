// Zod schema for the simulator's service-time model: how long one inference of a model takes.
import { z } from 'zod';
import { MAX_BATCH_SIZE, MAX_CONTENTION, MAX_MS, MAX_P99_OVER_MEDIAN, MAX_SERVICE_MODELS, MIN_SERVICE_MS } from './bounds';
import { keyedRecord } from './keyed-record';
import { MODEL_ID, MODEL_ID_HINT } from './model-id';

/** A service time in ms: one microsecond to one day (bounds.ts). */
const serviceMs = z.number().min(MIN_SERVICE_MS, `expected at least ${String(MIN_SERVICE_MS)} ms`).max(MAX_MS, `expected at most ${String(MAX_MS)} ms (one day)`);
/** Extra time per extra request in a batch, ms. */
const extraMs = z.number().nonnegative().max(MAX_MS, `expected at most ${String(MAX_MS)} ms (one day)`);
const spreadMessage = `expected p99Ms at most ${String(MAX_P99_OVER_MEDIAN)} times medianMs`;

/** A non-decreasing list of per-batch measurements, batch sizes unique and ascending. */
const ProfilePointSchema = z.strictObject({
  batch: z.int().min(1).max(MAX_BATCH_SIZE),
  medianMs: serviceMs,
  p99Ms: serviceMs.optional(),
});

/**
 * Service time of one inference of a model in the simulator.
 * - `fixed`: `ms` for a batch of 1, plus `perExtraItemMs` (default 0) per extra request in a batch.
 * - `distribution`: log-normal with the given median and p99 for a batch of 1 (p99 >= median),
 *   plus `perExtraItemMs` (default 0) per extra request.
 * - `exponential`: exponentially distributed with mean `meanMs` for a batch of 1, plus `perExtraItemMs`
 *   (default 0) per extra request (M/M/1 checks; real GPUs are far less variable).
 * - `profile`: measured points by batch size (ascending, unique); a point without p99 is deterministic.
 *   Batch sizes between points are interpolated by the consumer.
 */
export const ServiceTimeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fixed'),
    ms: serviceMs,
    perExtraItemMs: extraMs.default(0),
  }),
  z
    .strictObject({
      kind: z.literal('distribution'),
      shape: z.literal('lognormal'),
      medianMs: serviceMs,
      p99Ms: serviceMs,
      perExtraItemMs: extraMs.default(0),
    })
    .check((ctx) => {
      if (ctx.value.p99Ms < ctx.value.medianMs) {
        ctx.issues.push({ code: 'custom', input: ctx.value.p99Ms, path: ['p99Ms'], message: 'expected p99Ms >= medianMs' });
      }
      if (ctx.value.p99Ms > ctx.value.medianMs * MAX_P99_OVER_MEDIAN) {
        ctx.issues.push({ code: 'custom', input: ctx.value.p99Ms, path: ['p99Ms'], message: spreadMessage });
      }
    }),
  z.strictObject({
    kind: z.literal('exponential'),
    meanMs: z.number().positive(),
    perExtraItemMs: z.number().nonnegative().default(0),
  }),
  z
    .strictObject({ kind: z.literal('profile'), byBatch: z.array(ProfilePointSchema).min(1).max(MAX_BATCH_SIZE) })
    .check((ctx) => {
      const points = ctx.value.byBatch;
      points.forEach((point, i) => {
        const prev = points[i - 1];
        if (prev !== undefined && point.batch <= prev.batch) {
          ctx.issues.push({
            code: 'custom',
            input: point.batch,
            path: ['byBatch', i, 'batch'],
            message: `expected batch sizes ascending and unique (${String(point.batch)} after ${String(prev.batch)})`,
          });
        }
        if (point.p99Ms !== undefined && point.p99Ms < point.medianMs) {
          ctx.issues.push({ code: 'custom', input: point.p99Ms, path: ['byBatch', i, 'p99Ms'], message: 'expected p99Ms >= medianMs' });
        }
        if (point.p99Ms !== undefined && point.p99Ms > point.medianMs * MAX_P99_OVER_MEDIAN) {
          ctx.issues.push({ code: 'custom', input: point.p99Ms, path: ['byBatch', i, 'p99Ms'], message: spreadMessage });
        }
      });
    }),
]);
export type ServiceTime = z.infer<typeof ServiceTimeSchema>;

/**
 * The simulator's service model: service time per model id (the tenant's `model` field), and
 * `contentionPerExtraLane`: with k lanes busy at once each inference runs
 * (1 + contentionPerExtraLane * (k - 1)) times slower. Default 1, i.e. two busy lanes each run
 * 2x slower, as measured on one GPU (shared/DESIGN.md).
 */
export const ServiceModelSchema = z.strictObject({
  byModel: keyedRecord(ServiceTimeSchema, { maxKeys: MAX_SERVICE_MODELS, key: MODEL_ID, keyHint: MODEL_ID_HINT }),
  contentionPerExtraLane: z.number().nonnegative().max(MAX_CONTENTION).default(1),
});
export type ServiceModel = z.infer<typeof ServiceModelSchema>;
