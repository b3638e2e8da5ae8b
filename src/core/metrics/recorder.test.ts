// Tests for the metrics recorder: warm-up exclusion, SLO and latency split, rates, GPU share, fairness, snapshots.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../experiment/example';
import { ms } from '../units';
import type { MetricsEvent } from './events';
import { LedgerViolation } from './ledger';
import { MetricsRecorder } from './recorder';

// Tenant 0 'camera': SLO 50 ms, weight 2; tenant 1 'batch-job': SLO 500 ms, weight 1; warm-up 2000 ms.
const experiment = exampleExperiment();

/** Events of one request that arrives, starts and completes. */
function served(tenant: number, arrivalMs: number, startMs: number, endMs: number, batch = 1, gpuMs?: number): MetricsEvent[] {
  return [
    { type: 'arrival', tenant, arrivalMs: ms(arrivalMs) },
    { type: 'started', tenant, arrivalMs: ms(arrivalMs), atMs: ms(startMs) },
    { type: 'completed', tenant, arrivalMs: ms(arrivalMs), endMs: ms(endMs), serviceMs: ms(endMs - startMs), batch, ...(gpuMs === undefined ? {} : { gpuMs: ms(gpuMs) }) },
  ];
}

function scenario(gpu: boolean): MetricsRecorder {
  const recorder = new MetricsRecorder(experiment, { windowMs: 1000, soloProfiles: { 'resnet18@224': [{ batch: 1, latencyMs: 10 }] } });
  const events: MetricsEvent[] = [
    ...served(0, 1000, 1000, 1010, 1, gpu ? 10 : undefined), // warm-up: ledger only
    ...served(0, 2000, 2010, 2030, 1, gpu ? 20 : undefined), // latency 30 (queue 10 + service 20), within SLO
    ...served(0, 2100, 2160, 2190, 1, gpu ? 30 : undefined), // latency 90, SLO missed
    { type: 'arrival', tenant: 0, arrivalMs: ms(2200) },
    { type: 'dropped', tenant: 0, arrivalMs: ms(2200), atMs: ms(2200), reason: 'queue-full', from: 'queued' },
    ...served(1, 2000, 2000, 2400, 2, gpu ? 300 : undefined),
    ...served(1, 2000, 2000, 2400, 2, gpu ? 300 : undefined),
    { type: 'arrival', tenant: 1, arrivalMs: ms(2450) }, // still queued at the snapshot
  ];
  events.forEach((e) => recorder.record(e));
  return recorder;
}

