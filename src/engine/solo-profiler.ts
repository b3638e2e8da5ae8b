// Solo profiles: each model alone on its lane at the batches its tenants use, after warm-up, for a fixed run count or until stable; cached per device, backend, build, model and batch.
import { DEFAULT_STABILITY, settledWindows, stabilityVerdict, type StabilityRule } from '../core/characterize/stability';
import { nearestRank } from '../core/metrics';
import { ms, type Ms } from '../core/units';
import type { PreparedInfo } from '../runtime/lane-protocol';
import { SERVICE_TIMING, type SoloProfilePoint } from './engine-protocol';

/** A profile point as a cache keeps it. */
export type StoredProfilePoint = Omit<SoloProfilePoint, 'cached' | 'measuredAtEpochMs'> & { readonly measuredAtEpochMs: Ms };

/**
 * Solo profiles by {@link profileCacheKey}: a Map for one session (tests), or IndexedDB-backed across
 * reloads (profile-store.ts). `ready` resolves once stored points are loaded.
 */
export interface ProfileCache {
  readonly ready?: Promise<void>;
  get(key: string): StoredProfilePoint | undefined;
  set(key: string, point: StoredProfilePoint): void;
}

/** The device a session runs on, as a cache key part: backend, build and adapter. */
export function deviceKey(info: PreparedInfo): string {
  const a = info.adapter;
  const adapter = a === null ? 'cpu' : `${a.vendor}/${a.architecture}/${a.device}/${a.description}`;
  return `${info.backendUsed}|${info.build}|${adapter}`;
}

/** Cache key of one profile point. */
export function profileCacheKey(info: PreparedInfo, modelKey: string, batch: number): string {
  return `${deviceKey(info)}|${modelKey}|${String(batch)}`;
}

/** A profile point from timed runs (wall clock, ms), measured at `measuredAtEpochMs`; `stability` when measured until stable. */
export function profilePoint(
  modelKey: string, batch: number, warmupRuns: number, latenciesMs: readonly number[], measuredAtEpochMs: number,
  stability?: Pick<StableProfile, 'verdict' | 'windows'>,
): StoredProfilePoint {
  const medianMs = nearestRank(latenciesMs, 0.5);
  const p99Ms = nearestRank(latenciesMs, 0.99);
  if (medianMs === null || p99Ms === null) throw new Error(`solo profile of ${modelKey} at batch ${String(batch)}: no timed runs`);
  return {
    modelKey,
    batch,
    warmupRuns,
    samples: latenciesMs.length,
    medianMs: ms(medianMs),
    p99Ms: ms(p99Ms),
    throughputPerSec: (batch * 1000) / medianMs,
    timing: SERVICE_TIMING,
    measuredAtEpochMs: ms(measuredAtEpochMs),
    ...(stability === undefined ? {} : { stability: stability.verdict, windows: stability.windows }),
  };
}

/** How a solo profile point is measured until stable (see {@link profileUntilStable}). */
export interface StableProfileSettings {
  /** perf_analyzer's rule over per-window medians (default: 3 windows within 10%). */
  readonly rule: StabilityRule;
  /** Most timed runs of the point, all windows together (>= 1). */
  readonly maxRuns: number;
  /** Wanted length of one window, ms: a window runs about windowMs / median runs (at least 1). */
  readonly windowMs: number;
}

/** Defaults of {@link StableProfileSettings} but maxRuns (the run form's profile runs). */
export const STABLE_PROFILE_DEFAULTS = { rule: DEFAULT_STABILITY, windowMs: 300 } as const;

/** Where a point measured until stable stands after a window. */
export interface ProfileWindowProgress {
  /** Windows measured so far (the sizing run not counted). */
  readonly windows: number;
  /** Timed runs so far, the sizing run included. */
  readonly runs: number;
  /** Timed runs per window. */
  readonly windowRuns: number;
  /** Median of the runs so far, ms. */
  readonly medianMs: number;
  /** Least time the point still needs, ms: the windows the rule still wants at the median so far. */
  readonly leftMs: number;
}

/** A point measured until stable: the runs of its settled windows, the verdict, and how many windows it took. */
export interface StableProfile {
  readonly latenciesMs: readonly number[];
  readonly verdict: 'stable' | 'unstable';
  readonly windows: number;
  readonly runs: number;
}

/** Timed runs in each window: about windowMs of runs, at most what lets the rule's windows fit in maxRuns, at least 1. */
export function windowRunsFor(medianMs: number, settings: StableProfileSettings): number {
  const fit = Math.max(1, Math.floor((settings.maxRuns - 1) / settings.rule.windows));
  const wanted = medianMs > 0 ? Math.round(settings.windowMs / medianMs) : fit;
  return Math.min(fit, Math.max(1, wanted));
}

/**
 * Measures one point until its per-window medians are stable (perf_analyzer's rule, reused from
 * core/characterize): one sizing run after `warmupRuns` untimed ones, then windows of
 * {@link windowRunsFor} runs until the rule says stable, or the next window would pass `maxRuns`
 * (or the rule's window cap): then the point is 'unstable'. The point's figures are read from the settled windows.
 */
export async function profileUntilStable(
  timed: (warmupRuns: number, runs: number) => Promise<readonly number[]>,
  warmupRuns: number,
  settings: StableProfileSettings,
  onWindow: (progress: ProfileWindowProgress) => void = () => undefined,
): Promise<StableProfile> {
  const all: number[] = [...(await timed(warmupRuns, 1))];
  const sizing = nearestRank(all, 0.5) ?? 0;
  const windowRuns = windowRunsFor(sizing, settings);
  const windows: (readonly number[])[] = [];
  for (;;) {
    const latencies = await timed(0, windowRuns);
    windows.push(latencies);
    all.push(...latencies);
    const verdict = stabilityVerdict(windows.map((w) => [nearestRank(w, 0.5) ?? NaN]), settings.rule);
    const medianMs = nearestRank(all, 0.5) ?? sizing;
    const done = verdict !== 'measuring' || all.length + windowRuns > settings.maxRuns;
    const leftWindows = done ? 0 : Math.max(1, settings.rule.windows - windows.length);
    onWindow({ windows: windows.length, runs: all.length, windowRuns, medianMs, leftMs: leftWindows * windowRuns * medianMs });
    if (done) {
      const settled = settledWindows(windows.map((w) => [...w]), settings.rule).flat();
      return { latenciesMs: settled, verdict: verdict === 'stable' ? 'stable' : 'unstable', windows: windows.length, runs: all.length };
    }
  }
}

/**
 * Least time, ms, the points not yet started still need, each from the median of the point being
 * measured scaled by batch (a guess: other models may be faster or slower): the sizing and warm-up
 * runs and the rule's windows.
 */
export function pendingProfileMs(pendingBatches: readonly number[], current: { readonly batch: number; readonly medianMs: number }, warmupRuns: number, settings: StableProfileSettings): number {
  let total = 0;
  for (const b of pendingBatches) {
    const estMs = (current.medianMs * b) / Math.max(1, current.batch);
    total += estMs * (warmupRuns + 1 + settings.rule.windows * windowRunsFor(estMs, settings));
  }
  return total;
}
