// The stability rule of Triton's perf_analyzer: a measurement window repeats until the last K windows agree within a tolerance, with a cap.

/** Settings of the stability rule. Defaults: perf_analyzer's 3 windows within 10%, at most 10 windows. */
export interface StabilityRule {
  /** Consecutive windows that must agree (>= 2; default 3). */
  readonly windows: number;
  /** Largest (max - min) / mean over those windows, for each figure (default 0.1). */
  readonly tolerance: number;
  /** Most windows before giving up and marking the measurement unstable (default 10). */
  readonly maxWindows: number;
}

/** perf_analyzer's defaults. */
export const DEFAULT_STABILITY: StabilityRule = { windows: 3, tolerance: 0.1, maxWindows: 10 };

/** Figures of one measurement window, e.g. throughput and p50 latency: every one must be stable. */
export type WindowFigures = readonly number[];

/** Where a measurement stands after its latest window. */
export type StabilityVerdict = 'measuring' | 'stable' | 'unstable';

/** Relative spread (max - min) / mean of positive values; Infinity when the mean is not positive or a value is not finite. */
export function relativeSpread(values: readonly number[]): number {
  if (values.length === 0) return Infinity;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) return Infinity;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const mean = sum / values.length;
  return mean > 0 ? (max - min) / mean : Infinity;
}

/**
 * The verdict after `history` windows (oldest first): 'stable' when the last `rule.windows` windows
 * each have every figure within `rule.tolerance` of each other, 'unstable' when the cap is reached
 * without that, else 'measuring'.
 */
export function stabilityVerdict(history: readonly WindowFigures[], rule: StabilityRule = DEFAULT_STABILITY): StabilityVerdict {
  if (history.length >= rule.windows) {
    const last = history.slice(history.length - rule.windows);
    const figures = last[0]?.length ?? 0;
    let stable = figures > 0;
    for (let f = 0; f < figures && stable; f++) {
      stable = relativeSpread(last.map((w) => w[f] ?? NaN)) <= rule.tolerance;
    }
    if (stable) return 'stable';
  }
  return history.length >= rule.maxWindows ? 'unstable' : 'measuring';
}

/** The windows a measurement's figures are read from: the last `rule.windows` (all of them when fewer). */
export function settledWindows(history: readonly WindowFigures[], rule: StabilityRule = DEFAULT_STABILITY): readonly WindowFigures[] {
  return history.slice(Math.max(0, history.length - rule.windows));
}
