// The versioned Experiment schema (zod): tenants, scheduler, lanes, durations, seed. Types via z.infer.
import { z } from 'zod';
import { ArrivalSchema, BatchSchema } from './arrival-schema';
import { ServiceModelSchema } from './service-model-schema';

/** The schema version this code reads and writes. Bump it (and add a migration) on breaking changes. */
export const SCHEMA_VERSION = 1;

/** Tenant ids: letters, digits, '.', '_', '-' (they appear in URLs, CSV headers and chart legends). */
const TENANT_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Model ids: a zoo id such as `resnet18`, or `custom:<name>` for a user-loaded .onnx file. */
const MODEL_ID = /^(custom:[^\s]{1,128}|[a-z0-9_-]{1,64})$/;

/**
 * One request stream sharing the GPU.
 * - `resolution`: square input side in pixels, a multiple of 32 in [32, 1024].
 * - `sloMs`: latency objective in ms, counted from the scheduled arrival.
 * - `weight`: share for weighted policies (> 0, default 1).
 * - `priority`: `real-time` tenants go first under the priority policy (default `best-effort`).
 * - `queueLimit`: most requests waiting (not running) for this tenant; past it `overflow` decides:
 *   `drop-newest` drops the arriving request, `drop-oldest` drops the oldest waiting one (default `drop-newest`).
 */
export const TenantSchema = z.strictObject({
  id: z.string().regex(TENANT_ID, 'expected 1-64 characters from A-Z a-z 0-9 . _ -'),
  model: z.string().regex(MODEL_ID, "expected a zoo model id (e.g. 'resnet18') or 'custom:<name>'"),
  resolution: z
    .int()
    .min(32, 'expected a resolution of at least 32 px')
    .max(1024, 'expected a resolution of at most 1024 px')
    .multipleOf(32, 'expected a multiple of 32 px'),
  batch: BatchSchema,
  arrival: ArrivalSchema,
  sloMs: z.number().positive(),
  weight: z.number().positive().default(1),
  priority: z.enum(['real-time', 'best-effort']).default('best-effort'),
  queueLimit: z.int().min(1),
  overflow: z.enum(['drop-newest', 'drop-oldest']).default('drop-newest'),
});
export type Tenant = z.infer<typeof TenantSchema>;

/** Key of a model at an input resolution, e.g. `resnet18@224`: solo capacities and solo profiles are keyed by it. */
export function modelKey(model: string, resolution: number): string {
  return `${model}@${String(resolution)}`;
}
export type PriorityClass = Tenant['priority'];
export type OverflowPolicy = Tenant['overflow'];

/** Scheduling policies (implemented in src/core/scheduler). */
export const POLICIES = ['fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware'] as const;

/**
 * The scheduler: `policy`, and the slice `granularity`: a whole inference, or a layer block
 * (`layer-blocks`, with `blocks` >= 2 sub-models per model; required there, not allowed otherwise).
 */
export const SchedulerSchema = z
  .strictObject({
    policy: z.enum(POLICIES),
    granularity: z.enum(['inference', 'layer-blocks']),
    blocks: z.int().min(2).max(64).optional(),
  })
  .check((ctx) => {
    const { granularity, blocks } = ctx.value;
    if (granularity === 'layer-blocks' && blocks === undefined) {
      ctx.issues.push({ code: 'custom', input: blocks, path: ['blocks'], message: "expected a block count (>= 2) for granularity 'layer-blocks'" });
    }
    if (granularity === 'inference' && blocks !== undefined) {
      ctx.issues.push({ code: 'custom', input: blocks, path: ['blocks'], message: "expected no block count for granularity 'inference'" });
    }
  });
export type SchedulerConfig = z.infer<typeof SchedulerSchema>;
export type PolicyName = SchedulerConfig['policy'];
export type Granularity = SchedulerConfig['granularity'];

/**
 * Lanes (one ORT instance each): `time-sliced` = one lane for all tenants, our scheduler picks every
 * slice; `concurrent` = one lane per tenant, the GPU arbitrates. `dispatchDepth`: slices handed to a
 * lane ahead of completion (>= 1, default 1).
 */
export const LanesSchema = z.strictObject({
  mode: z.enum(['time-sliced', 'concurrent']),
  dispatchDepth: z.int().min(1).max(16).default(1),
});
export type LanesConfig = z.infer<typeof LanesSchema>;
export type LaneMode = LanesConfig['mode'];

/**
 * A whole experiment. The run lasts `warmupMs + durationMs`: requests arriving in
 * [0, warmupMs) run but are excluded from statistics; `durationMs` is the measured part.
 * `seed` (uint32) drives every random choice. `serviceModel` is only used by the simulator.
 */
export const ExperimentSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION, `expected schemaVersion ${String(SCHEMA_VERSION)}`),
    name: z.string().max(200).optional(),
    tenants: z.array(TenantSchema).min(1, 'expected at least one tenant').max(16, 'expected at most 16 tenants'),
    scheduler: SchedulerSchema,
    lanes: LanesSchema,
    warmupMs: z.number().nonnegative(),
    durationMs: z.number().positive(),
    seed: z.int().min(0).max(0xffffffff),
    serviceModel: ServiceModelSchema.optional(),
  })
  .check((ctx) => {
    const seen = new Map<string, number>();
    ctx.value.tenants.forEach((tenant, i) => {
      const first = seen.get(tenant.id);
      if (first !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: tenant.id,
          path: ['tenants', i, 'id'],
          message: `duplicate tenant id '${tenant.id}' (also tenants[${String(first)}])`,
        });
      } else {
        seen.set(tenant.id, i);
      }
      const byModel = ctx.value.serviceModel?.byModel;
      if (byModel !== undefined && !Object.hasOwn(byModel, tenant.model)) {
        ctx.issues.push({
          code: 'custom',
          input: byModel,
          path: ['serviceModel', 'byModel'],
          message: `expected a service time for model '${tenant.model}' (used by tenants[${String(i)}] '${tenant.id}')`,
        });
      }
    });
  });

/** A validated experiment (defaults filled in). */
export type Experiment = z.infer<typeof ExperimentSchema>;
/** What a user may write: like {@link Experiment} but fields with defaults are optional. */
export type ExperimentInput = z.input<typeof ExperimentSchema>;
