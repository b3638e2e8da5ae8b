// Jain's fairness index over per-tenant allocations.

/**
 * Jain's fairness index (sum x)^2 / (n * sum x^2) of non-negative allocations: 1 when all are
 * equal, 1/n when one tenant gets everything. Null for an empty list or when every x is 0.
 * (Jain, Chiu, Hawe, "A quantitative measure of fairness...", DEC-TR-301, 1984.)
 */
export function jainIndex(xs: readonly number[]): number | null {
  let sum = 0;
  let sumSq = 0;
  for (const x of xs) {
    if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`Jain's index needs finite allocations >= 0, got ${String(x)}`);
    sum += x;
    sumSq += x * x;
  }
  if (xs.length === 0 || sumSq === 0) return null;
  return (sum * sum) / (xs.length * sumSq);
}
