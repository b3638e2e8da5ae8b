// Test support: a scripted two-tenant run as engine updates, with metrics from the real core recorder.
import { parseExperiment, type Experiment, type ExperimentInput } from '../../core/experiment';
import { MetricsRecorder } from '../../core/metrics';
import { ms } from '../../core/units';
import type { EngineUpdate } from '../../engine/engine-client';
import type { EngineSnapshot, RequestEvent, SliceEvent, SoloProfilePoint } from '../../engine/engine-protocol';

const INPUT: ExperimentInput = {
  schemaVersion: 1,
  name: 'fixture',
  tenants: [
    { id: 'a', model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 1 }, sloMs: 50, queueLimit: 8 },
    { id: 'b', model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 10 } }, sloMs: 20, queueLimit: 8 },
  ],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 200,
  durationMs: 1800,
  seed: 1,
};

/** The fixture's experiment (tenants a: SLO 50 ms, b: SLO 20 ms; warm-up 200 ms). */
export function fixtureExperiment(): Experiment {
  const parsed = parseExperiment(INPUT);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.experiment;
}

/** Solo profile of tiny-cnn@32: 4 ms at batch 1, 6 ms at batch 2. */
export const FIXTURE_PROFILES: readonly SoloProfilePoint[] = [
  { modelKey: 'tiny-cnn@32', batch: 1, warmupRuns: 3, samples: 30, medianMs: ms(4), p99Ms: ms(5), throughputPerSec: 250, timing: 'wall-clock', cached: false },
  { modelKey: 'tiny-cnn@32', batch: 2, warmupRuns: 3, samples: 30, medianMs: ms(6), p99Ms: ms(7), throughputPerSec: 333, timing: 'wall-clock', cached: false },
];

/**
 * A scripted run: every 10 ms one request of a (latency 10 ms, service 8 ms) and every 50 ms one of
 * b (latency 30 ms: over its 20 ms SLO, service 8 ms), each its own slice on lane 0; b also drops one
 * request at 1000 ms. Updates every 200 ms up to `untilMs`, the last one `finished` with `phase`.
 */
export function fixtureUpdates(untilMs = 2000, phase: EngineSnapshot['phase'] = 'finished', error: string | null = null): EngineUpdate[] {
  const experiment = fixtureExperiment();
  const recorder = new MetricsRecorder(experiment, { soloProfiles: { 'tiny-cnn@32': [{ batch: 1, latencyMs: 4 }, { batch: 2, latencyMs: 6 }] } });
  const updates: EngineUpdate[] = [];
  let events: RequestEvent[] = [];
  let slices: SliceEvent[] = [];
  const complete = (tenant: number, arrivalMs: number, latencyMs: number): void => {
    const id = tenant === 0 ? 'a' : 'b';
    const endMs = arrivalMs + latencyMs;
    recorder.record({ type: 'arrival', tenant, arrivalMs: ms(arrivalMs) });
    recorder.record({ type: 'started', tenant, arrivalMs: ms(arrivalMs), atMs: ms(endMs - 8) });
    recorder.record({ type: 'completed', tenant, arrivalMs: ms(arrivalMs), endMs: ms(endMs), serviceMs: ms(8), batch: 1 });
    events.push({
      tenant: id, arrivalMs: ms(arrivalMs), startMs: ms(endMs - 8), endMs: ms(endMs), batch: 1, sessionBatch: 1, lane: 0, serviceMs: ms(8), latencyMs: ms(latencyMs), gpuMs: null, timing: 'wall-clock',
    });
    slices.push({ lane: 0, tenant: id, startMs: ms(endMs - 8), endMs: ms(endMs), batch: 1, block: 0, blocks: 1 });
  };
  for (let t = 0; t <= untilMs; t += 10) {
    if (t >= 10) complete(0, t - 10, 10);
    if (t >= 30 && (t - 30) % 50 === 0) complete(1, t - 30, 30);
    if (t === 1000) {
      recorder.record({ type: 'arrival', tenant: 1, arrivalMs: ms(t) });
      recorder.record({ type: 'dropped', tenant: 1, arrivalMs: ms(t), atMs: ms(t), reason: 'queue-full', from: 'queued' });
    }
    if (t > 0 && t % 200 === 0) {
      const last = t === untilMs;
      updates.push({ snapshot: snapshotAt(recorder, t, last ? phase : 'running', error), events, slices, finished: last });
      events = [];
      slices = [];
    }
  }
  return updates;
}

function snapshotAt(recorder: MetricsRecorder, atMs: number, phase: EngineSnapshot['phase'], error: string | null): EngineSnapshot {
  return {
    phase,
    mode: 'time-sliced',
    dispatchDepth: 1,
    laneCount: 1,
    backendUsed: 'wasm',
    fallbackReasons: [],
    adapter: null,
    timing: 'wall-clock',
    gpuTiming: null,
    gpuTimingUnavailable: 'wasm backend',
    soloProfiles: FIXTURE_PROFILES,
    setup: null,
    metrics: recorder.snapshot(ms(atMs)),
    dispatchGapMs: { count: 0, medianMs: null, p99Ms: null, maxMs: null },
    arrivalLateness: { arrivals: 10, late: 0, lateShare: 0, p99Ms: 0, maxMs: 0 },
    faults: [],
    ledgerChecks: atMs / 200,
    elapsedMs: ms(atMs),
    error,
  };
}