describe('MetricsRecorder', () => {
  it('keeps warm-up requests in the ledger but out of the statistics', () => {
    const camera = scenario(false).snapshot(ms(2500)).tenants[0];
    expect(camera?.ledger).toMatchObject({ arrivals: 4, completed: 3, dropped: 1, queued: 0, running: 0 });
    expect(camera?.measured).toEqual({
      arrivals: 3,
      completed: 2,
      completedWithinSlo: 1,
      dropped: 1,
      droppedByReason: { 'queue-full': 1, 'slo-unreachable': 0, 'lane-error': 0, stopped: 0 },
    });
  });

  it('splits latency from the scheduled arrival into queue and service time', () => {
    const camera = scenario(false).snapshot(ms(2500)).tenants[0];
    expect(camera?.latencyMs).toMatchObject({ count: 2, min: 30, max: 90, mean: 60 });
    expect(camera?.queueMs).toMatchObject({ min: 10, max: 60 });
    expect(camera?.serviceMs).toMatchObject({ min: 20, max: 30 });
    expect(camera?.latencyMs.p99.valid).toBe(false);
  });

  it('computes SLO satisfaction, windowed and mean rates, and slowdown', () => {
    const snap = scenario(false).snapshot(ms(2500));
    const [camera, job] = snap.tenants;
    expect(camera?.sloSatisfaction).toBeCloseTo(1 / 3, 12); // 1 within SLO of 2 completed + 1 dropped
    expect(camera?.throughputPerSec).toBeCloseTo(4, 9); // 2 completions in the 0.5 s since warm-up ended
    expect(camera?.goodputPerSec).toBeCloseTo(2, 9);
    expect(camera?.meanThroughputPerSec).toBeCloseTo(4, 9);
    expect(camera?.slowdown).toMatchObject({ count: 2, min: 3, max: 9 });
    expect(job?.slowdown).toBeNull();
    expect(job?.sloSatisfaction).toBe(1);
    expect(snap.overall.measured).toMatchObject({ arrivals: 6, completed: 4, completedWithinSlo: 3, dropped: 1 });
    expect(snap.overall.ledger).toMatchObject({ arrivals: 7, completed: 5, dropped: 1, queued: 1, running: 0 });
    expect(snap.overall.slowdown?.count).toBe(2);
    expect(snap.measuredMs).toBe(500);
  });

  it.each([
    [false, 'service-time', 50, 400],
    [true, 'gpu-timestamps', 50, 300],
  ] as const)('GPU share and Jain fairness (gpuMs given: %s -> %s)', (gpu, source, cameraMs, jobMs) => {
    const snap = scenario(gpu).snapshot(ms(2500));
    const total = cameraMs + jobMs;
    expect(snap.gpuTimeSource).toBe(source);
    expect(snap.tenants.map((t) => t.gpuMs)).toEqual([cameraMs, jobMs]);
    expect(snap.tenants[0]?.gpuShare).toBeCloseTo(cameraMs / total, 12);
    // Weights 2 and 1: x_i = share_i / (w_i / 3).
    const x = [cameraMs / total / (2 / 3), jobMs / total / (1 / 3)];
    const jain = (x[0]! + x[1]!) ** 2 / (2 * (x[0]! ** 2 + x[1]! ** 2));
    expect(snap.jainFairness).toBeCloseTo(jain, 12);
  });

  it('mean batch: requests per slice over measured completions, the overall row pooled (requests / slices)', () => {
    const recorder = scenario(false);
    // A warm-up request served in a batch of 8 is left out.
    served(1, 1500, 1500, 1600, 8).forEach((e) => recorder.record(e));
    const snap = recorder.snapshot(ms(2500));
    expect(snap.tenants.map((t) => t.meanBatch)).toEqual([1, 2]);
    // Camera: 2 requests in 2 slices; job: 2 requests in one slice of 2.
    expect(snap.overall.meanBatch).toBeCloseTo(4 / 3, 12);
    expect(new MetricsRecorder(experiment).snapshot(ms(0)).overall.meanBatch).toBeNull();
  });

  it('publishes a deep-frozen snapshot that survives JSON unchanged', () => {
    const snap = scenario(true).snapshot(ms(2500));
    expect(Object.isFrozen(snap) && Object.isFrozen(snap.tenants[0]?.latencyMs.p50)).toBe(true);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it('has nulls, not NaN, before anything happened', () => {
    const snap = new MetricsRecorder(experiment).snapshot(ms(0));
    expect(snap.jainFairness).toBeNull();
    expect(snap.overall).toMatchObject({ sloSatisfaction: null, gpuShare: null, throughputPerSec: 0, latencyMs: { mean: null } });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it.each<[string, MetricsEvent[], RegExp | typeof LedgerViolation]>([
    ['a completion that never started', [{ type: 'arrival', tenant: 0, arrivalMs: ms(0) }, { type: 'completed', tenant: 0, arrivalMs: ms(0), endMs: ms(5), serviceMs: ms(5), batch: 1 }], LedgerViolation],
    ['service longer than latency', [...served(0, 3000, 3000, 3010).slice(0, 2), { type: 'completed', tenant: 0, arrivalMs: ms(3000), endMs: ms(3010), serviceMs: ms(11), batch: 1 }], /serviceMs/],
    ['a batch of 0', [...served(0, 3000, 3000, 3010).slice(0, 2), { type: 'completed', tenant: 0, arrivalMs: ms(3000), endMs: ms(3010), serviceMs: ms(5), batch: 0 }], /batch/],
    ['an unknown tenant', [{ type: 'arrival', tenant: 7, arrivalMs: ms(0) }], /unknown tenant/],
  ])('throws on %s', (_name, events, error) => {
    const recorder = new MetricsRecorder(experiment);
    expect(() => events.forEach((e) => recorder.record(e))).toThrow(error);
  });

  it('stays consistent under random request lives (property)', () => {
    const life = fc.record({
      tenant: fc.nat(1),
      arrivalMs: fc.integer({ min: 0, max: 6000 }),
      waitMs: fc.integer({ min: 0, max: 200 }),
      serviceMs: fc.integer({ min: 1, max: 100 }),
      fate: fc.constantFrom('completed', 'dropped-queued', 'dropped-running', 'queued', 'running'),
    });
    fc.assert(
      fc.property(fc.array(life, { maxLength: 150 }), (lives) => {
        const timed: { t: number; phase: number; e: MetricsEvent }[] = [];
        for (const l of lives) {
          const arrivalMs = ms(l.arrivalMs);
          const startMs = ms(l.arrivalMs + l.waitMs);
          const base = { tenant: l.tenant, arrivalMs };
          timed.push({ t: arrivalMs, phase: 0, e: { type: 'arrival', ...base } });
          if (l.fate === 'dropped-queued') timed.push({ t: startMs, phase: 1, e: { type: 'dropped', ...base, atMs: startMs, reason: 'slo-unreachable', from: 'queued' } });
          if (l.fate === 'completed' || l.fate === 'dropped-running' || l.fate === 'running') timed.push({ t: startMs, phase: 1, e: { type: 'started', ...base, atMs: startMs } });
          const endMs = ms(startMs + l.serviceMs);
          if (l.fate === 'completed') timed.push({ t: endMs, phase: 2, e: { type: 'completed', ...base, endMs, serviceMs: ms(l.serviceMs), batch: 1 } });
          if (l.fate === 'dropped-running') timed.push({ t: endMs, phase: 2, e: { type: 'dropped', ...base, atMs: endMs, reason: 'lane-error', from: 'running' } });
        }
        timed.sort((a, b) => a.t - b.t || a.phase - b.phase);
        const recorder = new MetricsRecorder(experiment);
        timed.forEach(({ e }) => recorder.record(e));
        const snap = recorder.snapshot(ms(7000));
        const count = (fate: string): number => lives.filter((l) => l.fate === fate).length;
        expect(snap.overall.ledger).toMatchObject({
          arrivals: lives.length,
          completed: count('completed'),
          dropped: count('dropped-queued') + count('dropped-running'),
          queued: count('queued'),
          running: count('running'),
        });
        const measured = lives.filter((l) => l.arrivalMs >= experiment.warmupMs);
        expect(snap.overall.measured.arrivals).toBe(measured.length);
        expect(snap.overall.measured.completed).toBe(measured.filter((l) => l.fate === 'completed').length);
        expect(snap.overall.latencyMs.count).toBe(snap.overall.measured.completed);
        for (const t of snap.tenants) {
          const s = t.sloSatisfaction;
          expect(s === null || (s >= 0 && s <= 1)).toBe(true);
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
