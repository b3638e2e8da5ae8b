// Tests of the characterization flow on a fake engine with known service times: the report validates, sweeps end, Stop keeps data.
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../core/characterize/report-parse';
import type { ExperimentInput } from '../../core/experiment';
import type { EngineOptions, EngineProgress, EngineSnapshot, RequestEvent } from '../../engine/engine-protocol';
import { CharacterizeController } from './characterize-controller';
import type { CharacterizeEngine } from './measure';

/** Solo service time of a batch, ms: throughput grows up to batch 4, then flattens. */
const serviceMs = (model: string, batch: number): number => (model === 'tiny-cnn' ? 2 : 5) * (batch <= 4 ? 1 + 0.25 * (batch - 1) : batch * 0.4375);

/** A fake engine: deterministic completions in 50 ms chunks of virtual time, until stopped or the duration ends. */
class FakeEngine implements CharacterizeEngine {
  private listener: ((p: EngineProgress) => void) | null = null;
  private stopped = false;
  private done: Promise<EngineSnapshot> = Promise.resolve(snapshotOf('idle'));
  runs = 0;
  constructor(private readonly refuseBatchAbove = Infinity) {}
  onEvents(listener: (p: EngineProgress) => void) {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  }
  stop() {
    this.stopped = true;
  }
  finished() {
    return this.done;
  }
  start(experiment: ExperimentInput, _options: EngineOptions) {
    this.runs++;
    this.stopped = false;
    this.done = this.play(experiment);
  }
  private async play(x: ExperimentInput): Promise<EngineSnapshot> {
    await Promise.resolve();
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
      this.listener?.({ events, slices: [] });
      await Promise.resolve();
    }
    return snapshotOf(this.stopped ? 'stopped' : 'finished');
  }
}

function event(tenant: string, endMs: number, latencyMs: number): RequestEvent {
  return { tenant, arrivalMs: endMs - latencyMs, startMs: endMs - latencyMs, endMs, batch: 1, sessionBatch: 1, lane: 0, serviceMs: latencyMs, latencyMs, gpuMs: null, timing: 'wall-clock' };
}

function snapshotOf(phase: EngineSnapshot['phase']): EngineSnapshot {
  return {
    phase, mode: null, dispatchDepth: null, laneCount: 1, backendUsed: 'wasm', fallbackReasons: [], adapter: null, timing: 'wall-clock', gpuTiming: null, gpuTimingUnavailable: 'WASM',
    soloProfiles: [], setup: null, metrics: null, dispatchGapMs: { count: 0, medianMs: null, p99Ms: null, maxMs: null }, arrivalLateness: null, faults: [], ledgerChecks: 0, elapsedMs: 0, error: null,
  };
}

function controller(engine: CharacterizeEngine) {
  let t = 0;
  return new CharacterizeController({ createEngine: () => engine, nowMs: () => (t += 10), nowIso: () => '2026-12-01T00:00:00.000Z', environment: { userAgent: 'test', logicalCores: 2 } });
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

  it('ends a sweep at the batch the device refuses and says why', async () => {
    const report = await controller(new FakeEngine(2)).start({ ...OPTIONS, models: ['tiny-cnn'] });
    expect(report.sweeps[0]).toMatchObject({ endedBy: 'refused', reason: 'out of memory (fake)' });
    expect(report.solo.map((p) => p.batch)).toEqual([1, 2]);
  });

  it('keeps what was measured when stopped', async () => {
    const c = controller(new FakeEngine());
    let steps = 0;
    c.subscribe(() => {
      if (c.snapshot().phase === 'running' && ++steps === 8) c.stop();
    });
    const report = await c.start(OPTIONS);
    expect(report.stopped).toBe(true);
    expect(report.solo.length).toBeGreaterThan(0);
    expect(parseReport(JSON.parse(JSON.stringify(report))).ok).toBe(true);
  });

  it('refuses bad options naming the field', async () => {
    await expect(controller(new FakeEngine()).start({ models: [] })).rejects.toThrow(/^models: /);
  });
});
