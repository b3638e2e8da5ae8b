// Compare (no React): runs 2-4 variants back to back (x repeats) live on an engine of its own, predicts each, pins, exports, imports.
import { errorMessage } from '../../core/error-message';
import type { ConfigIssue, Experiment } from '../../core/experiment';
import type { SimulateResult } from '../../core/sim';
import type { EngineOptions, SoloProfilePoint } from '../../engine/engine-protocol';
import type { LiveEngine } from '../analysis/live-capacity';
import { chooseServiceTimes } from '../analysis/service-times';
import { createStore, type ReadableStore } from '../store';
import { COMPARISON_FORMAT, COMPARISON_VERSION, comparisonToJson, MAX_REPEATS, parseComparisonJson, type Comparison, type TenantCdf, type VariantRecord } from './compare-file';
import { figuresOf, figuresOfRun, type TenantFigures } from './compare-stats';
import { fixRates, type FixedRate } from './fixed-rates';
import { empiricalCdf, LatencySample } from './latency-cdf-points';
import { RunSlices, timelinesOf, type VariantTimeline } from './variant-timelines';
import type { Lesson } from './lessons';
import type { PinStore } from './pin-store';
import { MAX_PINS } from './pin-store';
import type { Variant } from './variants';

/** What the controller needs from the browser (fakes in tests). */
export interface CompareDeps {
  /** A fresh engine (its own worker) per comparison, disposed when it ends. */
  readonly createEngine: () => LiveEngine;
  /** The simulator (in its worker in the browser). */
  readonly simulate: (experiment: Experiment) => Promise<SimulateResult>;
  readonly pins: PinStore;
  /** The current instant as ISO 8601. */
  readonly nowIso: () => string;
  /** A fresh id (letters, digits, _ or -). */
  readonly newId: () => string;
}

/** One comparison to run: its variants (from variantsOf or lessonVariants), a title, the lesson if it is one, repeats, engine settings. */
export interface CompareRequest {
  readonly title: string;
  readonly variants: readonly Variant[];
  readonly lesson: Lesson | null;
  /** Runs per variant, 1-MAX_REPEATS. */
  readonly repeats: number;
  readonly engine: EngineOptions;
}

/** Everything the Compare section shows. */
export interface CompareSnapshot {
  readonly status: 'idle' | 'running' | 'done' | 'failed';
  /** While running: 0-1 and what runs now. */
  readonly progress: { readonly fraction: number; readonly step: string } | null;
  /** The comparison on screen (the live one grows run by run), or null. */
  readonly comparison: Comparison | null;
  /** Whether the comparison on screen is pinned. */
  readonly pinned: boolean;
  readonly error: string | null;
  readonly issues: readonly ConfigIssue[] | null;
  readonly pins: readonly Comparison[];
  readonly pinError: string | null;
  readonly importIssues: { readonly fileName: string; readonly issues: readonly ConfigIssue[] } | null;
  /**
   * Per variant (same order), the lane timeline of its first run, or null before it ran: every slice for
   * the comparison run in this page; the newest slices its record kept (timeline-record.ts) for a pinned
   * or opened one (null for a variant whose file has none).
   */
  readonly timelines: readonly (VariantTimeline | null)[];
}

const INITIAL: CompareSnapshot = { status: 'idle', progress: null, comparison: null, pinned: false, error: null, issues: null, pins: [], pinError: null, importIssues: null, timelines: [] };

/** Adds a finished run's latencies to its variant's pool; returns the variant's CDF per tenant over every run so far. */
function poolLatencies(pool: Map<string, LatencySample>, run: ReadonlyMap<string, LatencySample>, tenants: readonly string[]): TenantCdf[] {
  for (const [tenant, sample] of run) {
    let mine = pool.get(tenant);
    if (mine === undefined) pool.set(tenant, (mine = new LatencySample()));
    for (const latencyMs of sample.sorted()) mine.add(latencyMs);
  }
  return tenants.map((tenant) => {
    const sample = pool.get(tenant);
    return { tenant, count: sample?.count ?? 0, points: sample === undefined ? [] : empiricalCdf(sample.sorted()) };
  });
}

