// Test fixture for Compare: a tiny experiment, and a fake engine whose runs are the simulator's (real metrics, no workers).
import { SCHEMA_VERSION, type Experiment } from '../../core/experiment';
import { simulateExperiment } from '../../core/sim';
import { failedSnapshot, type EngineUpdate } from '../../engine/engine-client';
import type { EngineSnapshot, RequestEvent, SliceEvent, SoloProfilePoint } from '../../engine/engine-protocol';
import type { LiveEngine } from '../analysis/live-capacity';
import { ms } from '../../core/units';

/** A real-time tenant beside a closed-loop heavy one, on one time-sliced lane (models 'light' and 'heavy'). */
export const TWO_TENANTS: Experiment = {
  schemaVersion: SCHEMA_VERSION,
  name: 'two tenants',
  tenants: [
    { id: 'camera', model: 'light', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 20 } }, sloMs: 20, weight: 1, priority: 'real-time', queueLimit: 16, overflow: 'drop-oldest' },
    { id: 'heavy', model: 'heavy', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 2 }, sloMs: 2000, weight: 1, priority: 'best-effort', queueLimit: 64, overflow: 'drop-newest' },
  ],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 100, durationMs: 3000, seed: 2,
};

/** The solo profiles the fake engine reports: light 2 ms, heavy 20 ms at batch 1. */
export const SOLO: readonly SoloProfilePoint[] = [['light@32', 2], ['heavy@32', 20]].map(([modelKey, medianMs]) => ({
  modelKey: modelKey as string, batch: 1, warmupRuns: 1, samples: 10, medianMs: ms(medianMs as number), p99Ms: ms((medianMs as number) * 1.2),
  throughputPerSec: 1000 / (medianMs as number), timing: 'wall-clock', cached: false,
}));

/**
 * Completed requests of a run, `perTenant` per tenant after the warm-up (latency 1 + k/10 ms, plus 10 ms per
 * tenant index) and one during it (left out of every measured figure).
 */
export function fakeEvents(e: Experiment, perTenant: number): RequestEvent[] {
  return e.tenants.flatMap((t, i) => [-1, ...Array.from({ length: perTenant }, (_, k) => k)].map((k): RequestEvent => ({
    tenant: t.id, arrivalMs: ms(k < 0 ? 0 : e.warmupMs + k), startMs: ms(e.warmupMs), endMs: ms(e.warmupMs), batch: 1, sessionBatch: 1, lane: 0,
    serviceMs: ms(1), latencyMs: ms(k < 0 ? 1e6 : 1 + k / 10 + 10 * i), gpuMs: null, timing: 'wall-clock',
  })));
}

/** A few slices per tenant, 5 ms each, one after another on lane 0 (concurrent: lane = tenant index). */
export function fakeSlices(e: Experiment): SliceEvent[] {
  return e.tenants.flatMap((t, i) => Array.from({ length: 3 }, (_, k): SliceEvent => ({
    lane: e.lanes.mode === 'concurrent' ? i : 0, tenant: t.id, startMs: ms((k * e.tenants.length + i) * 5), endMs: ms((k * e.tenants.length + i) * 5 + 5), batch: 1, block: 0, blocks: 1,
  })));
}

/** A fake engine: each run is the simulated experiment (service times from SOLO); `failAt` fails that run (1-based). */
export function simulatedEngine(options: { failAt?: number; onStart?: (run: number) => void; eventsPerTenant?: number } = {}) {
  const started: Experiment[] = [];
  let listener: ((u: EngineUpdate) => void) | null = null;
  let last: EngineSnapshot | null = null;
  let disposed = 0;
  const engine: LiveEngine = {
    start(e) {
      started.push(e);
      const base = failedSnapshot('', null);
      const simulated = simulateExperiment({ ...e, serviceModel: { byModel: { light: { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, heavy: { kind: 'fixed', ms: 20, perExtraItemMs: 0 } }, contentionPerExtraLane: 1 } });
      if (!simulated.ok) throw new Error('the fixture simulates');
      last = started.length === options.failAt
        ? failedSnapshot('lane lost', null)
        : ({ ...base, phase: 'finished', error: null, backendUsed: 'wasm', elapsedMs: 3100, soloProfiles: SOLO,
          metrics: { tenants: e.tenants.map((t) => simulated.report.perTenant[t.id]) } } as unknown as EngineSnapshot);
      listener?.({ snapshot: { ...last, phase: 'running', elapsedMs: ms(1000) }, events: fakeEvents(e, options.eventsPerTenant ?? 300), slices: fakeSlices(e), finished: false });
      options.onStart?.(started.length);
    },
    stop: () => {
      if (last !== null) last = { ...last, phase: 'stopped' };
    },
    finished: () => Promise.resolve(last),
    onUpdate(l) {
      listener = l;
      return () => (listener = null);
    },
    dispose: () => disposed++,
  };
  return { engine, started, disposed: () => disposed };
}
