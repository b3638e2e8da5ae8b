// Capacity search: the largest factor by which all open-loop rates scale together while every tenant meets its SLO rate.
import type { ConfigIssue } from '../experiment/parse';
import type { Experiment } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { minSamplesForQuantile } from '../metrics/min-samples';
import { simulateExperiment } from '../sim/simulate-experiment';
import { baseRatesPerSec, scaleLoad, type ProbeLength } from './scale-load';

/** Default share of each tenant's requests that must meet its SLO (VELTAIR's 99% QoS target). */
export const DEFAULT_SLO_RATE = 0.99;
/** Default relative width of the answer's bracket: fails / holds <= 1 + resolution. */
export const DEFAULT_RESOLUTION = 0.02;
/** Factors searched: from 1/MAX_FACTOR to MAX_FACTOR times the experiment's load. */
export const MAX_FACTOR = 1024;
/** Extra length over LoadGen's minimum, so a Poisson probe rarely falls short of it. */
const SAMPLE_MARGIN = 1.2;

/** Settings of a capacity search. */
export interface CapacityOptions {
  /** Share of each tenant's measured requests that must complete within its SLO, in (0, 1); default 0.99. */
  readonly sloRate?: number;
  /** Relative bracket width to stop at, in (0, 1); default 0.02 (2%). */
  readonly resolution?: number;
  /** Measured requests each open-loop tenant gets per probe (at least); default LoadGen's minimum for the SLO rate's quantile (662 at 0.99). */
  readonly minSamples?: number;
  /** Seed of every probe (the same one, so probes differ only in load); default the experiment's seed. */
  readonly seed?: number;
  /** Called after each probe, with an estimate of how many probes the search makes in all. */
  readonly onProbe?: (probe: CapacityProbe, done: number, expectedTotal: number) => void;
}

/** One tenant in one probe. */
export interface TenantProbe {
  readonly tenant: string;
  /** Within-SLO completions over completed + dropped measured requests; null when none finished. */
  readonly sloRate: number | null;
  /** Completed + dropped measured requests the rate is computed from. */
  readonly samples: number;
  readonly p99LatencyMs: number | null;
  /** Lane time charged to the tenant's measured completions (service time per request: batch time / batch size), ms. */
  readonly chargedMs: number;
}

/** One simulated run at a load factor. */
export interface CapacityProbe {
  readonly factor: number;
  /** Every tenant met the SLO rate. */
  readonly holds: boolean;
  readonly tenants: readonly TenantProbe[];
  /** The tenant with the lowest SLO rate (the first to fail); null when there are no samples at all. */
  readonly worstTenant: string | null;
  /** Every tenant had at least the required samples. */
  readonly enoughSamples: boolean;
  readonly simulatedRequests: number;
  /** Measured (post-warm-up) arrival window of the probe, ms. */
  readonly durationMs: number;
}

/** How the search ended. */
export type CapacityOutcome =
  /** holds < fails, within the resolution. */
  | 'bracketed'
  /** Fails even at 1/MAX_FACTOR of the load (e.g. a closed-loop tenant misses its SLO on its own). */
  | 'fails-at-floor'
  /** Holds even at MAX_FACTOR times the load. */
  | 'holds-at-ceiling';

/** The answer: a bracket of load factors [holds, fails] and what decided it. */
export interface CapacityResult {
  readonly sloRate: number;
  readonly resolution: number;
  readonly seed: number;
  readonly samplesPerTenant: number;
  readonly outcome: CapacityOutcome;
  /** Largest factor found to hold (null: none did). */
  readonly holdsFactor: number | null;
  /** Smallest factor found to fail (null: none did). */
  readonly failsFactor: number | null;
  /** Each tenant's mean offered rate at factor 1, and at the holding factor, req/s (null for a closed loop). */
  readonly rates: readonly { readonly tenant: string; readonly basePerSec: number | null; readonly atHoldsPerSec: number | null }[];
  /** Sum of the open-loop rates at the holding factor, req/s (null when none held). */
  readonly totalAtHoldsPerSec: number | null;
  /** The tenant whose SLO rate fell below the target at the failing factor. */
  readonly limitingTenant: string | null;
  readonly probes: readonly CapacityProbe[];
  readonly simulatedRequests: number;
}