/** Owns one comparison at a time and the pinned ones. */
export class CompareController {
  private readonly state = createStore<CompareSnapshot>(INITIAL);
  private engine: LiveEngine | null = null;
  private cancelled = false;

  constructor(private readonly deps: CompareDeps) {}

  get store(): ReadableStore<CompareSnapshot> {
    return this.state;
  }

  private patch(change: Partial<CompareSnapshot>): void {
    this.state.update((s) => ({ ...s, ...change }));
  }

  /** Reads the pins kept from earlier visits. */
  async loadPins(): Promise<void> {
    try {
      this.patch({ pins: await this.deps.pins.list(), pinError: null });
    } catch (error) {
      this.patch({ pinError: errorMessage(error) });
    }
  }

  /** Stops after the run in progress (which is dropped); what finished stays, marked cancelled. */
  cancel(): void {
    if (this.state.getSnapshot().status !== 'running') return;
    this.cancelled = true;
    this.engine?.stop();
  }

  /**
   * Runs every variant `repeats` times, interleaved (v1 v2 v3, v1 v2 v3, ...), then predicts each from its
   * solo profiles. After the first run, capacity-fraction rates are fixed in req/s from that run's solo
   * profiles (the first run resolved them against the same ones), and every later run uses them: every
   * variant sees the same arrivals (same seed), except the tenant whose rate the 'rate' axis changes.
   */
  async compare(request: CompareRequest): Promise<void> {
    if (this.state.getSnapshot().status === 'running') return;
    if (!(Number.isInteger(request.repeats) && request.repeats >= 1 && request.repeats <= MAX_REPEATS)) {
      this.patch({ issues: [{ path: 'compare.repeats', message: `expected a whole number of repeats from 1 to ${String(MAX_REPEATS)}, got ${String(request.repeats)}` }] });
      return;
    }
    this.cancelled = false;
    const records: VariantRecord[] = request.variants.map((v) => ({ label: v.label, experiment: v.experiment, runs: [], predicted: null, predictionSource: null, predictionError: null }));
    const lesson = request.lesson === null ? null : { presetId: request.lesson.presetId, promise: request.lesson.promise };
    let comparison: Comparison = {
      format: COMPARISON_FORMAT, version: COMPARISON_VERSION, id: this.deps.newId(), createdAt: this.deps.nowIso(), title: request.title.slice(0, 300),
      lesson, repeats: request.repeats, backendUsed: null, cancelled: false, variants: records, arrivals: null,
    };
    const total = request.variants.length * request.repeats;
    let done = 0;
    let current = { label: '', repeat: 0, plannedMs: 1, warmupMs: 0 };
    /** Per variant and tenant, the measured latencies of its finished runs (bounded sample); and those of the run in progress. */
    const pooled = request.variants.map(() => new Map<string, LatencySample>());
    let thisRun = new Map<string, LatencySample>();
    /** The slices of the run in progress, while it is its variant's first (null otherwise: nothing kept). */
    let runSlices: RunSlices | null = null;
    const timelines: (VariantTimeline | null)[] = request.variants.map(() => null);
    const profiles = new Map<number, readonly SoloProfilePoint[]>();
    /** Per variant, the experiment with its rates fixed in req/s; null until the first run ended. */
    let fixedExperiments: Experiment[] | null = null;
    this.patch({ status: 'running', comparison, pinned: false, error: null, issues: null, timelines: [...timelines], progress: { fraction: 0, step: 'starting the engine' } });
    const engine = this.deps.createEngine();
    this.engine = engine;
    const unsubscribe = engine.onUpdate(({ snapshot, events, slices }) => {
      runSlices?.add(slices);
      for (const e of events) {
        if (e.arrivalMs < current.warmupMs) continue;
        let sample = thisRun.get(e.tenant);
        if (sample === undefined) thisRun.set(e.tenant, (sample = new LatencySample()));
        sample.add(e.latencyMs);
      }
      const within = snapshot.phase === 'running' || snapshot.phase === 'draining' ? Math.min(1, snapshot.elapsedMs / current.plannedMs) : 0;
      this.patch({ progress: { fraction: (done + within) / total, step: `repeat ${String(current.repeat + 1)} of ${String(request.repeats)}, ${current.label}: ${snapshot.phase}` } });
    });
    try {
      for (let repeat = 0; repeat < request.repeats && !this.cancelled; repeat++) {
        for (let v = 0; v < request.variants.length && !this.cancelled; v++) {
          const variant = request.variants[v];
          if (variant === undefined) continue;
          current = { label: variant.label, repeat, plannedMs: variant.experiment.warmupMs + variant.experiment.durationMs, warmupMs: variant.experiment.warmupMs };
          thisRun = new Map();
          runSlices = timelines[v] === null ? new RunSlices(variant.experiment.tenants.map((t) => t.id)) : null;
          engine.start(fixedExperiments?.[v] ?? variant.experiment, request.engine);
          const final = await engine.finished();
          if (this.cancelled || final === null || final.phase === 'stopped') break;
          if (final.phase === 'failed' || final.metrics === null) throw new Error(`${variant.label}, repeat ${String(repeat + 1)}: ${final.error ?? 'the run ended without metrics'}`);
          if (!profiles.has(v) && final.soloProfiles.length > 0) profiles.set(v, final.soloProfiles);
          if (fixedExperiments === null) {
            const fixedNow = this.fixArrivals(request.variants, final.soloProfiles, `${variant.label}'s solo profiles (the first run, ${final.backendUsed ?? 'backend unknown'})`);
            fixedExperiments = fixedNow.experiments;
            const experiments = fixedNow.experiments;
            comparison = { ...comparison, arrivals: fixedNow.arrivals, variants: comparison.variants.map((r, i) => ({ ...r, experiment: experiments[i] ?? r.experiment })) };
          }
          const figures: TenantFigures[] = figuresOfRun(final.metrics.tenants, variant.experiment);
          const cdf = poolLatencies(pooled[v] ?? new Map<string, LatencySample>(), thisRun, variant.experiment.tenants.map((t) => t.id));
          const timeline = runSlices?.record(final.laneCount, final.backendUsed);
          if (runSlices !== null) timelines[v] = runSlices.finish(variant.label, final.laneCount, final.backendUsed);
          runSlices = null;
          done++;
          comparison = {
            ...comparison, backendUsed: final.backendUsed ?? comparison.backendUsed,
            variants: comparison.variants.map((r, i) => (i === v ? { ...r, runs: [...r.runs, figures], cdf, ...(timeline === undefined ? {} : { timeline }) } : r)),
          };
          this.patch({ comparison, timelines: [...timelines], progress: { fraction: done / total, step: `${variant.label}, repeat ${String(repeat + 1)}: done` } });
        }
      }
      this.patch({ progress: { fraction: done / total, step: 'predicting each variant in the simulator' } });
      const firstProfiles = profiles.get(0) ?? [];
      comparison = { ...comparison, cancelled: this.cancelled, variants: await Promise.all(comparison.variants.map((r, v) => this.predict(r, profiles.get(v) ?? firstProfiles))) };
      this.patch({ status: 'done', comparison, progress: null });
    } catch (error) {
      this.patch({ status: 'failed', comparison, error: errorMessage(error), progress: null });
    } finally {
      unsubscribe();
      engine.dispose();
      if (this.engine === engine) this.engine = null;
    }
  }

