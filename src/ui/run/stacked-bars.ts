// Geometry of a stacked bar chart on a linear scale from 0 (the queue-vs-service chart): round ticks and each bar's segments.

/** Most intervals between ticks. */
const MAX_INTERVALS = 5;
const STEP_MANTISSAS = [1, 2, 2.5, 5, 10] as const;

/** `value` without binary noise (0.1 * 3 is 0.3). */
const clean = (value: number): number => Number(value.toPrecision(6));

/**
 * Ticks from 0 in equal round steps (1, 2, 2.5 or 5 times a power of ten), the last at or above `max`:
 * the smallest step that needs at most 5 intervals. [0, 1] for nothing above 0.
 */
export function linearTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const decade = 10 ** Math.floor(Math.log10(max / MAX_INTERVALS));
  const step = STEP_MANTISSAS.map((m) => clean(m * decade)).find((s) => s * MAX_INTERVALS >= max) ?? clean(10 * decade);
  // The slack keeps a max that is a multiple of the step (up to rounding) from adding a tick.
  const intervals = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: intervals + 1 }, (_, i) => clean(i * step));
}

/** A stacked segment's extent in value units. */
export interface Segment {
  readonly from: number;
  readonly to: number;
}

/** Each part's segment stacked on the parts before it; a missing part (null) has none and adds nothing. */
export function stackSegments(parts: readonly (number | null)[]): (Segment | null)[] {
  let sum = 0;
  return parts.map((part) => {
    if (part === null) return null;
    const from = sum;
    sum += part;
    return { from, to: sum };
  });
}
