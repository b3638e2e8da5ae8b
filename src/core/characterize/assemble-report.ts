// Raw repeats in, the report out: statistics per figure, knees, slowdowns, the held-out interference model; the default mix from solo figures.
import { customNameOf, type CustomModel } from '../experiment/custom-model-schema';
import { modelKey, type PolicyName } from '../experiment/schema';
import type { MixModel } from './default-mix';
import type { MeasuredCell, SoloFigures } from './interference-model';
import { kneeBatch, type BatchThroughput } from './knee';
import { evaluateModel } from './model-evaluation';
import { repeatStats } from './repeat-stats';
import { REPORT_VERSION, type CellMode, type CharacterizeReport, type CharacterizeSettings, type Stat } from './report-schema';

/** One repeat of one tenant's measurement. */
export interface RepeatFigures {
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly throughputPerSec: number | null;
  readonly gpuMs: number | null;
  readonly samples: number;
  /** The repeat met the stability rule (false: it hit the window cap, or was cut short). */
  readonly stable: boolean;
  /** Cut short by Stop: its figures come from the windows measured until then. */
  readonly partial?: boolean;
}

/** A solo point's repeats; `model` is the model key (model@px). */
export interface SoloRaw {
  readonly model: string;
  readonly batch: number;
  readonly repeats: readonly RepeatFigures[];
}

/** A cell's repeats: both tenants per repeat. */
export interface CellRaw {
  readonly mode: CellMode;
  readonly models: readonly [string, string];
  readonly repeats: readonly (readonly [RepeatFigures, RepeatFigures])[];
}

/** Everything a characterization measured, before statistics. */
export interface RawCharacterization {
  readonly createdAt: string;
  readonly wallMs: number;
  readonly stopped: boolean;
  readonly settings: CharacterizeSettings;
  readonly device: CharacterizeReport['device'];
  readonly solo: readonly SoloRaw[];
  readonly sweeps: CharacterizeReport['sweeps'];
  readonly cells: readonly CellRaw[];
  readonly errors: readonly string[];
  /** The default mix's capacity per policy (computed off the page thread, see mixModels). */
  readonly capacity: CharacterizeReport['capacity'];
  /** The live bracket, when asked for. */
  readonly liveCapacity: CharacterizeReport['liveCapacity'];
  readonly timing: CharacterizeReport['timing'];
  /** The entries of the user's own models characterized (none: the report leaves the field out). */
  readonly customModels?: readonly CustomModel[];
}

const METHOD =
  'Solo sweep (per input size): each model alone on one lane, closed loop with `batch` requests outstanding and dynamic batching up to `batch`, for batch 1, 2, 4 ... until the device refuses, the largest batch asked, or throughput stops growing (two steps under +10% past the knee). ' +
  'Interference: every pair of models (and each with itself), each closed loop at one outstanding, on one time-sliced lane (FCFS) and on two concurrent lanes. ' +
  'Every measurement repeats its window until the last 3 windows agree within 10% on every tenant\'s throughput and p50 (perf_analyzer\'s rule), at most a fixed number of windows (a repeat that never settles is marked unstable, not hidden); figures come from the last 3 windows. ' +
  'A repeat cut short by Stop keeps the windows measured so far and is counted as partial (and unstable). ' +
  'Each measurement is repeated N times: mean, coefficient of variation and a 95% confidence interval (Student t, N - 1 degrees of freedom) per figure. Latency counts from the scheduled arrival. ' +
  'A model of your own (custom:<name>) runs at the sizes chosen for its symbolic dims (listed with its file, size and sha256), whatever the input size: the input sizes apply to zoo models only, and its rows are keyed by each size for comparison. ' +
  'Capacity: the analysis capacity search (simulated, 99% within SLO) per policy on a default mix (one Poisson tenant per model at an equal share of its solo capacity, SLO 10 x solo p50) at the first input size; when asked, the FCFS capacity is confirmed by live probes around the simulated bracket.';

const stat = (values: readonly (number | null)[]): Stat => repeatStats(values.filter((v): v is number => v !== null));

/** Solo p50/p99/throughput means at batch 1 by model key. */
function soloBatch1(solo: readonly SoloRaw[]): Map<string, SoloFigures> {
  const out = new Map<string, SoloFigures>();
  for (const s of solo) {
    if (s.batch !== 1) continue;
    const p50 = stat(s.repeats.map((r) => r.p50Ms)).mean;
    const p99 = stat(s.repeats.map((r) => r.p99Ms)).mean;
    const thr = stat(s.repeats.map((r) => r.throughputPerSec)).mean;
    if (p50 !== null && p99 !== null && thr !== null && p50 > 0) out.set(s.model, { p50Ms: p50, p99Ms: p99, throughputPerSec: thr });
  }
  return out;
}

