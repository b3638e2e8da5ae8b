// Compare's variants: one experiment as 2-4 labelled copies that differ only along one axis (same seed, same arrivals).
import { z } from 'zod';
import {
  MAX_BATCH_SIZE, parseExperiment, POLICIES, type ConfigIssue, type Experiment, type LaneMode, type PolicyName, type Tenant,
} from '../../core/experiment';

/** Fewest and most variants one comparison runs. */
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 4;

/**
 * What a comparison varies:
 * - `policy`: the scheduling policy (values: policy names);
 * - `granularity`: slices (values: 1 = whole inferences, n >= 2 = n layer blocks);
 * - `batching`: the max batch of every tenant that batches (dynamic or adaptive; values: 1..MAX_BATCH_SIZE);
 * - `lane-mode`: 'time-sliced' or 'concurrent';
 * - `rate`: the rate value of one open-loop tenant, in the unit its rate already has.
 */
export type CompareAxis =
  | { readonly kind: 'policy' }
  | { readonly kind: 'granularity' }
  | { readonly kind: 'batching' }
  | { readonly kind: 'lane-mode' }
  | { readonly kind: 'rate'; readonly tenant: string };
export type AxisKind = CompareAxis['kind'];
export const AXIS_KINDS = ['policy', 'granularity', 'batching', 'lane-mode', 'rate'] as const satisfies readonly AxisKind[];

/** One value along an axis: a name (policy, lane mode) or a number (blocks, max batch, rate). */
export type VariantValue = string | number;

/** One variant: a short label for legends and tables, the value it takes and the whole experiment it runs. */
export interface Variant {
  readonly label: string;
  readonly value: VariantValue;
  readonly experiment: Experiment;
}

export type VariantsResult = { readonly ok: true; readonly variants: readonly Variant[] } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

const LANE_MODES = ['time-sliced', 'concurrent'] as const satisfies readonly LaneMode[];

/** The zod schema of one value per axis kind (messages name what is expected). */
function valueSchema(kind: AxisKind): z.ZodType<VariantValue> {
  switch (kind) {
    case 'policy':
      return z.enum(POLICIES, `expected one of ${POLICIES.join(', ')}`);
    case 'granularity':
      return z.int('expected a whole number of blocks').min(1, 'expected 1 (whole inferences) or 2-64 layer blocks').max(64, 'expected at most 64 blocks');
    case 'batching':
      return z.int('expected a whole max batch').min(1, 'expected a max batch of at least 1').max(MAX_BATCH_SIZE, `expected a max batch of at most ${String(MAX_BATCH_SIZE)}`);
    case 'lane-mode':
      return z.enum(LANE_MODES, 'expected time-sliced or concurrent');
    case 'rate':
      return z.number('expected a number').positive('expected a rate above 0').max(1e6, 'expected a rate of at most 1e6');
  }
}

/** True for a tenant whose requests are batched (the batching axis changes its max batch). */
export function batches(tenant: Tenant): boolean {
  return tenant.batch.kind !== 'none';
}

/** A one-line label for a value, e.g. `priority`, `4 layer blocks`, `max batch 8`, `camera at 0.4`. */
export function labelOf(axis: CompareAxis, value: VariantValue): string {
  switch (axis.kind) {
    case 'policy':
    case 'lane-mode':
      return String(value);
    case 'granularity':
      return value === 1 ? 'whole inferences' : `${String(value)} layer blocks`;
    case 'batching':
      return `max batch ${String(value)}`;
    case 'rate':
      return `${axis.tenant} at ${String(value)}`;
  }
}

/** The experiment with the axis set to `value` (not validated: {@link variantsOf} and lessons check the result). */
export function applyValue(experiment: Experiment, axis: CompareAxis, value: VariantValue): Experiment {
  switch (axis.kind) {
    case 'policy':
      return { ...experiment, scheduler: { ...experiment.scheduler, policy: value as PolicyName } };
    case 'granularity': {
      const { blocks: _dropped, blockBalance, ...rest } = experiment.scheduler;
      // A block balance belongs to layer blocks only (the schema refuses it with whole inferences).
      return { ...experiment, scheduler: value === 1 ? { ...rest, granularity: 'inference' } : { ...rest, granularity: 'layer-blocks', blocks: value as number, ...(blockBalance === undefined ? {} : { blockBalance }) } };
    }
    case 'batching':
      return { ...experiment, tenants: experiment.tenants.map((t) => (t.batch.kind === 'none' ? t : { ...t, batch: { ...t.batch, maxBatch: value as number } })) };
    case 'lane-mode':
      return { ...experiment, lanes: { ...experiment.lanes, mode: value as LaneMode } };
    case 'rate':
      return { ...experiment, tenants: experiment.tenants.map((t) => (t.id === axis.tenant && 'rate' in t.arrival ? { ...t, arrival: { ...t.arrival, rate: { ...t.arrival.rate, value: value as number } } } : t)) };
  }
}

