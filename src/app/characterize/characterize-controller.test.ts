// Tests of the characterization flow on a fake engine with known service times: the report validates, sweeps end, Stop keeps data.
import { describe, expect, it } from 'vitest';
import { mixCapacitySearch } from '../../core/characterize/default-mix';
import { parseReport } from '../../core/characterize/report-parse';
import { exampleCustomModel } from '../../core/characterize/custom-entry.test-support';
import type { CustomModel, ExperimentInput } from '../../core/experiment';
import type { EngineOptions, EngineProgress, EngineSnapshot, RequestEvent } from '../../engine/engine-protocol';
import { CharacterizeController } from './characterize-controller';
import type { LiveConfirmer } from './live-confirm';
import type { CharacterizeEngine } from './measure';
import { ms } from '../../core/units';

/** Solo service time of a batch, ms: throughput grows up to batch 4, then flattens. */
const serviceMs = (model: string, batch: number): number => (model === 'tiny-cnn' ? 2 : 5) * (batch <= 4 ? 1 + 0.25 * (batch - 1) : batch * 0.4375);

/** A fake engine: deterministic completions in 50 ms chunks of virtual time, until stopped or the duration ends. */
class FakeEngine implements CharacterizeEngine {
  private readonly listeners = new Set<(p: EngineProgress) => void>();
  private stopped = false;
  private done: Promise<EngineSnapshot> = Promise.resolve(snapshotOf('idle'));
  runs = 0;
  /** Every experiment started, in order. */
  readonly experiments: ExperimentInput[] = [];
  /** The solo profiles' batch sizes each run asked for. */
  readonly profileBatches: (readonly number[])[] = [];
  /** `refuseProfileAbove`: refuses a run whose profile session would be larger (a session too big for the device). */
  constructor(private readonly refuseBatchAbove = Infinity, private readonly refuseProfileAbove = Infinity) {}
  onEvents(listener: (p: EngineProgress) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  stop() {
    this.stopped = true;
  }
  finished() {
    return this.done;
  }
  start(experiment: ExperimentInput, options: EngineOptions) {
    this.runs++;
    this.experiments.push(experiment);
    this.stopped = false;
    this.profileBatches.push(options.profileBatches ?? [1]);
    this.done = this.play(experiment, Math.max(1, ...(options.profileBatches ?? [1])));
  }
  private async play(x: ExperimentInput, profileMax: number): Promise<EngineSnapshot> {
    await Promise.resolve();
    if (profileMax > this.refuseProfileAbove) return { ...snapshotOf('failed'), error: 'session too large (fake)' };
    const tenants = x.tenants.map((t) => ({ id: t.id, model: t.model, batch: t.arrival.kind === 'closed-loop' ? t.arrival.outstanding : 1 }));
    if ((tenants[0]?.batch ?? 1) > this.refuseBatchAbove) return { ...snapshotOf('failed'), error: 'out of memory (fake)' };
    const concurrent = x.lanes.mode === 'concurrent' && tenants.length > 1;
    const cycle = tenants.reduce((s, t) => s + serviceMs(t.model, t.batch), 0);
    const endAt = tenants.map(() => 0);
    const endMs = (x.warmupMs ?? 0) + x.durationMs;
    for (let chunk = 50; chunk <= endMs && !this.stopped; chunk += 50) {
      const events: RequestEvent[] = [];
      tenants.forEach((t, i) => {
        const latencyMs = tenants.length === 1 ? serviceMs(t.model, t.batch) : concurrent ? serviceMs(t.model, 1) * 1.8 : cycle;
        while ((endAt[i] ?? 0) + latencyMs <= chunk) {
          endAt[i] = (endAt[i] ?? 0) + latencyMs;
          for (let k = 0; k < t.batch; k++) events.push(event(t.id, endAt[i] ?? 0, latencyMs));
        }
      });
      for (const l of [...this.listeners]) l({ events, slices: [] });
      await Promise.resolve();
    }
    return snapshotOf(this.stopped ? 'stopped' : 'finished');
  }
}

function event(tenant: string, endMs: number, latencyMs: number): RequestEvent {
  return { tenant, arrivalMs: ms(endMs - latencyMs), startMs: ms(endMs - latencyMs), endMs: ms(endMs), batch: 1, sessionBatch: 1, lane: 0, serviceMs: ms(latencyMs), latencyMs: ms(latencyMs), gpuMs: null, timing: 'wall-clock' };
}

function snapshotOf(phase: EngineSnapshot['phase']): EngineSnapshot {
  return {
    phase, mode: null, dispatchDepth: null, laneCount: 1, backendUsed: 'wasm', fallbackReasons: [], adapter: null, timing: 'wall-clock', gpuTiming: null, gpuTimingUnavailable: 'WASM',
    soloProfiles: [], setup: null, metrics: null, dispatchGapMs: { count: 0, medianMs: null, p99Ms: null, maxMs: null }, arrivalLateness: null, faults: [], ledgerChecks: 0, elapsedMs: ms(0), error: null,
  };
}

function controller(engine: CharacterizeEngine, liveConfirmer?: LiveConfirmer, customModels?: () => readonly CustomModel[]) {
  let t = 0;
  return new CharacterizeController({
    createEngine: () => engine, searchCapacity: (models) => Promise.resolve(mixCapacitySearch(models)), ...(liveConfirmer ? { liveConfirmer } : {}), ...(customModels ? { customModels } : {}),
    nowMs: () => (t += 10), nowIso: () => '2026-12-01T00:00:00.000Z', environment: { userAgent: 'test', logicalCores: 2 },
  });
}

const OPTIONS = { models: ['tiny-cnn', 'squeezenet1_1'], backend: 'wasm', resolution: 32, repeats: 2, maxBatch: 16, windowMs: 100 };

describe('CharacterizeController', () => {
  it('runs the sweep, every pair in both modes, and writes a report that validates', async () => {
    const c = controller(new FakeEngine());
    const report = await c.start(OPTIONS);
    expect(parseReport(JSON.parse(JSON.stringify(report))).ok).toBe(true);
    expect(report.sweeps.map((s) => [s.model, s.kneeBatch, s.endedBy])).toEqual([
      ['tiny-cnn@32', 4, 'saturated'],
      ['squeezenet1_1@32', 4, 'saturated'],
    ]);
    expect(report.cells).toHaveLength(6);
    const self = report.cells.find((x) => x.mode === 'time-sliced' && x.tenants[0].model === 'tiny-cnn@32' && x.tenants[1].model === 'tiny-cnn@32');
    expect(self?.tenants[0].slowdown.mean).toBeCloseTo(2, 1);
    expect(report.model?.mapePct.overall).not.toBeNull();
    expect(report.solo.every((p) => p.unstableRepeats === 0)).toBe(true);
    expect(c.snapshot()).toMatchObject({ phase: 'done', etaMs: 0 });
  });

  it('characterizes a custom model from the page\'s experiment: its runs carry its entry, the report lists it, the capacity search takes it', async () => {
    const hw = exampleCustomModel('hw');
    const engine = new FakeEngine();
    const report = await controller(engine, undefined, () => [exampleCustomModel('unused', 'cd'.repeat(32)), hw]).start({ ...OPTIONS, models: ['tiny-cnn', 'custom:hw'], maxBatch: 2, repeats: 1 });
    expect(parseReport(JSON.parse(JSON.stringify(report))).ok).toBe(true);
    expect(report.customModels).toEqual([hw]);
    expect(report.sweeps.map((s) => s.model)).toEqual(['tiny-cnn@32', 'custom:hw@32']);
    expect(report.cells).toHaveLength(6);
    for (const x of engine.experiments) {
      const named = x.tenants.some((t) => t.model === 'custom:hw');
      expect(x.customModels, x.name).toEqual(named ? [hw] : undefined);
    }
    expect(engine.experiments.some((x) => x.tenants.length === 2 && x.customModels !== undefined)).toBe(true);
    expect(report.capacity.length).toBeGreaterThan(0);
    expect(report.capacity.every((row) => row.outcome !== 'invalid')).toBe(true);
  });

  it('refuses a custom model with no entry, naming it', async () => {
    await expect(controller(new FakeEngine()).start({ ...OPTIONS, models: ['tiny-cnn', 'custom:hw'] })).rejects.toThrow(/models\[1\]: no file for custom:hw/);
  });

  it('ends a sweep at the batch the device refuses and says why', async () => {
    const report = await controller(new FakeEngine(2)).start({ ...OPTIONS, models: ['tiny-cnn'] });
    expect(report.sweeps[0]).toMatchObject({ endedBy: 'refused', reason: 'out of memory (fake)' });
    expect(report.solo.map((p) => p.batch)).toEqual([1, 2]);
  });

  it('keeps what was measured when stopped, the repeat in progress marked partial', async () => {
    const engine = new FakeEngine();
    const c = controller(engine);
    let steps = 0;
    c.subscribe(() => {
      if (c.snapshot().phase === 'running' && ++steps === 8) {
        // Stop once the 8th step has closed a window or two.
        const unsubscribe = engine.onEvents((p) => {
          if (p.events.some((e) => e.endMs > 450)) {
            unsubscribe();
            c.stop();
          }
        });
      }
    });
    const report = await c.start(OPTIONS);
    expect(report.stopped).toBe(true);
    expect(report.solo.length).toBeGreaterThan(0);
    const partial = report.solo.filter((p) => (p.partialRepeats ?? 0) > 0);
    expect(partial).toHaveLength(1);
    expect(partial[0]?.unstableRepeats).toBeGreaterThanOrEqual(1);
    const parsed = parseReport(JSON.parse(JSON.stringify(report)));
    expect(parsed.ok ? 'valid' : parsed.error).toBe('valid');
  });

  it('makes one session per sweep (profiles at every batch size), and one per batch size when that session is refused', async () => {
    const engine = new FakeEngine();
    await controller(engine).start({ ...OPTIONS, models: ['tiny-cnn'], maxBatch: 8 });
    expect(engine.profileBatches[0]).toEqual([1, 2, 4, 8]);
    const refusing = new FakeEngine(Infinity, 2);
    const report = await controller(refusing).start({ ...OPTIONS, models: ['tiny-cnn'], maxBatch: 8 });
    expect(refusing.profileBatches.slice(0, 3)).toEqual([[1, 2, 4, 8], [1], [1]]);
    expect(report.sweeps[0]).toMatchObject({ model: 'tiny-cnn@32', endedBy: 'refused' });
    expect(report.solo.map((p) => p.batch)).toEqual([1, 2]);
  });

  it('sweeps and measures cells per input size, and times every step', async () => {
    const report = await controller(new FakeEngine()).start({ ...OPTIONS, resolution: undefined, models: ['tiny-cnn'], resolutions: [32, 64], repeats: 1 });
    expect(report.settings.resolutions).toEqual([32, 64]);
    expect(report.sweeps.map((s) => s.model)).toEqual(['tiny-cnn@32', 'tiny-cnn@64']);
    expect(report.cells.map((x) => `${x.mode} ${x.tenants[0].model}`)).toEqual(['concurrent tiny-cnn@32', 'time-sliced tiny-cnn@32', 'concurrent tiny-cnn@64', 'time-sliced tiny-cnn@64']);
    const phases = new Set(report.timing?.map((t) => t.phase));
    expect(phases).toEqual(new Set(['solo', 'cells', 'capacity']));
    expect(report.timing?.filter((t) => t.phase !== 'capacity').every((t) => t.windows >= 3)).toBe(true);
  });

  it('confirms the mix capacity live when asked, from the simulated FCFS search', async () => {
    const asked: number[] = [];
    const confirmer: LiveConfirmer = {
      confirm: (r) => {
        asked.push(r.simulated.holdsFactor ?? -1);
        return Promise.resolve({ policy: 'fcfs', outcome: 'bracketed', simulated: { holdsFactor: r.simulated.holdsFactor, failsFactor: r.simulated.failsFactor }, holdsFactor: 0.8, failsFactor: 0.85, probes: 3, backendUsed: 'wasm', note: null });
      },
      cancel: () => undefined,
    };
    const report = await controller(new FakeEngine(), confirmer).start({ ...OPTIONS, repeats: 1, confirmLive: true });
    expect(asked).toHaveLength(1);
    expect(report.liveCapacity).toMatchObject({ outcome: 'bracketed', holdsFactor: 0.8, simulated: { holdsFactor: report.capacity[0]?.holdsFactor } });
    const without = await controller(new FakeEngine()).start({ ...OPTIONS, repeats: 1, confirmLive: true });
    expect(without.liveCapacity).toBeNull();
    expect(without.errors.some((e) => e.startsWith('live capacity: not confirmed'))).toBe(true);
  });

  it('refuses bad options naming the field', async () => {
    await expect(controller(new FakeEngine()).start({ models: [] })).rejects.toThrow(/^models: /);
  });
});
