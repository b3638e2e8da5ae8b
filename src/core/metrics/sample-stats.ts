// Nearest-rank quantiles over small samples (solo profiles, dispatch gaps, chart windows): exact, no sketch needed.

/** The nearest-rank q-quantile (q in [0, 1]) of the values; null when there are none. */
export function nearestRank(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? null;
}
