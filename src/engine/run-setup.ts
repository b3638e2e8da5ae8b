// Before a live run: checks what the engine supports, creates every session in its lane, measures (or recalls) solo profiles.
import { blocksOf, laneOfTenant, MODEL_WEIGHT_SEED, modelKey, sessionBatchesOf, type Experiment, type Tenant } from '../core/experiment';
import { sessionKey, type PrepareSpec, type PreparedInfo } from '../runtime/lane-protocol';
import { defineModel } from '../zoo/define';
import { isModelId, type ModelId } from '../zoo/model-ids';
import { partitionGraph } from '../zoo/partition';
import { ENGINE_DEFAULTS, type EngineOptions, type SetupProgress, type SoloProfilePoint } from './engine-protocol';
import type { LanePool } from './lane-pool';
import { profileCacheKey, profilePoint, type ProfileCache } from './solo-profiler';

/** Reasons the live engine cannot run this experiment (field-named), empty when it can. */
export function unsupported(experiment: Experiment, options: EngineOptions): string[] {
  const problems: string[] = [];
  const blocks = blocksOf(experiment);
  const checked = new Set<string>();
  experiment.tenants.forEach((t, i) => {
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
      problems.push(error instanceof Error ? error.message : String(error));
    }
  });
  const batches = options.profileBatches ?? ENGINE_DEFAULTS.profileBatches;
  if (!batches.includes(1)) problems.push('profileBatches: expected batch 1 among them (capacities are read at batch 1)');
  return problems;
}

/** Session spec of a tenant's model at a batch size, whole (blocks 1, the default) or in layer blocks. */
export function specOf(tenant: Tenant, batch: number, options: EngineOptions, inputSeed: number, blocks = 1): PrepareSpec {
  return {
    blocks,
    modelId: tenant.model as ModelId,
    resolution: tenant.resolution,
    batch,
    backend: options.backend,
    build: options.build ?? ENGINE_DEFAULTS.build,
    allowFallback: options.allowFallback ?? ENGINE_DEFAULTS.allowFallback,
    seed: MODEL_WEIGHT_SEED,
    inputSeed,
    gpuTiming: options.gpuTiming ?? ENGINE_DEFAULTS.gpuTiming,
  };
}

/**
 * Creates every session the tenants need in their lanes (K layer-block sessions per batch size under
 * 'layer-blocks') and warms each up with `profileWarmupRuns` untimed runs (the first runs compile
 * shaders: seconds on a software adapter), so that no lane starts the run cold. Returns the first
 * session's facts.
 */
export async function prepareSessions(experiment: Experiment, options: EngineOptions, pool: LanePool, onProgress: (p: SetupProgress) => void = () => undefined): Promise<PreparedInfo> {
  const warmupRuns = options.profileWarmupRuns ?? ENGINE_DEFAULTS.profileWarmupRuns;
  const blocks = blocksOf(experiment);
  const total = experiment.tenants.reduce((n, t) => n + sessionBatchesOf(t).length, 0);
  let done = 0;
  let first: PreparedInfo | undefined;
  for (const [i, tenant] of experiment.tenants.entries()) {
    const lane = laneOfTenant(experiment, i);
    for (const b of sessionBatchesOf(tenant)) {
      const key = sessionKey(tenant.model, tenant.resolution, b, blocks);
      onProgress({ label: `${tenant.id}: ${modelKey(tenant.model, tenant.resolution)} at batch ${String(b)} on lane ${String(lane)}: generating, creating the session, ${String(warmupRuns)} warm-up runs`, done: done++, total });
      const info = await pool.prepare(lane, key, specOf(tenant, b, options, experiment.seed, blocks));
      await pool.slot(lane).client.profile(key, warmupRuns, 0);
      first ??= info;
    }
  }
  if (first === undefined) throw new Error('tenants: expected at least one tenant');
  return first;
}

/**
 * Solo profile of every model of the experiment, whole inferences also for a layer-blocked run (the
 * scheduler's estimates are per batch, as in the simulator), on the lane of its first tenant while
 * the other lanes are idle: `profileWarmupRuns` untimed runs, then `profileRuns` timed ones per batch size.
 * Points already in `cache` for the same device, backend, build and model are reused.
 */
export async function profileModels(
  experiment: Experiment, options: EngineOptions, pool: LanePool, cache: ProfileCache, onProgress: (p: SetupProgress) => void = () => undefined,
): Promise<SoloProfilePoint[]> {
  const warmupRuns = options.profileWarmupRuns ?? ENGINE_DEFAULTS.profileWarmupRuns;
  const runs = options.profileRuns ?? ENGINE_DEFAULTS.profileRuns;
  const batches = options.profileBatches ?? ENGINE_DEFAULTS.profileBatches;
  const models = new Set(experiment.tenants.map((t) => modelKey(t.model, t.resolution)));
  const total = models.size * batches.length;
  const done = new Set<string>();
  const points: SoloProfilePoint[] = [];
  for (const [i, tenant] of experiment.tenants.entries()) {
    const mk = modelKey(tenant.model, tenant.resolution);
    if (done.has(mk)) continue;
    done.add(mk);
    const lane = laneOfTenant(experiment, i);
    for (const b of batches) {
      const key = sessionKey(tenant.model, tenant.resolution, b);
      onProgress({ label: `${mk} alone at batch ${String(b)}: ${String(warmupRuns)} warm-up + ${String(runs)} timed runs`, done: points.length, total });
      const info = await pool.prepare(lane, key, specOf(tenant, b, options, experiment.seed));
      const cacheKey = profileCacheKey(info, mk, b);
      const hit = cache.get(cacheKey);
      if (hit) {
        points.push({ ...hit, cached: true });
        continue;
      }
      const point = profilePoint(mk, b, warmupRuns, await pool.slot(lane).client.profile(key, warmupRuns, runs));
      cache.set(cacheKey, point);
      points.push({ ...point, cached: false });
    }
  }
  return points;
}
