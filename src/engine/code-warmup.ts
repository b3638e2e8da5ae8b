// A fresh WASM lane's code warmed before anything is timed on it: each session run in windows until the per-window run times settle.
import { nearestRank } from '../core/metrics';
import type { LaneSlot } from './lane-pool';

/**
 * How a fresh lane is warmed (see {@link warmUntilSettled}).
 *
 * Why: a browser compiles WebAssembly in tiers (V8: a baseline compiler at once, its optimizing compiler later
 * for each function that runs hot, on background threads), so a fresh WASM lane runs several times slower for
 * its first seconds, in steps with plateaus between them. Measured here (headless Chromium, MobileNetV2@32,
 * WASM, load average 1.4-2.5, two fresh lanes): medians per 10 runs of 17-32 ms for the first 2 s of runs,
 * 4-29 ms to 4.2 s, then 3.4-3.9 ms from there on. A solo profile measured in the first seconds said 13.7 ms,
 * so "0.9 of capacity" was 0.25, and the first variant of a comparison ran on a lane still warming up.
 */
export interface CodeWarmupSettings {
  /** Wanted length of one window, ms of run time: a window runs about windowMs / last median runs. */
  readonly windowMs: number;
  /** Consecutive windows whose medians must agree. */
  readonly windows: number;
  /** How far each of those medians may be from their median (fraction). */
  readonly tolerance: number;
  /** Least run time before the lane may count as warm, ms (the first plateau comes after 2-3 s above). */
  readonly minMs: number;
  /** Most run time spent warming, ms: then the lane counts as warm anyway (`settled` false). */
  readonly maxMs: number;
  /** Most runs in one window. */
  readonly maxWindowRuns: number;
}

export const CODE_WARMUP_DEFAULTS: CodeWarmupSettings = { windowMs: 250, windows: 4, tolerance: 0.1, minMs: 3000, maxMs: 12000, maxWindowRuns: 100 };

/**
 * Least run time for each later session of a lane already warmed on one, ms: the runtime's own code is hot by then,
 * but another model's kernels may not be (measured: SqueezeNet profiled after a warmed MobileNetV2 in the same lane
 * still ran about 10x slower than it does warm).
 */
export const LATER_SESSION_MIN_MS = 1000;

/** What warming a session took: the medians of its last `windows` windows, how many windows, runs and run time, and whether they settled. */
export interface CodeWarmup {
  readonly windowMediansMs: readonly number[];
  readonly windows: number;
  readonly runs: number;
  readonly runMs: number;
  /** True when the last windows agreed; false when the warm-up stopped at maxMs. */
  readonly settled: boolean;
}

/** Where a warm-up stands after a window. */
export interface CodeWarmupProgress {
  readonly windows: number;
  readonly runs: number;
  readonly runMs: number;
  readonly lastMedianMs: number;
  /** Least run time still needed, ms (the minimum time, or the windows the rule still wants). */
  readonly leftMs: number;
}

/** True when the last `settings.windows` medians are each within `tolerance` of their own median. */
export function windowsAgree(mediansMs: readonly number[], settings: Pick<CodeWarmupSettings, 'windows' | 'tolerance'>): boolean {
  if (mediansMs.length < settings.windows) return false;
  const last = mediansMs.slice(-settings.windows);
  const mid = nearestRank(last, 0.5);
  if (mid === null || !(mid > 0)) return false;
  return last.every((m) => Math.abs(m - mid) <= settings.tolerance * mid);
}

/**
 * Runs `timed(runs)` (timed runs back to back, each run's time in ms) in windows of about `windowMs` until at
 * least `minMs` of run time has passed and the last `windows` window medians agree within `tolerance`, or
 * until `maxMs` of run time (then `settled` is false). Pure: time is the runs' own times, not a clock.
 */
export async function warmUntilSettled(
  timed: (runs: number) => Promise<readonly number[]>,
  settings: CodeWarmupSettings = CODE_WARMUP_DEFAULTS,
  onWindow: (progress: CodeWarmupProgress) => void = () => undefined,
): Promise<CodeWarmup> {
  // Only the last `settings.windows` medians are kept: the rule reads no more, and tiny runs make many windows.
  const medians: number[] = [];
  let windows = 0;
  let runs = 0;
  let runMs = 0;
  let windowRuns = 1;
  for (;;) {
    const latencies = await timed(windowRuns);
    const median = nearestRank(latencies, 0.5);
    if (median === null) throw new Error('code warm-up: the lane returned no timed runs');
    medians.push(median);
    if (medians.length > settings.windows) medians.shift();
    windows++;
    runs += latencies.length;
    runMs += latencies.reduce((a, b) => a + b, 0);
    const settled = runMs >= settings.minMs && windowsAgree(medians, settings);
    if (settled || runMs >= settings.maxMs) return { windowMediansMs: medians, windows, runs, runMs, settled };
    windowRuns = Math.min(settings.maxWindowRuns, Math.max(1, Math.round(settings.windowMs / Math.max(median, 1e-3))));
    const leftMs = Math.max(settings.minMs - runMs, Math.max(0, settings.windows - windows) * settings.windowMs);
    onWindow({ windows, runs, runMs, lastMedianMs: median, leftMs });
  }
}

/**
 * Warms session `key` of lane `slot` at batch 1 once in the lane's life (a rebuilt or new lane is cold again):
 * the lane's first session for at least `settings.minMs`, later ones for at least {@link LATER_SESSION_MIN_MS};
 * null when that session was warm already. `onWindow` hears each window (for the setup's progress line).
 */
export async function warmSessionOnce(
  slot: Pick<LaneSlot, 'client' | 'warmKeys'>, key: string,
  settings: CodeWarmupSettings = CODE_WARMUP_DEFAULTS, onWindow?: (progress: CodeWarmupProgress) => void,
): Promise<CodeWarmup | null> {
  if (slot.warmKeys.has(key)) return null;
  const client = slot.client;
  const firstInLane = slot.warmKeys.size === 0;
  const warmup = await warmUntilSettled((runs) => client.profile(key, 1, 0, runs), firstInLane ? settings : { ...settings, minMs: Math.min(settings.minMs, LATER_SESSION_MIN_MS) }, onWindow);
  // Only the client that was warmed counts (a lane rebuilt meanwhile is a new worker, cold).
  if (slot.client === client) slot.warmKeys.add(key);
  return warmup;
}
