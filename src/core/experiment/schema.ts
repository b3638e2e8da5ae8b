// The versioned Experiment schema (zod): tenants, scheduler, lanes, durations, seed. Types via z.infer.
import { z } from 'zod';
import { ArrivalSchema, BatchSchema } from './arrival-schema';
import { CustomModelSchema, MAX_CUSTOM_MODELS } from './custom-model-schema';
import { MAX_MMPP_SWITCHES, MAX_MS, MAX_QUEUE_LIMIT, MAX_WEIGHT, MIN_WEIGHT } from './bounds';
import { MODEL_ID, MODEL_ID_HINT } from './model-id';
import { quoteName } from './quote';
import { ServiceModelSchema } from './service-model-schema';

/** The schema version this code reads and writes. Bump it (and add a migration) on breaking changes. */
export const SCHEMA_VERSION = 1;

/** Tenant ids: letters, digits, '.', '_', '-' (they appear in URLs, CSV headers and chart legends). */
const TENANT_ID = /^[A-Za-z0-9._-]{1,64}$/;
const dayMessage = `expected at most ${String(MAX_MS)} ms (one day)`;

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
  model: z.string().regex(MODEL_ID, MODEL_ID_HINT),
  resolution: z
    .int()
    .min(32, 'expected a resolution of at least 32 px')
    .max(1024, 'expected a resolution of at most 1024 px')
    .multipleOf(32, 'expected a multiple of 32 px'),
  batch: BatchSchema,
  arrival: ArrivalSchema,
  sloMs: z.number().positive().max(MAX_MS, dayMessage),
  weight: z.number().min(MIN_WEIGHT).max(MAX_WEIGHT).default(1),
  priority: z.enum(['real-time', 'best-effort']).default('best-effort'),
  queueLimit: z.int().min(1).max(MAX_QUEUE_LIMIT),
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

/** How layer blocks are balanced: by MACs (from the graph), or by block times measured in the lane. */
export const BLOCK_BALANCES = ['macs', 'measured'] as const;

/**
 * The scheduler: `policy`, and the slice `granularity`: a whole inference, or a layer block
 * (`layer-blocks`, with `blocks` >= 2 sub-models per model; required there, not allowed otherwise).
 * `blockBalance` (layer blocks only; absent = 'macs'): 'macs' cuts K blocks of equal MACs; 'measured'
 * times every segment of the model's finest partition in the lane (a few warm runs each, the median)
 * and cuts K blocks of equal measured time.
 */
export const SchedulerSchema = z
  .strictObject({
    policy: z.enum(POLICIES),
    granularity: z.enum(['inference', 'layer-blocks']),
    blocks: z.int().min(2).max(64).optional(),
    blockBalance: z.enum(BLOCK_BALANCES).optional(),
  })
  .check((ctx) => {
    const { granularity, blocks, blockBalance } = ctx.value;
    if (granularity === 'inference' && blockBalance !== undefined) {
      ctx.issues.push({ code: 'custom', input: blockBalance, path: ['blockBalance'], message: "expected no block balance for granularity 'inference' (it balances layer blocks)" });
    }
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
export type BlockBalance = (typeof BLOCK_BALANCES)[number];

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
    warmupMs: z.number().nonnegative().max(MAX_MS, dayMessage),
    durationMs: z.number().positive().max(MAX_MS, dayMessage),
    seed: z.int().min(0).max(0xffffffff),
    serviceModel: ServiceModelSchema.optional(),
    /** The user's own .onnx files that `custom:<name>` tenants run (optional; absent in files of old). */
    customModels: z.array(CustomModelSchema).max(MAX_CUSTOM_MODELS, `expected at most ${String(MAX_CUSTOM_MODELS)} custom models`).optional(),
  })
  .check((ctx) => {
    const seen = new Map<string, number>();
    const customNames = new Map<string, number>();
    ctx.value.customModels?.forEach((entry, k) => {
      const first = customNames.get(entry.name);
      if (first !== undefined) ctx.issues.push({ code: 'custom', input: entry.name, path: ['customModels', k, 'name'], message: `duplicate custom model name ${quoteName(entry.name)} (also customModels[${String(first)}])` });
      else customNames.set(entry.name, k);
    });
    ctx.value.tenants.forEach((tenant, i) => {
      if (tenant.model.startsWith('custom:') && !customNames.has(tenant.model.slice('custom:'.length))) {
        ctx.issues.push({
          code: 'custom',
          input: tenant.model,
          path: ['tenants', i, 'model'],
          message: `expected an entry in customModels named ${quoteName(tenant.model.slice('custom:'.length))} (the file, its hash and its dims)`,
        });
      }
      const first = seen.get(tenant.id);
      if (first !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: tenant.id,
          path: ['tenants', i, 'id'],
          message: `duplicate tenant id ${quoteName(tenant.id)} (also tenants[${String(first)}])`,
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
          message: `expected a service time for model ${quoteName(tenant.model)} (used by tenants[${String(i)}] ${quoteName(tenant.id)})`,
        });
      }
      const arrival = tenant.arrival;
      if (arrival.kind === 'mmpp') {
        const runMs = ctx.value.warmupMs + ctx.value.durationMs;
        arrival.meanDwellMs.forEach((dwellMs, k) => {
          if (runMs / dwellMs > MAX_MMPP_SWITCHES) {
            ctx.issues.push({
              code: 'custom',
              input: dwellMs,
              path: ['tenants', i, 'arrival', 'meanDwellMs', k],
              message: `expected at least ${String(runMs / MAX_MMPP_SWITCHES)} ms: (warmupMs + durationMs) / meanDwellMs may be at most ${String(MAX_MMPP_SWITCHES)} state switches`,
            });
          }
        });
      }
    });
  });

/** A validated experiment (defaults filled in). */
export type Experiment = z.infer<typeof ExperimentSchema>;
/** What a user may write: like {@link Experiment} but fields with defaults are optional. */
export type ExperimentInput = z.input<typeof ExperimentSchema>;
