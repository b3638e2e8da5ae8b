// Before a live run: checks what the engine supports, creates every session in its lane, measures (or recalls) solo profiles.
import { errorMessage } from '../core/error-message';
import { blockBalanceOf, blocksOf, customEntryOf, laneOfTenant, maxBatchOf, MODEL_WEIGHT_SEED, modelKey, quoteName, sessionBatchesOf, sessionModelOf, type Experiment, type Tenant } from '../core/experiment';
import { sessionKey, type PrepareSpec, type PreparedInfo } from '../runtime/lane-protocol';
import { fileDimSizes, fileParts } from '../runtime/model-plan';
import { inspectOnnx } from '../zoo/inspect';
import { defineModel } from '../zoo/define';
import { isModelId, type ModelId } from '../zoo/model-ids';
import { partitionGraph } from '../zoo/partition';
import { ENGINE_DEFAULTS, type EngineOptions, type SessionBlockBalance, type SetupProgress, type SoloProfilePoint } from './engine-protocol';
import { warmSessionOnce } from './code-warmup';
import type { LanePool } from './lane-pool';
import { recheckWarmLanes, type MeasuredPoint } from './profile-recheck';
import { pendingProfileMs, profileCacheKey, profilePoint, profileUntilStable, STABLE_PROFILE_DEFAULTS, type ProfileCache, type StableProfileSettings, type StoredProfilePoint } from './solo-profiler';

/**
 * The batch sizes to profile for each model (by model key): `options.profileBatches` when given, else
 * the sizes its tenants' runs can have (batch 1 always: capacities are read there). A preset whose
 * tenants never batch profiles batch 1 only.
 */
export function profileBatchesByModel(experiment: Experiment, options: EngineOptions): Map<string, number[]> {
  const out = new Map<string, Set<number>>();
  for (const tenant of experiment.tenants) {
    const mk = modelKey(tenant.model, tenant.resolution);
    const sizes = out.get(mk) ?? new Set<number>([1]);
    for (const b of options.profileBatches ?? sessionBatchesOf(tenant)) sizes.add(b);
    out.set(mk, sizes);
  }
  return new Map([...out].map(([mk, sizes]) => [mk, [...sizes].sort((a, b) => a - b)]));
}

/**
 * The sessions each lane holds during the run, by key: one per model and granularity, made for the
 * largest batch its tenants in that lane can run.
 */
export function runSessionsOf(experiment: Experiment, options: EngineOptions, laneCount: number): Map<string, PrepareSpec>[] {
  const blocks = blocksOf(experiment);
  const lanes = Array.from({ length: laneCount }, () => new Map<string, PrepareSpec>());
  experiment.tenants.forEach((tenant, i) => {
    const sessions = lanes[laneOfTenant(experiment, i)] as Map<string, PrepareSpec>;
    const key = sessionKey(sessionModelOf(experiment, tenant), tenant.resolution, { blocks, balance: blockBalanceOf(experiment) });
    const maxBatch = Math.max(maxBatchOf(tenant), sessions.get(key)?.maxBatch ?? 1);
    sessions.set(key, specOf(experiment, tenant, maxBatch, options, blocks));
  });
  return lanes;
}

/** Reasons the live engine cannot run this experiment (field-named), empty when it can. */
export function unsupported(experiment: Experiment, options: EngineOptions): string[] {
  const problems: string[] = [];
  const blocks = blocksOf(experiment);
  const checked = new Set<string>();
  experiment.tenants.forEach((t, i) => {
    const custom = customEntryOf(experiment, t.model);
    if (custom !== undefined) {
      const bytes = options.modelBytes?.get(custom.sha256);
      if (bytes === undefined) {
        problems.push(`tenants[${String(i)}].model: the file of ${quoteName(t.model)} is not loaded in this page: pick ${quoteName(custom.fileName)} (${String(custom.byteLength)} bytes, sha256 ${custom.sha256.slice(0, 12)}…)`);
        return;
      }
      if (blocks === 1 || checked.has(t.model)) return;
      checked.add(t.model);
      const inspection = inspectOnnx(new Uint8Array(bytes));
      try {
        fileParts(new Uint8Array(bytes), blocks, inspection, custom.displayName ?? custom.fileName, fileDimSizes(inspection, custom.dims));
      } catch (error) {
        const message = errorMessage(error);
        problems.push(message.startsWith('scheduler.blocks:') ? message : `scheduler.blocks: ${message}`);
      }
      return;
    }
    if (!isModelId(t.model)) {
      problems.push(`tenants[${String(i)}].model: expected a zoo model id for a live run (got '${t.model}')`);
      return;
    }
    const label = modelKey(t.model, t.resolution);
    if (blocks === 1 || checked.has(label)) return;
    checked.add(label);
    try {
      partitionGraph(defineModel(t.model, t.resolution), blocks, label);
    } catch (error) {
      problems.push(errorMessage(error));
    }
  });
  const batches = options.profileBatches ?? [1];
  if (!batches.includes(1)) problems.push('profileBatches: expected batch 1 among them (capacities are read at batch 1)');
  return problems;
}