/**
 * The default mix's models: solo batch-1 figures of each model at `resolution` (models without them are
 * left out), each custom model with its entry from `customModels`.
 */
export function mixModels(solo: readonly SoloRaw[], models: readonly string[], resolution: number, customModels: readonly CustomModel[] = []): MixModel[] {
  const solo1 = soloBatch1(solo);
  const mix: MixModel[] = [];
  for (const m of models) {
    const s = solo1.get(modelKey(m, resolution));
    const name = customNameOf(m);
    const custom = name === null ? undefined : customModels.find((c) => c.name === name);
    if (s !== undefined) mix.push({ model: m, resolution, p50Ms: s.p50Ms, p99Ms: s.p99Ms, ...(custom === undefined ? {} : { custom }) });
  }
  return mix;
}

const countPartial = (repeats: readonly { readonly partial?: boolean }[]): number => repeats.filter((r) => r.partial === true).length;

/** The report from raw repeats; `policy` is the time-sliced cells' policy. Pure; deterministic for equal input. */
export function assembleReport(raw: RawCharacterization, policy: PolicyName = 'fcfs'): CharacterizeReport {
  const solo1 = soloBatch1(raw.solo);
  const solo = raw.solo.map((s) => ({
    model: s.model, batch: s.batch,
    p50Ms: stat(s.repeats.map((r) => r.p50Ms)), p99Ms: stat(s.repeats.map((r) => r.p99Ms)), throughputPerSec: stat(s.repeats.map((r) => r.throughputPerSec)),
    gpuMs: s.repeats.some((r) => r.gpuMs !== null) ? stat(s.repeats.map((r) => r.gpuMs)) : null,
    repeats: s.repeats.length, unstableRepeats: s.repeats.filter((r) => !r.stable).length, samples: s.repeats.reduce((n, r) => n + r.samples, 0),
    partialRepeats: countPartial(s.repeats),
  }));
  const sweeps = raw.sweeps.map((sw) => {
    const points: BatchThroughput[] = [];
    for (const p of solo) if (p.model === sw.model && p.throughputPerSec.mean !== null) points.push({ batch: p.batch, throughputPerSec: p.throughputPerSec.mean });
    return { ...sw, kneeBatch: kneeBatch(points.sort((a, b) => a.batch - b.batch)) };
  });
  const cells = raw.cells.map((c) => ({
    mode: c.mode,
    tenants: ([0, 1] as const).map((t) => {
      const reps = c.repeats.map((r) => r[t]);
      const soloP50 = solo1.get(c.models[t])?.p50Ms ?? null;
      return {
        model: c.models[t],
        p50Ms: stat(reps.map((r) => r.p50Ms)), p99Ms: stat(reps.map((r) => r.p99Ms)), throughputPerSec: stat(reps.map((r) => r.throughputPerSec)),
        slowdown: stat(reps.map((r) => (r.p50Ms === null || soloP50 === null ? null : r.p50Ms / soloP50))),
      };
    }) as [CharacterizeReport['cells'][number]['tenants'][0], CharacterizeReport['cells'][number]['tenants'][1]],
    repeats: c.repeats.length,
    unstableRepeats: c.repeats.filter((r) => !r[0].stable || !r[1].stable).length,
    samples: c.repeats.reduce((n, r) => n + r[0].samples + r[1].samples, 0),
    partialRepeats: countPartial(c.repeats.map((r) => r[0])),
  }));
  const measured: MeasuredCell[] = cells.map((c) => ({
    mode: c.mode, models: [c.tenants[0].model, c.tenants[1].model],
    measured: [0, 1].map((t) => {
      const x = c.tenants[t] ?? c.tenants[0];
      return { p50Ms: x.p50Ms.mean, p99Ms: x.p99Ms.mean, throughputPerSec: x.throughputPerSec.mean };
    }) as unknown as MeasuredCell['measured'],
  }));
  const model = measured.length === 0 ? null : evaluateModel(measured, solo1, policy);
  return {
    version: REPORT_VERSION, createdAt: raw.createdAt, wallMs: raw.wallMs, stopped: raw.stopped, settings: raw.settings, device: raw.device, method: METHOD,
    solo, sweeps, cells, model, capacity: [...raw.capacity], liveCapacity: raw.liveCapacity, errors: [...raw.errors], timing: raw.timing,
    ...(raw.customModels === undefined || raw.customModels.length === 0 ? {} : { customModels: [...raw.customModels] }),
  };
}