export type CapacitySearchResult = { readonly ok: true; readonly result: CapacityResult } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Checks the options' ranges; each problem names the option. */
export function capacityOptionIssues(options: CapacityOptions): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { sloRate, resolution, minSamples } = options;
  if (sloRate !== undefined && !(sloRate > 0 && sloRate < 1)) issues.push({ path: 'sloRate', message: 'expected a number in (0, 1), e.g. 0.99' });
  if (resolution !== undefined && !(resolution >= 0.001 && resolution < 1)) issues.push({ path: 'resolution', message: 'expected a number in [0.001, 1)' });
  if (minSamples !== undefined && !(Number.isInteger(minSamples) && minSamples >= 1 && minSamples <= 10_000_000)) {
    issues.push({ path: 'minSamples', message: 'expected an integer in [1, 10000000]' });
  }
  return issues;
}

/**
 * Probe length: the experiment's warm-up, and long enough that the slowest open-loop tenant gets
 * `samples` requests; and at every factor at least 2 x the largest SLO / `resolution` of measured time,
 * so that an overload of one resolution step has time to push queueing past the SLO (a queue growing at
 * a fraction e of the load passes an SLO of S after about S / e; shorter probes overstate capacity when
 * the SLO is loose). Null when no open-loop tenant has a rate.
 */
export function probeLength(experiment: Experiment, serviceModel: ServiceModel, samples: number, resolution = DEFAULT_RESOLUTION): ProbeLength | null {
  let slowest = Infinity;
  for (const rate of baseRatesPerSec(experiment, serviceModel).values()) if (rate !== null && rate > 0) slowest = Math.min(slowest, rate);
  if (slowest === Infinity) return null;
  const maxSloMs = Math.max(...experiment.tenants.map((t) => t.sloMs));
  return { warmupMs: experiment.warmupMs, durationMs: (SAMPLE_MARGIN * samples * 1000) / slowest, minDurationMs: (2 * maxSloMs) / resolution };
}

