// Confirm live with a fake engine whose SLO rate falls past a load: the bracket, progress, cancel, a failed probe, the JSON export.
import { describe, expect, it } from 'vitest';
import { searchCapacity } from '../../core/analysis/capacity';
import { SCHEMA_VERSION, type Experiment } from '../../core/experiment';
import type { EngineUpdate } from '../../engine/engine-client';
import type { EngineOptions, EngineSnapshot } from '../../engine/engine-protocol';
import { failedSnapshot } from '../../engine/engine-client';
import type { WorkerAnalyzer } from './analysis-client';
import { AnalysisController } from './analysis-controller';
import { LiveCapacityController, type LiveEngine } from './live-capacity';
import { analyzeExperiment } from '../../core/analysis/analyze-report';

const experiment: Experiment = {
  schemaVersion: SCHEMA_VERSION,
  tenants: ['a', 'b'].map((id) => ({
    id, model: 'tiny', resolution: 32, batch: { kind: 'none' as const }, arrival: { kind: 'poisson' as const, rate: { unit: 'per-sec' as const, value: 50 } },
    sloMs: 20, weight: 1, priority: 'best-effort' as const, queueLimit: 64, overflow: 'drop-newest' as const,
  })),
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 100,
  durationMs: 1000,
  seed: 4,
  serviceModel: { byModel: { tiny: { kind: 'fixed', ms: 2, perExtraItemMs: 0.5 } }, contentionPerExtraLane: 1 },
};
const serviceModel = experiment.serviceModel ?? { byModel: {}, contentionPerExtraLane: 1 };
const searched = searchCapacity(experiment, { minSamples: 50 });
if (!searched.ok) throw new Error('the fixture searches');
const simulated = searched.result;
const options: EngineOptions = { backend: 'wasm', profileRuns: 5 };

/** A fake engine: a probe holds when every tenant's rate is at most `limitPerSec`; records what it was given. */
function fakeEngine(limitPerSec: number, fail: (run: number) => boolean = () => false) {
  const started: Experiment[] = [];
  let listener: ((u: EngineUpdate) => void) | null = null;
  let disposed = 0;
  let last: EngineSnapshot | null = null;
  const engine: LiveEngine = {
    start(e) {
      started.push(e);
      const rate = e.tenants[0]?.arrival.kind === 'poisson' ? e.tenants[0].arrival.rate.value : 0;
      const n = 700;
      const within = rate <= limitPerSec ? n : Math.floor(n * 0.9);
      const tenant = (id: string) => ({ id, measured: { completed: n, completedWithinSlo: within, dropped: 0, droppedByReason: { stopped: 0 } }, sloSatisfaction: within / n, latencyMs: { p99: { value: 9 } }, gpuMs: 1 });
      const base = failedSnapshot('', null);
      last = fail(started.length)
        ? failedSnapshot('lane lost', null)
        : ({ ...base, phase: 'finished', error: null, backendUsed: 'wasm', elapsedMs: 500, metrics: { tenants: e.tenants.map((t) => tenant(t.id)) } } as unknown as EngineSnapshot);
      listener?.({ snapshot: { ...last, phase: 'running' }, events: [], slices: [], finished: false });
    },
    stop: () => undefined,
    finished: () => Promise.resolve(last),
    onUpdate(l) {
      listener = l;
      return () => (listener = null);
    },
    dispose: () => disposed++,
  };
  return { engine, started, disposed: () => disposed };
}

/** An analysis of the fixture (FCFS, no plan) on an in-process analyzer, with a live confirmation on a fake engine holding up to 60 req/s. */
async function analysedWithLive() {
  const analyzer: WorkerAnalyzer = { analyze: (request, onProgress) => Promise.resolve(analyzeExperiment({ ...request, onProgress })), cancel: () => undefined };
  const live = new LiveCapacityController(() => fakeEngine(60).engine);
  const controller = new AnalysisController(analyzer, live);
  controller.setSettings({ policies: ['fcfs'], plan: false });
  await controller.analyze(experiment, []);
  const state = controller.store.getSnapshot().state;
  if (state.status !== 'done') throw new Error('analysed');
  const confirm = () => live.confirm({ experiment, serviceModel: state.serviceModel, simulated: state.report.capacity, engine: options });
  return { live, controller, state, confirm };
}

