// Where a characterization's time went: per-phase totals of its step timings, and the text the command prints.
import { STEP_PHASES, type StepPhase, type StepTiming } from './report-schema';

/** One phase's share of the time, ms. */
export interface PhaseTime {
  readonly phase: StepPhase;
  readonly steps: number;
  readonly wallMs: number;
  /** Setup of its engine runs (sessions made or reused, solo profiles), ms. */
  readonly setupMs: number;
  /** Its slowest step, or null without steps. */
  readonly slowest: StepTiming | null;
}

/** Per-phase totals, in phase order (phases without steps are left out). */
export function phaseTimes(steps: readonly StepTiming[]): PhaseTime[] {
  const out: PhaseTime[] = [];
  for (const phase of STEP_PHASES) {
    let wallMs = 0;
    let setupMs = 0;
    let count = 0;
    let slowest: StepTiming | null = null;
    for (const s of steps) {
      if (s.phase !== phase) continue;
      count++;
      wallMs += s.wallMs;
      setupMs += s.setupMs;
      if (slowest === null || s.wallMs > slowest.wallMs) slowest = s;
    }
    if (count > 0) out.push({ phase, steps: count, wallMs, setupMs, slowest });
  }
  return out;
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The breakdown the command prints: one line per phase (steps, wall, setup, slowest step), then the
 * `top` slowest steps with their setup share and windows.
 */
export function formatBreakdown(steps: readonly StepTiming[], top = 8): string {
  const lines = ['time per phase:'];
  for (const p of phaseTimes(steps)) {
    lines.push(`  ${p.phase.padEnd(13)} ${String(p.steps).padStart(3)} steps  ${sec(p.wallMs).padStart(8)}  setup ${sec(p.setupMs).padStart(8)}  slowest ${p.slowest === null ? '–' : `${sec(p.slowest.wallMs)} (${p.slowest.label})`}`);
  }
  const slowest = [...steps].sort((a, b) => b.wallMs - a.wallMs).slice(0, Math.max(0, top));
  if (slowest.length > 0) lines.push(`slowest ${String(slowest.length)} steps:`);
  for (const s of slowest) lines.push(`  ${sec(s.wallMs).padStart(8)}  setup ${sec(s.setupMs).padStart(7)}  ${String(s.windows).padStart(2)} windows  ${s.label}`);
  return lines.join('\n');
}