/** Simulates the experiment at `factor` times its load and judges every tenant against `sloRate`. */
export function probeAt(experiment: Experiment, serviceModel: ServiceModel, factor: number, length: ProbeLength, sloRate: number, minSamples: number): CapacityProbe {
  const scaled = scaleLoad(experiment, serviceModel, factor, length);
  const simulated = simulateExperiment(scaled);
  // The experiment was validated and scaling keeps it valid; a refusal here is a bug, not bad input.
  if (!simulated.ok) throw new Error(`capacity probe at factor ${String(factor)}: ${simulated.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const report = simulated.report;
  const tenants = experiment.tenants.map((t): TenantProbe => {
    const m = report.perTenant[t.id];
    const samples = m === undefined ? 0 : m.measured.completed + m.measured.dropped;
    return { tenant: t.id, sloRate: m?.sloSatisfaction ?? null, samples, p99LatencyMs: m?.latencyMs.p99.value ?? null, chargedMs: m?.gpuMs ?? 0 };
  });
  let worst: TenantProbe | null = null;
  for (const t of tenants) if (worst === null || (t.sloRate ?? -1) < (worst.sloRate ?? -1)) worst = t;
  return {
    factor,
    holds: tenants.every((t) => t.sloRate !== null && t.sloRate >= sloRate),
    tenants,
    worstTenant: worst?.tenant ?? null,
    enoughSamples: tenants.every((t) => t.samples >= minSamples),
    simulatedRequests: report.simulatedRequests,
    durationMs: scaled.durationMs,
  };
}

const bisectionsLeft = (holds: number, fails: number, resolution: number): number =>
  Math.max(0, Math.ceil(Math.log2(Math.log(fails / holds) / Math.log(1 + resolution))));

/**
 * Searches the largest load factor at which every tenant keeps its SLO rate. Doubling (or halving)
 * from factor 1 finds a bracket, then bisection (geometric midpoints) narrows it until
 * fails / holds <= 1 + resolution. Every probe uses the same seed and the same request sequence
 * compressed in time, long enough for LoadGen's minimum samples of the deciding quantile.
 * Needs a service model (the experiment's, or `serviceModel`) and at least one open-loop tenant.
 */
export function searchCapacity(experiment: Experiment, options: CapacityOptions = {}, serviceModel = experiment.serviceModel): CapacitySearchResult {
  const issues = capacityOptionIssues(options);
  if (serviceModel === undefined) issues.push({ path: 'serviceModel', message: 'expected a service model: the capacity search simulates' });
  if (issues.length > 0 || serviceModel === undefined) return { ok: false, issues };
  const sloRate = options.sloRate ?? DEFAULT_SLO_RATE;
  const resolution = options.resolution ?? DEFAULT_RESOLUTION;
  const minSamples = options.minSamples ?? minSamplesForQuantile(sloRate);
  const seed = options.seed ?? experiment.seed;
  const length = probeLength(experiment, serviceModel, minSamples, resolution);
  if (length === null) return { ok: false, issues: [{ path: 'tenants', message: 'expected at least one open-loop tenant with a rate above 0 (only open-loop rates scale)' }] };
  const seeded = { ...experiment, seed };
  const probes: CapacityProbe[] = [];
  let expected = 1 + Math.log2(MAX_FACTOR) / 2 + bisectionsLeft(1, 2, resolution);
  const probe = (factor: number): CapacityProbe => {
    const p = probeAt(seeded, serviceModel, factor, length, sloRate, minSamples);
    probes.push(p);
    expected = Math.max(expected, probes.length);
    options.onProbe?.(p, probes.length, Math.ceil(expected));
    return p;
  };
  let holds: CapacityProbe | null = null;
  let fails: CapacityProbe | null = null;
  const first = probe(1);
  if (first.holds) holds = first;
  else fails = first;
  // Doubling (or halving) phase: find a bracket.
  while (holds === null || fails === null) {
    if (holds !== null) {
      if (holds.factor >= MAX_FACTOR) break;
      const p = probe(holds.factor * 2);
      if (p.holds) holds = p;
      else fails = p;
    } else if (fails !== null) {
      if (fails.factor <= 1 / MAX_FACTOR) break;
      const p = probe(fails.factor / 2);
      if (p.holds) holds = p;
      else fails = p;
    }
    if (holds !== null && fails !== null) expected = probes.length + bisectionsLeft(holds.factor, fails.factor, resolution);
  }
  // Bisection phase.
  while (holds !== null && fails !== null && fails.factor / holds.factor > 1 + resolution) {
    const p = probe(Math.sqrt(holds.factor * fails.factor));
    if (p.holds) holds = p;
    else fails = p;
  }
  const outcome: CapacityOutcome = holds === null ? 'fails-at-floor' : fails === null ? 'holds-at-ceiling' : 'bracketed';
  const bases = baseRatesPerSec(experiment, serviceModel);
  const rates = experiment.tenants.map((t) => {
    const base = bases.get(t.id) ?? null;
    return { tenant: t.id, basePerSec: base, atHoldsPerSec: base === null || holds === null ? null : base * holds.factor };
  });
  const openRates = rates.filter((r) => r.atHoldsPerSec !== null);
  return {
    ok: true,
    result: {
      sloRate,
      resolution,
      seed,
      samplesPerTenant: minSamples,
      outcome,
      holdsFactor: holds?.factor ?? null,
      failsFactor: fails?.factor ?? null,
      rates,
      totalAtHoldsPerSec: holds === null ? null : openRates.reduce((sum, r) => sum + (r.atHoldsPerSec ?? 0), 0),
      limitingTenant: fails?.worstTenant ?? null,
      probes,
      simulatedRequests: probes.reduce((sum, p) => sum + p.simulatedRequests, 0),
    },
  };
}
