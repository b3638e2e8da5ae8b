// Policy comparison: capacity per policy, per granularity (whole inference vs K layer blocks) and lane mode, as gains over FCFS.
import type { ConfigIssue } from '../experiment/parse';
import { POLICIES, type Experiment, type Granularity, type LaneMode, type PolicyName } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { searchCapacity, type CapacityOptions, type CapacityResult } from './capacity';

/** Layer blocks compared against whole inferences when the experiment does not set a count. */
export const DEFAULT_COMPARE_BLOCKS = 4;

/** One scheduling set-up whose capacity is searched. */
export interface Variant {
  readonly policy: PolicyName;
  readonly granularity: Granularity;
  /** Layer blocks per inference; null for whole inferences. */
  readonly blocks: number | null;
  readonly laneMode: LaneMode;
}

/** A short label, e.g. `edf, 4 blocks, time-sliced` or `concurrent lanes (per-lane FCFS)`. */
export function variantLabel(v: Variant): string {
  if (v.laneMode === 'concurrent') return `concurrent lanes (per-lane FCFS)${v.blocks === null ? '' : `, ${String(v.blocks)} blocks`}`;
  return `${v.policy}, ${v.blocks === null ? 'whole inference' : `${String(v.blocks)} blocks`}, time-sliced`;
}

/** The comparison's baseline: FCFS on one time-sliced lane, whole inferences. */
export const BASELINE: Variant = { policy: 'fcfs', granularity: 'inference', blocks: null, laneMode: 'time-sliced' };

/**
 * The variants compared: the baseline, then each policy on one time-sliced lane with whole inferences
 * and with `blocks` layer blocks, then concurrent lanes (one per tenant; the policy has no say there).
 */
export function compareVariants(policies: readonly PolicyName[], blocks: number): Variant[] {
  const out: Variant[] = [BASELINE];
  for (const policy of policies) {
    if (policy !== 'fcfs') out.push({ policy, granularity: 'inference', blocks: null, laneMode: 'time-sliced' });
    out.push({ policy, granularity: 'layer-blocks', blocks, laneMode: 'time-sliced' });
  }
  out.push({ policy: 'fcfs', granularity: 'inference', blocks: null, laneMode: 'concurrent' });
  return out;
}

/** The experiment run under a variant. */
export function withVariant(experiment: Experiment, v: Variant): Experiment {
  return {
    ...experiment,
    scheduler: v.blocks === null ? { policy: v.policy, granularity: 'inference' } : { policy: v.policy, granularity: 'layer-blocks', blocks: v.blocks },
    lanes: { ...experiment.lanes, mode: v.laneMode },
  };
}

/** One row of the comparison. */
export interface VariantCapacity {
  readonly variant: Variant;
  readonly label: string;
  readonly capacity: CapacityResult;
  /** This variant's holding factor over the baseline's; null when either held at no factor. */
  readonly gainOverFcfs: number | null;
}

export interface PolicyComparison {
  readonly baseline: string;
  readonly blocks: number;
  readonly rows: readonly VariantCapacity[];
}

/** Settings of a comparison: the capacity search's, the policies, the block count and a progress callback. */
export interface CompareOptions extends Omit<CapacityOptions, 'onProbe'> {
  /** Policies compared (FCFS always runs as the baseline); default all. */
  readonly policies?: readonly PolicyName[];
  /** Layer blocks of the blocked variants; default the experiment's count, else 4. */
  readonly blocks?: number;
  /** Fraction of the comparison done, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
}

/** Capacity of every variant on the same mix and seed; gains are ratios of holding factors over FCFS. */
export function comparePolicies(
  experiment: Experiment,
  options: CompareOptions = {},
  serviceModel: ServiceModel | undefined = experiment.serviceModel,
): { readonly ok: true; readonly comparison: PolicyComparison } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const blocks = options.blocks ?? experiment.scheduler.blocks ?? DEFAULT_COMPARE_BLOCKS;
  if (!(Number.isInteger(blocks) && blocks >= 2 && blocks <= 64)) return { ok: false, issues: [{ path: 'blocks', message: 'expected an integer in [2, 64]' }] };
  const variants = compareVariants(options.policies ?? POLICIES, blocks);
  const results: CapacityResult[] = [];
  for (const [i, variant] of variants.entries()) {
    const searched = searchCapacity(
      withVariant(experiment, variant),
      { ...options, onProbe: (_p, done, total) => options.onProgress?.((i + done / total) / variants.length) },
      serviceModel,
    );
    if (!searched.ok) return searched;
    results.push(searched.result);
  }
  options.onProgress?.(1);
  const baseHolds = results[0]?.holdsFactor ?? null;
  const rows = variants.map((variant, i): VariantCapacity => {
    const capacity = results[i] as CapacityResult;
    const gain = baseHolds === null || capacity.holdsFactor === null ? null : capacity.holdsFactor / baseHolds;
    return { variant, label: variantLabel(variant), capacity, gainOverFcfs: gain };
  });
  return { ok: true, comparison: { baseline: variantLabel(BASELINE), blocks, rows } };
}
