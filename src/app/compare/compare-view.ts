// What the Compare section draws from a comparison: per variant its measured summaries and predicted figures, and the verdict.
import type { ConfigIssue } from '../../core/experiment';
import { tenantsOf, type Comparison, type FixedRate } from './compare-file';
import { rateLine } from './fixed-rates';
import { summarize, verdictOf, type CdfPoint, type TenantFigures, type TenantSummary, type Verdict } from './compare-stats';
import { MAX_VARIANTS, type AxisKind } from './variants';

/** One variant as shown: label, runs finished, measured summaries per tenant, the prediction (or why none). */
export interface VariantView {
  readonly label: string;
  readonly runs: number;
  readonly measured: readonly TenantSummary[];
  readonly predicted: readonly TenantFigures[] | null;
  readonly predictionNote: string;
  /**
   * Per tenant, the latency CDF to draw: from the measured latencies of every repeat (up to
   * CDF_MAX_POINTS points) or, for a file from before them, the runs' sketch quantiles averaged.
   */
  readonly cdf: readonly VariantCdf[];
}

/** One tenant's CDF in a variant, and where it comes from. */
export interface VariantCdf {
  readonly tenant: string;
  readonly points: readonly CdfPoint[];
  /** 'samples': the measured latencies (count of them); 'sketch': six quantiles of each run's sketch, averaged. */
  readonly from: 'samples' | 'sketch';
  readonly count: number;
}

/** The arrival rates every run used: where the capacities came from, and a line per fixed rate (variant label first where they differ). */
export interface ArrivalsView {
  readonly source: string;
  readonly lines: readonly string[];
}

/** A comparison as the page shows it; `verdict` only for a lesson; `arrivals` null before the first run ended (and in older files). */
export interface ComparisonView {
  readonly tenants: readonly string[];
  readonly variants: readonly VariantView[];
  readonly verdict: Verdict | null;
  readonly arrivals: ArrivalsView | null;
}

/** One line per tenant whose rate is the same in every variant, one per variant for a tenant whose rate differs (the rate axis). */
function arrivalsOf(comparison: Comparison): ArrivalsView | null {
  const arrivals = comparison.arrivals;
  if (arrivals === undefined || arrivals === null) return null;
  const byTenant = new Map<string, FixedRate[]>();
  for (const r of arrivals.rates) byTenant.set(r.tenant, [...(byTenant.get(r.tenant) ?? []), r]);
  const lines: string[] = [];
  for (const rates of byTenant.values()) {
    const same = rates.every((r) => rateLine(r) === rateLine(rates[0] as FixedRate));
    if (same) lines.push(`${rateLine(rates[0] as FixedRate)}, every variant`);
    else for (const r of rates) lines.push(`${r.variant}: ${rateLine(r)}`);
  }
  return { source: arrivals.source, lines };
}

/** The view of a comparison (statistics recomputed from its raw figures). */
export function viewOf(comparison: Comparison): ComparisonView {
  const tenants = tenantsOf(comparison);
  const variants = comparison.variants.map((v): VariantView => {
    const measured = summarize(tenants, v.runs);
    const cdf = tenants.map((tenant, i): VariantCdf => {
      const sampled = v.cdf?.find((c) => c.tenant === tenant);
      if (sampled !== undefined) return { tenant, points: sampled.points, from: 'samples', count: sampled.count };
      const mine = measured[i];
      return { tenant, points: mine?.cdf ?? [], from: 'sketch', count: v.runs.reduce((n, run) => n + (run.find((f) => f.tenant === tenant)?.completed ?? 0), 0) };
    });
    return variantView(v, measured, cdf);
  });
  const verdict = comparison.lesson === null ? null : verdictOf(comparison.lesson.promise, variants.map((v) => v.measured));
  return { tenants, variants, verdict, arrivals: arrivalsOf(comparison) };
}

function variantView(v: Comparison['variants'][number], measured: TenantSummary[], cdf: VariantCdf[]): VariantView {
  return {
    label: v.label,
    runs: v.runs.length,
    measured,
    cdf,
    predicted: v.predicted,
    predictionNote: v.predicted !== null ? `predicted by the simulator from ${v.predictionSource ?? 'measured solo profiles'}` : `no prediction: ${v.predictionError ?? 'not computed'}`,
  };
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