/**
 * Session spec of a tenant's model for runs of up to `maxBatch` requests, whole (blocks 1, the default)
 * or in layer blocks: a zoo model generated in the lane, or a custom model's bytes (options.modelBytes,
 * by sha256) with its chosen dims and fills, its batch symbolic, its session named by sessionModelOf.
 */
export function specOf(experiment: Experiment, tenant: Tenant, maxBatch: number, options: EngineOptions, blocks = 1): PrepareSpec {
  const custom = customEntryOf(experiment, tenant.model);
  const bytes = custom === undefined ? undefined : options.modelBytes?.get(custom.sha256);
  if (custom !== undefined && bytes === undefined) throw new Error(`tenants: the file of ${quoteName(tenant.model)} is not loaded`);
  return {
    blocks,
    ...(blocks > 1 ? { blockBalance: blockBalanceOf(experiment) } : {}),
    source: custom === undefined || bytes === undefined
      ? { kind: 'zoo', modelId: tenant.model as ModelId, resolution: tenant.resolution, seed: MODEL_WEIGHT_SEED }
      : { kind: 'bytes', label: custom.displayName ?? custom.fileName, bytes, dims: custom.dims, fills: custom.fills, session: { model: sessionModelOf(experiment, tenant), resolution: tenant.resolution } },
    maxBatch,
    backend: options.backend,
    build: options.build ?? ENGINE_DEFAULTS.build,
    allowFallback: options.allowFallback ?? ENGINE_DEFAULTS.allowFallback,
    inputSeed: experiment.seed,
    gpuTiming: options.gpuTiming ?? ENGINE_DEFAULTS.gpuTiming,
  };
}

/**
 * Before solo profiles: releases, in every lane, the sessions of earlier runs that neither the solo
 * profiles nor this run need, so that their memory is free before anything new is made.
 */
export async function releaseUnneeded(experiment: Experiment, options: EngineOptions, pool: LanePool): Promise<void> {
  const run = runSessionsOf(experiment, options, pool.slots.length);
  const profiled = profileSessionsOf(experiment, options);
  await Promise.all(pool.slots.map((_, lane) => pool.retain(lane, [...(run[lane]?.keys() ?? []), ...profiled.filter((p) => p.lane === lane).map((p) => p.key)])));
}

/** One model's solo profile: its whole-model session (on the lane of its first tenant) and the batch sizes to measure. */
interface ProfileSession {
  readonly modelKey: string;
  /**
   * The model key in the profile cache: the model key, and for a custom model also its session id
   * (name, sha256 and chosen dims/fills), so another file or other dims never reuse a stored point.
   */
  readonly cacheModelKey: string;
  readonly lane: number;
  readonly key: string;
  readonly spec: PrepareSpec;
  readonly batches: readonly number[];
}

/** The whole-model sessions solo profiles use, one per model, in the order of the models' first tenants. */
function profileSessionsOf(experiment: Experiment, options: EngineOptions): ProfileSession[] {
  const byModel = profileBatchesByModel(experiment, options);
  const out: ProfileSession[] = [];
  experiment.tenants.forEach((tenant, i) => {
    const mk = modelKey(tenant.model, tenant.resolution);
    if (out.some((p) => p.modelKey === mk)) return;
    const batches = byModel.get(mk) ?? [1];
    // batches is ascending (profileBatchesByModel sorts it): the last is the session's largest.
    const maxBatch = batches[batches.length - 1] ?? 1;
    const sessionModel = sessionModelOf(experiment, tenant);
    const cacheModelKey = sessionModel === tenant.model ? mk : `${mk}|${sessionModel}`;
    out.push({ modelKey: mk, cacheModelKey, lane: laneOfTenant(experiment, i), key: sessionKey(sessionModel, tenant.resolution), spec: specOf(experiment, tenant, maxBatch, options), batches });
  });
  return out;
}

