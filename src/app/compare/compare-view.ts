// What the Compare section draws from a comparison: per variant its measured summaries and predicted figures, and the verdict.
import type { ConfigIssue } from '../../core/experiment';
import { tenantsOf, type Comparison } from './compare-file';
import { summarize, verdictOf, type TenantFigures, type TenantSummary, type Verdict } from './compare-stats';
import { MAX_VARIANTS, type AxisKind } from './variants';

/** One variant as shown: label, runs finished, measured summaries per tenant, the prediction (or why none). */
export interface VariantView {
  readonly label: string;
  readonly runs: number;
  readonly measured: readonly TenantSummary[];
  readonly predicted: readonly TenantFigures[] | null;
  readonly predictionNote: string;
}

/** A comparison as the page shows it; `verdict` only for a lesson. */
export interface ComparisonView {
  readonly tenants: readonly string[];
  readonly variants: readonly VariantView[];
  readonly verdict: Verdict | null;
}

/** The view of a comparison (statistics recomputed from its raw figures). */
export function viewOf(comparison: Comparison): ComparisonView {
  const tenants = tenantsOf(comparison);
  const variants = comparison.variants.map((v): VariantView => ({
    label: v.label,
    runs: v.runs.length,
    measured: summarize(tenants, v.runs),
    predicted: v.predicted,
    predictionNote: v.predicted !== null ? `predicted by the simulator from ${v.predictionSource ?? 'measured solo profiles'}` : `no prediction: ${v.predictionError ?? 'not computed'}`,
  }));
  const verdict = comparison.lesson === null ? null : verdictOf(comparison.lesson.promise, variants.map((v) => v.measured));
  return { tenants, variants, verdict };
}

/**
 * The values typed into the picker, comma-separated: numbers for the numeric axes (granularity, batching, rate),
 * names otherwise; at most MAX_VARIANTS + 1 are kept (variantsOf then says there are too many).
 */
export function valuesFromText(kind: AxisKind, text: string): unknown[] {
  const parts = text.slice(0, 1000).split(',').map((p) => p.trim()).filter((p) => p !== '').slice(0, MAX_VARIANTS + 1);
  const numeric = kind === 'granularity' || kind === 'batching' || kind === 'rate';
  return parts.map((p) => (numeric ? (Number.isFinite(Number(p)) ? Number(p) : p) : p));
}

/** Issues as one line each (for the page's list). */
export const issueLines = (issues: readonly ConfigIssue[]): string[] => issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`));
