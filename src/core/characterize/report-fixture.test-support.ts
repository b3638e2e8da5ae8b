// A small valid characterization report for tests of the schema, the CSV and the HTML writers.
import { repeatStats } from './repeat-stats';
import { REPORT_VERSION, type CharacterizeReport } from './report-schema';

/** A two-model report: solo points at batch 1-4, every pair in both modes, a model section and a capacity row. */
export function fixtureReport(): CharacterizeReport {
  const s = (...xs: number[]) => repeatStats(xs);
  const solo = (model: string, batch: number, ms: number) => ({
    model, batch, p50Ms: s(ms, ms * 1.02), p99Ms: s(ms * 1.3, ms * 1.35), throughputPerSec: s((batch * 1000) / ms, (batch * 1000) / (ms * 1.02)), gpuMs: null, repeats: 2, unstableRepeats: 0, samples: 200,
  });
  const tenant = (model: string, ms: number) => ({ model, p50Ms: s(ms, ms * 1.1), p99Ms: s(ms * 1.5, ms * 1.6), throughputPerSec: s(1000 / ms, 1000 / (ms * 1.1)), slowdown: s(1.8, 2) });
  const models = ['tiny-cnn@32', 'squeezenet1_1@32'] as const;
  return {
    version: REPORT_VERSION,
    createdAt: '2026-12-01T00:00:00.000Z',
    wallMs: 61_000,
    stopped: false,
    settings: { models: ['tiny-cnn', 'squeezenet1_1'], resolution: 32, repeats: 2, maxBatch: 4, windowMs: 300, stability: { windows: 3, tolerance: 0.1, maxWindows: 8 }, quick: false },
    device: {
      backendRequested: 'wasm', backendUsed: 'wasm', fallbackReasons: [], adapter: null, ortBuild: 'webgpu-ep', timing: 'wall-clock', gpuTiming: null,
      gpuTimingUnavailable: 'the lanes run on WASM', userAgent: 'HeadlessChrome', logicalCores: 2,
    },
    method: 'fixture',
    solo: [solo(models[0], 1, 1), solo(models[0], 2, 1.5), solo(models[0], 4, 2.8), solo(models[1], 1, 3), solo(models[1], 2, 5)],
    sweeps: [
      { model: models[0], kneeBatch: 2, endedBy: 'max-batch', reason: null },
      { model: models[1], kneeBatch: 2, endedBy: 'refused', reason: 'out of memory' },
    ],
    cells: [
      { mode: 'concurrent', tenants: [tenant(models[0], 2), tenant(models[1], 5)], repeats: 2, unstableRepeats: 1, samples: 300 },
      { mode: 'time-sliced', tenants: [tenant(models[0], 4), tenant(models[1], 4)], repeats: 2, unstableRepeats: 0, samples: 300 },
    ],
    model: {
      alpha: 0.5, beta: 1, method: 'fixture',
      predictions: [{ mode: 'concurrent', cell: [models[0], models[1]], tenant: 0, predicted: { p50Ms: 2, p99Ms: 3, throughputPerSec: 500 }, measured: { p50Ms: 2.2, p99Ms: null, throughputPerSec: 450 }, errorPct: { p50Ms: 9.1, p99Ms: null, throughputPerSec: 11.1 } }],
      mapePct: { concurrent: 10.1, timeSliced: null, overall: 10.1 },
    },
    capacity: [{ policy: 'fcfs', outcome: 'bracketed', holdsFactor: 0.9, failsFactor: 0.92, rates: [{ tenant: 'tiny-cnn', atHoldsPerSec: 200 }], note: null }],
    errors: [],
  };
}