/**
 * Warms session `key` of lane `lane` unless it is warm already (or options.codeWarmup is false), saying so on
 * the setup's progress line with the time it still needs at least. WASM lanes only: there the inference is the
 * WebAssembly code that the browser tiers up. On WebGPU it runs as shaders, compiled in the session's warm-up
 * runs, and only the encoding is WebAssembly: whether that warms up enough to matter is not measured here (no real
 * GPU; on SwiftShader a run takes ~0.7 s, so 3 s of windows would add seconds per lane). The profile recheck still
 * applies there.
 */
async function warmLane(pool: LanePool, lane: number, key: string, options: EngineOptions, onProgress: (p: SetupProgress) => void, done: number, total: number): Promise<void> {
  const slot = pool.slot(lane);
  if (options.codeWarmup === false || slot.warmKeys.has(key) || slot.lastInfo?.backendUsed !== 'wasm') return;
  const label = `lane ${String(lane)}: warming the WebAssembly code of ${key} until run times settle`;
  onProgress({ label, done, total });
  await warmSessionOnce(slot, key, undefined, (w) =>
    onProgress({ label: `${label}: window ${String(w.windows)}, ${w.lastMedianMs.toFixed(1)} ms a run`, done, total, leftMs: w.leftMs }));
}

/**
 * Makes every session the run needs in its lane (one per model and granularity: K layer-block sessions
 * under 'layer-blocks') after releasing what the run does not need (the whole-model sessions of a
 * layer-blocked run, once solo profiles are measured), and warms each new one up at every batch size
 * its tenants can run with `profileWarmupRuns` untimed runs (the first runs of a shape compile
 * shaders: seconds on a software adapter), so that no lane starts the run cold. Sessions the lane
 * already held (from solo profiles or an earlier run) are warm already. A lane whose code is still cold
 * (all its profiles came from the cache) has each of its sessions warmed. Returns the first session's facts.
 */
export async function prepareSessions(
  experiment: Experiment, options: EngineOptions, pool: LanePool, onProgress: (p: SetupProgress) => void = () => undefined,
  /** Hears how each layer-blocked session was cut (its key, lane and balance). */
  onBalance: (balance: SessionBlockBalance) => void = () => undefined,
): Promise<PreparedInfo> {
  const warmupRuns = options.profileWarmupRuns ?? ENGINE_DEFAULTS.profileWarmupRuns;
  const lanes = runSessionsOf(experiment, options, pool.slots.length);
  await Promise.all(lanes.map((sessions, lane) => pool.retain(lane, [...sessions.keys()])));
  const total = lanes.reduce((n, sessions) => n + sessions.size, 0);
  let done = 0;
  let first: PreparedInfo | undefined;
  for (const [lane, sessions] of lanes.entries()) {
    for (const [key, spec] of sessions) {
      onProgress({ label: `${key} on lane ${String(lane)}: generating, creating the session, ${String(warmupRuns)} warm-up runs per batch size`, done: done++, total });
      const info = await pool.prepare(lane, key, spec);
      if (info.blockBalance !== undefined) onBalance({ key, lane, balance: info.blockBalance });
      if (!info.reused) {
        for (let b = 1; b <= spec.maxBatch; b *= 2) await pool.slot(lane).client.profile(key, b, warmupRuns, 0);
      }
      first ??= info;
    }
    // A lane whose solo profiles all came from the cache is still cold: warm its sessions before the run times anything on it.
    if (pool.slot(lane).warmKeys.size === 0) for (const key of sessions.keys()) await warmLane(pool, lane, key, options, onProgress, done, total);
  }
  if (first === undefined) throw new Error('tenants: expected at least one tenant');
  return first;
}

/** A profile point measured in this setup: how to time it again, and where its figures go. */
interface ToMeasure extends MeasuredPoint {
  readonly mk: string;
  readonly batch: number;
  readonly cacheKey: string;
  readonly timed: (warmupRuns: number, runs: number) => Promise<readonly number[]>;
}

/**
 * Solo profile of every model of the experiment, whole inferences also for a layer-blocked run (the
 * scheduler's estimates are per batch, as in the simulator), on the lane of its first tenant while
 * the other lanes are idle, once the session's code is warm in that lane (see code-warmup.ts): `profileWarmupRuns` untimed runs, then `profileRuns` timed ones per batch
 * size (or, with `profileUntil: 'stable'`, windows until stable, at most `profileRuns` runs) (see {@link profileBatchesByModel}), all on one session with a symbolic batch. Points already
 * in `cache` for the same device, backend, build and model are reused without making a session. The
 * first point measured in each lane is measured again after its others, and all of them again while the
 * lane turns out to have been warming up (see {@link recheckWarmLanes}).
 */
