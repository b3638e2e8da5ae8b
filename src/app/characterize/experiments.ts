// The experiments a characterization runs: a solo sweep point and an interference cell, both closed loop, with the entries of their custom models.
import { customNameOf, type CustomModel, type ExperimentInput } from '../../core/experiment';
import type { CellMode } from '../../core/characterize/report-schema';

/**
 * The `customModels` section for an experiment of `models`: the entries (from `known`) of its `custom:`
 * ids, each once; absent when it names none (a zoo-only experiment stays as it was).
 */
function customSection(models: readonly string[], known: readonly CustomModel[]): { customModels?: CustomModel[] } {
  const names = new Set(models.map(customNameOf).filter((n): n is string => n !== null));
  const entries = known.filter((m) => names.has(m.name));
  return entries.length === 0 ? {} : { customModels: entries };
}

/** A tenant that never misses its SLO (a characterization measures latency, it does not judge it). */
const NO_SLO_MS = 86_400_000;

/**
 * One model alone on one lane: `batch` requests outstanding, dynamically batched up to `batch`
 * (they arrive together, so every batch is full).
 */
export function soloExperiment(model: string, resolution: number, batch: number, warmupMs: number, durationMs: number, seed: number, customModels: readonly CustomModel[] = []): ExperimentInput & { warmupMs: number } {
  return {
    schemaVersion: 1, name: `solo ${model}@${String(resolution)} batch ${String(batch)}`,
    tenants: [{
      id: 'solo', model, resolution,
      batch: batch === 1 ? { kind: 'none' } : { kind: 'dynamic', maxBatch: batch, maxQueueDelayMs: 1000 },
      arrival: { kind: 'closed-loop', outstanding: batch }, sloMs: NO_SLO_MS, queueLimit: Math.max(4, batch * 2),
    }],
    scheduler: { policy: 'fcfs', granularity: 'inference' }, lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs, durationMs, seed, ...customSection([model], customModels),
  };
}

/** Two tenants (`t0`, `t1`), each closed loop at one outstanding: one time-sliced lane (FCFS) or two concurrent ones. */
export function cellExperiment(models: readonly [string, string], resolution: number, mode: CellMode, warmupMs: number, durationMs: number, seed: number, customModels: readonly CustomModel[] = []): ExperimentInput & { warmupMs: number } {
  return {
    schemaVersion: 1, name: `${models[0]} + ${models[1]} (${mode})`,
    tenants: models.map((model, i) => ({
      id: `t${String(i)}`, model, resolution, batch: { kind: 'none' as const }, arrival: { kind: 'closed-loop' as const, outstanding: 1 }, sloMs: NO_SLO_MS, queueLimit: 4,
    })),
    scheduler: { policy: 'fcfs', granularity: 'inference' }, lanes: { mode, dispatchDepth: 1 },
    warmupMs, durationMs, seed, ...customSection(models, customModels),
  };
}
