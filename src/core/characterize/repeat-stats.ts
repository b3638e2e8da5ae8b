// Statistics over N repeats of one measurement: mean, coefficient of variation, 95% confidence interval (Student t).

/** Two-sided 95% Student t quantiles t(0.975, df) for df = 1..30 (df > 30: the normal 1.96 is within 2.1%). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
] as const;

/** t(0.975, df): the half-width multiplier of a two-sided 95% interval with `df` degrees of freedom (df >= 1). */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`df: expected an integer >= 1, got ${String(df)}`);
  return T975[df - 1] ?? 1.96;
}

/** One figure over its repeats. Null fields where the repeats cannot give them (CI needs 2, CV a non-zero mean). */
export interface RepeatStats {
  /** Repeats the figure was measured in. */
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation (n - 1 in the denominator). */
  readonly sd: number | null;
  /** Coefficient of variation sd / |mean|. */
  readonly cv: number | null;
  /** 95% confidence interval of the mean: mean -+ t(0.975, n-1) * sd / sqrt(n). */
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
}

/** Mean, sd, CV and 95% CI of the finite values among `values` (non-finite ones are dropped, not counted). */
export function repeatStats(values: readonly number[]): RepeatStats {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, cv: null, ci95Low: null, ci95High: null };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: null, cv: null, ci95Low: null, ci95High: null };
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, cv: mean === 0 ? null : sd / Math.abs(mean), ci95Low: mean - half, ci95High: mean + half };
}