/** Why the axis cannot vary this experiment, or null. */
function axisIssue(experiment: Experiment, axis: CompareAxis): ConfigIssue | null {
  if (axis.kind === 'batching' && !experiment.tenants.some(batches)) {
    return { path: 'compare.axis', message: 'no tenant batches: set a dynamic or adaptive batch on one first' };
  }
  if (axis.kind === 'rate') {
    const tenant = experiment.tenants.find((t) => t.id === axis.tenant);
    if (tenant === undefined) return { path: 'compare.tenant', message: `no tenant ${JSON.stringify(axis.tenant.slice(0, 64))} in the experiment` };
    if (!('rate' in tenant.arrival)) return { path: 'compare.tenant', message: `tenant ${tenant.id} is closed-loop or has no single rate (mmpp, trace): pick an open-loop one` };
  }
  return null;
}

/**
 * The experiment as one variant per value, labelled, same seed, durations and arrivals; only the axis changes.
 * Issues (field-named, one line each) instead when the values are not 2-4 distinct valid ones, when the axis
 * does not apply (no batching tenant, no such open-loop tenant) or when a variant would not validate.
 */
export function variantsOf(experiment: Experiment, axis: CompareAxis, values: readonly unknown[]): VariantsResult {
  const issues: ConfigIssue[] = [];
  if (!Array.isArray(values) || values.length < MIN_VARIANTS || values.length > MAX_VARIANTS) {
    return { ok: false, issues: [{ path: 'compare.values', message: `expected ${String(MIN_VARIANTS)} to ${String(MAX_VARIANTS)} values, got ${String(Array.isArray(values) ? values.length : 0)}` }] };
  }
  const notApplicable = axisIssue(experiment, axis);
  if (notApplicable !== null) return { ok: false, issues: [notApplicable] };
  const schema = valueSchema(axis.kind);
  const seen = new Set<VariantValue>();
  const variants: Variant[] = [];
  values.forEach((raw, i) => {
    const path = `compare.values[${String(i)}]`;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      issues.push({ path, message: parsed.error.issues[0]?.message ?? 'invalid value' });
      return;
    }
    const value = parsed.data;
    if (seen.has(value)) {
      issues.push({ path, message: `duplicate value ${String(value)}: each variant must differ` });
      return;
    }
    seen.add(value);
    const checked = parseExperiment(applyValue(experiment, axis, value));
    if (!checked.ok) {
      const first = checked.issues[0];
      issues.push({ path, message: `the variant does not validate: ${first === undefined ? 'invalid' : `${first.path}: ${first.message}`}` });
      return;
    }
    variants.push({ label: labelOf(axis, value), value, experiment: { ...checked.experiment, name: `${experiment.name ?? 'experiment'}: ${labelOf(axis, value)}`.slice(0, 200) } });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, variants };
}

/** The value the experiment has now along the axis (a good first value for the picker), or null when it has none. */
export function currentValue(experiment: Experiment, axis: CompareAxis): VariantValue | null {
  switch (axis.kind) {
    case 'policy':
      return experiment.scheduler.policy;
    case 'granularity':
      return experiment.scheduler.blocks ?? 1;
    case 'batching': {
      const first = experiment.tenants.find(batches);
      return first !== undefined && first.batch.kind !== 'none' ? first.batch.maxBatch : null;
    }
    case 'lane-mode':
      return experiment.lanes.mode;
    case 'rate': {
      const tenant = experiment.tenants.find((t) => t.id === axis.tenant);
      return tenant !== undefined && 'rate' in tenant.arrival ? tenant.arrival.rate.value : null;
    }
  }
}
