// Where a run chart shades its phases: the warm-up (not measured) and the drain after the last arrival, clipped to the drawn time range.

/** The phase boundaries of a run, seconds since its first arrival. */
export interface RunPhases {
  readonly warmupS: number;
  /** When arrivals stop (warm-up + duration); after it the queues drain. */
  readonly arrivalsEndS: number;
}

export type PhaseLabel = 'warm-up' | 'draining';

/** One shaded band on the time axis, seconds. */
export interface PhaseBand {
  readonly label: PhaseLabel;
  readonly fromS: number;
  readonly toS: number;
  /** Share of the shade colour (0-1). */
  readonly opacity: number;
  /** Which end of the band its label hangs from: the drain band is often narrow at the right edge, so its label reads leftwards from the band's right end, whole. */
  readonly labelAt: 'left' | 'right';
}

/**
 * The bands within the drawn time range [0, `endS`]: the warm-up from 0 (when there is one), and the drain
 * from the last arrival once the data passes it. A band wholly outside the range is left out.
 */
export function phaseBands(phases: RunPhases, endS: number): PhaseBand[] {
  const bands: PhaseBand[] = [];
  const warmupToS = Math.min(phases.warmupS, endS);
  if (phases.warmupS > 0 && warmupToS > 0) bands.push({ label: 'warm-up', fromS: 0, toS: warmupToS, opacity: 0.12, labelAt: 'left' });
  if (endS > phases.arrivalsEndS) bands.push({ label: 'draining', fromS: Math.max(0, phases.arrivalsEndS), toS: endS, opacity: 0.07, labelAt: 'right' });
  return bands;
}
