// Zod schema for the simulator's service-time model: how long one inference of a model takes.
import { z } from 'zod';

/** A non-decreasing list of per-batch measurements, batch sizes unique and ascending. */
const ProfilePointSchema = z.strictObject({
  batch: z.int().min(1),
  medianMs: z.number().positive(),
  p99Ms: z.number().positive().optional(),
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
    ms: z.number().positive(),
    perExtraItemMs: z.number().nonnegative().default(0),
  }),
  z
    .strictObject({
      kind: z.literal('distribution'),
      shape: z.literal('lognormal'),
      medianMs: z.number().positive(),
      p99Ms: z.number().positive(),
      perExtraItemMs: z.number().nonnegative().default(0),
    })
    .check((ctx) => {
      if (ctx.value.p99Ms < ctx.value.medianMs) {
        ctx.issues.push({ code: 'custom', input: ctx.value.p99Ms, path: ['p99Ms'], message: 'expected p99Ms >= medianMs' });
      }
    }),
  z.strictObject({
    kind: z.literal('exponential'),
    meanMs: z.number().positive(),
    perExtraItemMs: z.number().nonnegative().default(0),
  }),
  z
    .strictObject({ kind: z.literal('profile'), byBatch: z.array(ProfilePointSchema).min(1) })
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
  byModel: z.record(z.string().min(1), ServiceTimeSchema),
  contentionPerExtraLane: z.number().nonnegative().default(1),
});
export type ServiceModel = z.infer<typeof ServiceModelSchema>;
