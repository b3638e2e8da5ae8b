// Tests of report assembly: statistics over repeats, slowdown against solo, knees, the model section, capacity, schema validity.
import { describe, expect, it } from 'vitest';
import { assembleReport, mixModels, type RawCharacterization, type RepeatFigures } from './assemble-report';
import { mixCapacitySearch } from './default-mix';
import { parseReport } from './report-parse';

const rep = (p50Ms: number, throughputPerSec: number, stable = true): RepeatFigures => ({ p50Ms, p99Ms: p50Ms * 1.5, throughputPerSec, gpuMs: null, samples: 100, stable });

function raw(): RawCharacterization {
  const A = 'tiny-cnn@32';
  const B = 'squeezenet1_1@32';
  const base = rawWithoutCapacity(A, B);
  return { ...base, capacity: mixCapacitySearch(mixModels(base.solo, base.settings.models, 32)).rows };
}

function rawWithoutCapacity(A: string, B: string): RawCharacterization {
  return {
    createdAt: '2026-12-01T00:00:00.000Z', wallMs: 1000, stopped: false,
    settings: { models: ['tiny-cnn', 'squeezenet1_1'], resolution: 32, repeats: 2, maxBatch: 4, windowMs: 300, stability: { windows: 3, tolerance: 0.1, maxWindows: 8 }, quick: false },
    device: { backendRequested: 'wasm', backendUsed: 'wasm', fallbackReasons: [], adapter: null, ortBuild: 'webgpu-ep', timing: 'wall-clock', gpuTiming: null, gpuTimingUnavailable: null, userAgent: 'x', logicalCores: 2 },
    solo: [
      { model: A, batch: 1, repeats: [rep(2, 500), rep(2, 500)] },
      { model: A, batch: 2, repeats: [rep(3, 660), rep(3, 670)] },
      { model: A, batch: 4, repeats: [rep(5.8, 690), rep(5.8, 690)] },
      { model: B, batch: 1, repeats: [rep(5, 200), rep(5, 200)] },
    ],
    sweeps: [
      { model: A, kneeBatch: null, endedBy: 'max-batch', reason: null },
      { model: B, kneeBatch: null, endedBy: 'refused', reason: 'out of memory' },
    ],
    cells: [
      { mode: 'concurrent', models: [A, B], repeats: [[rep(4, 250), rep(8, 125, false)], [rep(4.4, 240), rep(8.8, 120)]] },
      { mode: 'time-sliced', models: [A, B], repeats: [[rep(7, 140), rep(7, 140)], [rep(7, 140), rep(7, 140)]] },
      { mode: 'concurrent', models: [A, A], repeats: [[rep(3, 330), rep(3, 330)], [{ ...rep(3.1, 320, false), partial: true }, { ...rep(3.1, 320, false), partial: true }]] },
    ],
    errors: [], capacity: [], liveCapacity: null, timing: [{ phase: 'solo', label: 'solo tiny-cnn@32 batch 1, repeat 1/2', wallMs: 900, setupMs: 300, windows: 3 }],
  };
}

describe('assembleReport', () => {
  const report = assembleReport(raw());

  it('validates against the report schema', () => {
    expect(parseReport(JSON.parse(JSON.stringify(report)))).toEqual({ ok: true, report });
  });

  it('gives each cell tenant its slowdown against the solo p50 at batch 1, per repeat', () => {
    const cell = report.cells[0];
    expect(cell?.tenants[0].slowdown.mean).toBeCloseTo(2.1, 10);
    expect(cell?.tenants[1].slowdown.mean).toBeCloseTo(1.68, 10);
    expect(cell?.unstableRepeats).toBe(1);
    expect(cell?.samples).toBe(400);
  });

  it('finds the knee of each sweep from the throughput means and keeps why it ended', () => {
    expect(report.sweeps).toEqual([
      { model: 'tiny-cnn@32', kneeBatch: 2, endedBy: 'max-batch', reason: null },
      { model: 'squeezenet1_1@32', kneeBatch: 1, endedBy: 'refused', reason: 'out of memory' },
    ]);
  });

  it('predicts every tenant of every cell, held out, and states a MAPE per mode', () => {
    expect(report.model?.predictions).toHaveLength(6);
    expect(report.model?.mapePct.timeSliced).not.toBeNull();
    expect(report.model?.mapePct.concurrent).not.toBeNull();
  });

  it('searches the capacity of the default mix under each policy, keeping the FCFS search for a live confirmation', () => {
    expect(report.capacity.map((c) => c.policy)).toEqual(['fcfs', 'round-robin', 'edf', 'slo-aware']);
    for (const c of report.capacity) expect(c.outcome).toBe('bracketed');
    const r = raw();
    const search = mixCapacitySearch(mixModels(r.solo, r.settings.models, 32));
    expect(search.fcfs?.holdsFactor).toBe(report.capacity[0]?.holdsFactor);
    expect(mixModels(r.solo, r.settings.models, 64)).toEqual([]);
  });

  it('counts repeats cut short by Stop as partial (and unstable), keeping their figures', () => {
    const self = report.cells[2];
    expect(self).toMatchObject({ repeats: 2, unstableRepeats: 1, partialRepeats: 1 });
    expect(self?.tenants[0].p50Ms.n).toBe(2);
    expect(report.solo[0]?.partialRepeats).toBe(0);
    expect(report.timing).toHaveLength(1);
  });
});