describe('LiveCapacityController', () => {
  it('brackets the live capacity around the simulated one, each probe at the same seed, and gives the engine back', async () => {
    // Live holds up to 60 req/s per tenant: a factor of 1.2 on the 50 req/s base.
    const fake = fakeEngine(60);
    const live = new LiveCapacityController(() => fake.engine);
    const fractions: number[] = [];
    live.store.subscribe(() => {
      const s = live.store.getSnapshot();
      if (s.status === 'running') fractions.push(s.fraction);
    });
    await live.confirm({ experiment, serviceModel, simulated, engine: options, maxProbes: 8 });
    const report = live.report();
    if (report === null) throw new Error(JSON.stringify(live.store.getSnapshot()));
    expect(report.outcome).toBe('bracketed');
    expect(report.holdsFactor).toBeLessThanOrEqual(1.2);
    expect(report.failsFactor).toBeGreaterThan(1.2);
    expect((report.failsFactor ?? 0) / (report.holdsFactor ?? 1)).toBeLessThanOrEqual(1.1 + 1e-9);
    expect(report.probes.map((p) => p.factor)[0]).toBe(simulated.holdsFactor);
    expect(report.probes.every((p) => p.enoughSamples && p.minTenantSamples === 700)).toBe(true);
    expect(report.totalAtHoldsPerSec).toBeCloseTo(100 * (report.holdsFactor ?? 0), 9);
    expect(report.backendUsed).toBe('wasm');
    expect(new Set(fake.started.map((e) => e.seed))).toEqual(new Set([simulated.seed]));
    expect(fake.started.every((e) => e.serviceModel === undefined)).toBe(true);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (fractions[i - 1] ?? 0) - 1e-9))).toBe(true);
    expect(fake.disposed()).toBe(1);
  });

  it('a failed live probe fails the confirmation with its reason, keeping the probes measured', async () => {
    const fake = fakeEngine(1000, (run) => run === 2);
    const live = new LiveCapacityController(() => fake.engine);
    await live.confirm({ experiment, serviceModel, simulated, engine: options });
    expect(live.store.getSnapshot()).toMatchObject({ status: 'failed', message: expect.stringContaining('lane lost') as unknown, probes: [{ holds: true }] });
    expect(fake.disposed()).toBe(1);
  });

  it('refuses a probe that would outlast the limit, naming it, before starting the engine', async () => {
    const fake = fakeEngine(60);
    const live = new LiveCapacityController(() => fake.engine);
    await live.confirm({ experiment, serviceModel, simulated: { ...simulated, holdsFactor: null, failsFactor: 1 / 1024 }, engine: options });
    expect(live.store.getSnapshot()).toMatchObject({ status: 'failed', message: expect.stringMatching(/^the probe at 0\.0010x would take [\d.]+ min/) as unknown });
    expect(fake.started).toHaveLength(0);
  });

  it('a reset mid-probe ends that search even when a new confirmation starts at once', async () => {
    const first = fakeEngine(60);
    const second = fakeEngine(60);
    const engines = [first.engine, second.engine];
    const live = new LiveCapacityController(() => engines.shift() ?? second.engine);
    const running = live.confirm({ experiment, serviceModel, simulated, engine: options, maxProbes: 8 });
    live.reset();
    const again = live.confirm({ experiment, serviceModel, simulated, engine: options, maxProbes: 8 });
    await Promise.all([running, again]);
    expect(first.started).toHaveLength(1);
    expect(live.report()?.outcome).toBe('bracketed');
  });

  it('cancel between probes ends with outcome cancelled', async () => {
    const fake = fakeEngine(60);
    const live = new LiveCapacityController(() => fake.engine);
    const unsubscribe = live.store.subscribe(() => {
      const s = live.store.getSnapshot();
      if (s.status === 'running' && s.probes.length === 1) live.cancel();
    });
    await live.confirm({ experiment, serviceModel, simulated, engine: options });
    unsubscribe();
    expect(live.report()).toMatchObject({ outcome: 'cancelled' });
    expect(live.report()?.probes).toHaveLength(1);
  });

  it('joins the analysis JSON export, and a new analysis clears it', async () => {
    const { live, controller, state, confirm } = await analysedWithLive();
    await confirm();
    const parsed = JSON.parse(controller.reportJson() ?? 'null') as { figures: string; liveCapacity: { figures: string; simulated: { holdsFactor: number } } };
    expect(parsed.figures).toBe('simulated');
    expect(parsed.liveCapacity.figures).toBe('live');
    expect(parsed.liveCapacity.simulated.holdsFactor).toBe(state.report.capacity.holdsFactor);
    await controller.analyze(experiment, []);
    expect(live.store.getSnapshot().status).toBe('idle');
  });

  it('joins the analysis CSV export: both brackets, then a row per probe and tenant, each parseable', async () => {
    const { live, controller, confirm } = await analysedWithLive();
    const without = controller.reportCsv() ?? '';
    expect(without).not.toContain('# capacity confirmed live');
    await confirm();
    const report = live.report();
    if (report === null) throw new Error('confirmed');
    const csv = controller.reportCsv() ?? '';
    expect(csv.startsWith(without)).toBe(true);
    const tables = csv.slice(without.length).trim().split('\n\n').map((t) => t.split('\n'));
    const [bracket, probes] = tables;
    expect(bracket?.[0]).toMatch(/^# capacity confirmed live at SLO rate 0\.99/);
    expect(bracket?.[1]).toBe('figures,slo_rate,holds_factor,fails_factor,outcome,resolution,probes,max_probes,total_at_holds_per_sec,backend,seed,loadgen_min_samples_per_tenant');
    expect(bracket?.[2]?.split(',').slice(0, 4)).toEqual(['simulated', '0.99', String(report.simulated.holdsFactor), String(report.simulated.failsFactor)]);
    expect(bracket?.[3]?.split(',').slice(0, 5)).toEqual(['live', '0.99', String(report.holdsFactor), String(report.failsFactor), report.outcome]);
    expect(probes?.[1]?.split(',')[0]).toBe('probe');
    const rows = (probes ?? []).slice(2);
    expect(rows).toHaveLength(report.probes.length * experiment.tenants.length);
    for (const [i, p] of report.probes.entries()) {
      const cells = rows[i * 2]?.split(',') ?? [];
      expect(cells.slice(0, 2)).toEqual([String(i + 1), String(p.factor)]);
      expect(cells.at(-2)).toBe(p.holds ? 'yes' : 'no');
    }
  });
});