export async function profileModels(
  experiment: Experiment, options: EngineOptions, pool: LanePool, cache: ProfileCache, onProgress: (p: SetupProgress) => void = () => undefined,
  /** Wall clock that stamps a measured point (its age is shown beside it when it is reused). */
  nowEpochMs: () => number = () => Date.now(),
): Promise<SoloProfilePoint[]> {
  const warmupRuns = options.profileWarmupRuns ?? ENGINE_DEFAULTS.profileWarmupRuns;
  const runs = options.profileRuns ?? ENGINE_DEFAULTS.profileRuns;
  const refresh = options.refreshProfiles === true;
  await cache.ready;
  const sessions = profileSessionsOf(experiment, options);
  const total = sessions.reduce((n, p) => n + p.batches.length, 0);
  const points: SoloProfilePoint[] = [];
  const measured: ToMeasure[] = [];
  const measure = async (p: ToMeasure, pending: readonly number[]): Promise<StoredProfilePoint> => {
    if (options.profileUntil !== 'stable') return profilePoint(p.mk, p.batch, warmupRuns, await p.timed(warmupRuns, runs), nowEpochMs());
    const settings: StableProfileSettings = { ...STABLE_PROFILE_DEFAULTS, maxRuns: runs, windowMs: options.profileWindowMs ?? STABLE_PROFILE_DEFAULTS.windowMs };
    const stable = await profileUntilStable(p.timed, warmupRuns, settings, (w) => {
      const leftMs = w.leftMs + pendingProfileMs(pending, { batch: p.batch, medianMs: w.medianMs }, warmupRuns, settings);
      onProgress({ label: `${p.label}: until stable, window ${String(w.windows)} of ${String(w.windowRuns)} runs`, done: points.length, total, leftMs });
    });
    return profilePoint(p.mk, p.batch, warmupRuns, stable.latenciesMs, nowEpochMs(), stable);
  };
  for (const { modelKey: mk, cacheModelKey, lane, key, spec, batches } of sessions) {
    for (const b of batches) {
      const what = options.profileUntil === 'stable' ? `until stable (at most ${String(runs)} timed runs)` : `${String(runs)} timed runs`;
      onProgress({ label: `${mk} alone at batch ${String(b)}: ${String(warmupRuns)} warm-up + ${what}`, done: points.length, total });
      // A lane that already ran a session on this device says which device it is: no session needed for a cached point.
      const known = pool.slot(lane).lastInfo;
      const knownHit = !refresh && known !== null && known.build === spec.build && (known.backendUsed === spec.backend || known.fallbackReasons.length > 0) ? cache.get(profileCacheKey(known, cacheModelKey, b)) : undefined;
      if (knownHit) {
        points.push({ ...knownHit, cached: true });
        continue;
      }
      const info = await pool.prepare(lane, key, spec);
      const cacheKey = profileCacheKey(info, cacheModelKey, b);
      const hit = refresh ? undefined : cache.get(cacheKey);
      if (hit) {
        points.push({ ...hit, cached: true });
        continue;
      }
      await warmLane(pool, lane, key, options, onProgress, points.length, total);
      const client = pool.slot(lane).client;
      const toMeasure: ToMeasure = { index: points.length, lane, label: `${mk} alone at batch ${String(b)}`, mk, batch: b, cacheKey, timed: (warm, n) => client.profile(key, b, warm, n) };
      const point = await measure(toMeasure, sessions.flatMap((s) => s.batches).slice(points.length + 1));
      cache.set(cacheKey, point);
      points.push({ ...point, cached: false });
      measured.push(toMeasure);
    }
  }
  // A lane may still have been warming up (WebAssembly compiled in tiers) when its first points were measured.
  await recheckWarmLanes(measured, {
    medianOf: (p) => points[p.index]?.medianMs ?? NaN,
    measure: (p) => measure(p, []),
    replace: (p, figures) => {
      cache.set(p.cacheKey, figures);
      points[p.index] = { ...figures, cached: false };
    },
    progress: (label) => onProgress({ label, done: points.length, total }),
  });
  return points;
}