  /** Every variant's experiment with its capacity fractions fixed in req/s against `points`, and what was fixed; throws the issues. */
  private fixArrivals(variants: readonly Variant[], points: readonly SoloProfilePoint[], source: string): { experiments: Experiment[]; arrivals: { source: string; rates: FixedRate[] } } {
    const experiments: Experiment[] = [];
    const rates: FixedRate[] = [];
    for (const variant of variants) {
      const fixed = fixRates(variant.experiment, variant.label, points);
      if (!fixed.ok) throw new Error(`fixing the arrival rates: ${fixed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      experiments.push(fixed.experiment);
      rates.push(...fixed.rates);
    }
    return { experiments, arrivals: { source: source.slice(0, 500), rates } };
  }

  /** The variant with the simulator's figures from measured solo profiles (or the reason there are none: never typed-in times). */
  private async predict(record: VariantRecord, points: readonly SoloProfilePoint[]): Promise<VariantRecord> {
    if (record.runs.length === 0) return { ...record, predictionError: 'not run' };
    const times = chooseServiceTimes(record.experiment, points);
    if (!times.ok) return { ...record, predictionError: times.issues.map((i) => i.message).join('; ') };
    if (!times.measured) return { ...record, predictionError: 'no measured solo profile of every model (the prediction would use typed-in times)' };
    try {
      const result = await this.deps.simulate({ ...record.experiment, serviceModel: times.serviceModel });
      if (!result.ok) return { ...record, predictionError: result.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
      const predicted = record.experiment.tenants.flatMap((t) => {
        const m = result.report.perTenant[t.id];
        return m === undefined ? [] : [figuresOf(m, t)];
      });
      return { ...record, predicted, predictionSource: times.source.slice(0, 2000) };
    } catch (error) {
      return { ...record, predictionError: errorMessage(error).slice(0, 2000) };
    }
  }

  /** The comparison on screen as JSON (what Export writes), or null. */
  exportJson(): string | null {
    const { comparison } = this.state.getSnapshot();
    return comparison === null ? null : comparisonToJson(comparison);
  }

  /** Shows a comparison from a file (validated; issues named by field otherwise). */
  importText(fileName: string, text: string): void {
    if (this.state.getSnapshot().status === 'running') return;
    const parsed = parseComparisonJson(text);
    if (!parsed.ok) {
      this.patch({ importIssues: { fileName: fileName.slice(0, 200), issues: parsed.issues } });
      return;
    }
    const pinned = this.state.getSnapshot().pins.some((p) => p.id === parsed.comparison.id);
    this.patch({ status: 'done', comparison: parsed.comparison, pinned, importIssues: null, error: null, timelines: timelinesOf(parsed.comparison) });
  }

  /** Keeps the comparison on screen across reloads (past MAX_PINS the oldest pin goes). */
  async pin(): Promise<void> {
    const { comparison, pins, status } = this.state.getSnapshot();
    if (comparison === null || status === 'running') return;
    try {
      await this.deps.pins.put(comparison);
      const oldest = pins.filter((p) => p.id !== comparison.id);
      for (const extra of oldest.slice(0, Math.max(0, oldest.length + 1 - MAX_PINS))) await this.deps.pins.remove(extra.id);
      this.patch({ pins: await this.deps.pins.list(), pinned: true, pinError: null });
    } catch (error) {
      this.patch({ pinError: errorMessage(error) });
    }
  }

  /** Forgets a pin. */
  async unpin(id: string): Promise<void> {
    try {
      await this.deps.pins.remove(id);
      const { comparison } = this.state.getSnapshot();
      this.patch({ pins: await this.deps.pins.list(), pinned: comparison !== null && comparison.id !== id && this.state.getSnapshot().pinned, pinError: null });
    } catch (error) {
      this.patch({ pinError: errorMessage(error) });
    }
  }

  /** Shows a pinned comparison. */
  show(id: string): void {
    const { pins, status } = this.state.getSnapshot();
    const pin = pins.find((p) => p.id === id);
    if (pin === undefined || status === 'running') return;
    this.patch({ status: 'done', comparison: pin, pinned: true, error: null, timelines: timelinesOf(pin) });
  }
}
