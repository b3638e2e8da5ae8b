// One live capacity probe as data: the experiment scaled to a factor (LoadGen-minimum length, same seed), and its verdict from measured metrics.
import type { Experiment } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import type { MetricsSnapshot } from '../metrics/snapshot';
import type { TenantProbe } from './capacity';
import type { ProbeLength } from './scale-load';
import { scaleLoad } from './scale-load';

/** One live probe's record: what ran and what it measured. */
export interface LiveCapacityProbe {
  readonly factor: number;
  /** Every tenant met the SLO rate (judged on measured requests only). */
  readonly holds: boolean;
  readonly tenants: readonly TenantProbe[];
  /** The tenant with the lowest measured SLO rate (one with none finished counts lowest); null when no tenant finished a request. */
  readonly worstTenant: string | null;
  /** Every tenant had LoadGen's minimum of measured requests. */
  readonly enoughSamples: boolean;
  /** Fewest measured requests of any tenant. */
  readonly minTenantSamples: number;
  /** Planned warm-up and measured arrival window of the probe, ms. */
  readonly warmupMs: number;
  readonly durationMs: number;
  /** How the live run ended ('finished', or 'stopped' / 'failed' with the reason). */
  readonly phase: string;
}

/** The experiment a live probe runs: `factor` times the open-loop load, the given seed, the probe's length. */
export function liveProbeExperiment(experiment: Experiment, serviceModel: ServiceModel, factor: number, length: ProbeLength, seed: number): Experiment {
  const scaled = scaleLoad({ ...experiment, seed }, serviceModel, factor, length);
  // The live engine measures its own service times; the simulated ones stay out of the run it is given.
  const { serviceModel: _simulated, ...live } = scaled;
  return live;
}

/**
 * Judges a finished live probe from its final metrics: each tenant's SLO rate over measured completed +
 * dropped requests against `sloRate`. A tenant with no finished request fails the probe. Requests cancelled
 * by Stop are not samples.
 */
export function judgeLiveProbe(
  experiment: Experiment,
  metrics: Pick<MetricsSnapshot, 'tenants'> | null,
  run: { readonly factor: number; readonly warmupMs: number; readonly durationMs: number; readonly phase: string },
  sloRate: number,
  minSamples: number,
): LiveCapacityProbe {
  const tenants = experiment.tenants.map((t): TenantProbe => {
    const m = metrics?.tenants.find((x) => x.id === t.id);
    return {
      tenant: t.id,
      sloRate: m?.sloSatisfaction ?? null,
      // A request cancelled by Stop (reason 'stopped') was never judged: it is no sample (LoadGen counts only issued queries that finished or failed).
      samples: m === undefined ? 0 : m.measured.completed + m.measured.dropped - m.measured.droppedByReason.stopped,
      p99LatencyMs: m?.latencyMs.p99.value ?? null,
      chargedMs: m?.gpuMs ?? 0,
    };
  });
  let worst: TenantProbe | null = null;
  for (const t of tenants) if (worst === null || (t.sloRate ?? -1) < (worst.sloRate ?? -1)) worst = t;
  const minTenantSamples = tenants.reduce((least, t) => Math.min(least, t.samples), Infinity);
  return {
    ...run,
    holds: run.phase === 'finished' && tenants.every((t) => t.sloRate !== null && t.sloRate >= sloRate),
    tenants,
    worstTenant: tenants.some((t) => t.samples > 0) ? (worst?.tenant ?? null) : null,
    enoughSamples: tenants.every((t) => t.samples >= minSamples),
    minTenantSamples: Number.isFinite(minTenantSamples) ? minTenantSamples : 0,
  };
}
