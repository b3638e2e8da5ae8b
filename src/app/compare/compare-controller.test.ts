// Tests for the Compare controller on a fake engine whose runs are simulated: order, repeats, predictions, cancel, failure, pins, export/import.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { simulateExperiment } from '../../core/sim';
import { CompareController, type CompareDeps } from './compare-controller';
import { summarize, verdictOf } from './compare-stats';
import { tenantsOf } from './compare-file';
import { simulatedEngine, TWO_TENANTS } from './compare-test-fixture';
import { indexedDbPinStore, memoryPinStore, type PinStore } from './pin-store';
import { variantsOf } from './variants';

let ids = 0;
function controllerWith(engine: ReturnType<typeof simulatedEngine>, pins: PinStore = memoryPinStore()) {
  const deps: CompareDeps = {
    createEngine: () => engine.engine,
    simulate: (e) => Promise.resolve(simulateExperiment(e)),
    pins,
    nowIso: () => `2026-12-02T02:00:${String(10 + (ids % 50))}Z`,
    newId: () => `cmp-${String(++ids)}`,
  };
  return new CompareController(deps);
}

const policies = variantsOf(TWO_TENANTS, { kind: 'policy' }, ['fcfs', 'priority']);
if (!policies.ok) throw new Error('the fixture has variants');
const request = { title: 'fcfs vs priority', variants: policies.variants, lesson: null, repeats: 2, engine: { backend: 'wasm' as const } };

describe('CompareController', () => {
  it('runs the variants interleaved x repeats, keeps each run, predicts each from its solo profiles, and gives the engine back', async () => {
    const fake = simulatedEngine();
    const controller = controllerWith(fake);
    await controller.compare(request);
    const s = controller.store.getSnapshot();
    expect(s.status).toBe('done');
    expect(fake.started.map((e) => e.scheduler.policy)).toEqual(['fcfs', 'priority', 'fcfs', 'priority']);
    expect(fake.disposed()).toBe(1);
    const c = s.comparison!;
    expect(c.backendUsed).toBe('wasm');
    expect(c.cancelled).toBe(false);
    expect(c.variants.map((v) => v.runs.length)).toEqual([2, 2]);
    for (const v of c.variants) {
      expect(v.predictionSource).toMatch(/^measured/);
      expect(v.predicted?.map((f) => f.tenant)).toEqual(['camera', 'heavy']);
    }
    // Priority takes the camera out from behind the heavy tenant: its p99 falls.
    const verdict = verdictOf({ tenant: 'camera', metric: 'p99', direction: 'falls', scope: 'ends' }, c.variants.map((v) => summarize(tenantsOf(c), v.runs)));
    expect(verdict.status).toBe('shown');
  });

  it('fixes capacity fractions in req/s after the first run, from its solo profiles, and runs every later run with them', async () => {
    const fractions = { ...TWO_TENANTS, tenants: TWO_TENANTS.tenants.map((t) => (t.id === 'camera' ? { ...t, arrival: { kind: 'poisson' as const, rate: { unit: 'capacity-fraction' as const, value: 0.01 } } } : t)) };
    const variants = variantsOf(fractions, { kind: 'policy' }, ['fcfs', 'priority']);
    if (!variants.ok) throw new Error('variants');
    const fake = simulatedEngine();
    const controller = controllerWith(fake);
    await controller.compare({ ...request, variants: variants.variants });
    const rateOf = (e: (typeof fake.started)[number]) => e.tenants[0]?.arrival;
    expect(rateOf(fake.started[0]!)).toMatchObject({ rate: { unit: 'capacity-fraction', value: 0.01 } });
    // light@32 runs 2 ms solo: 500 req/s of capacity, 1% of it.
    for (const e of fake.started.slice(1)) expect(rateOf(e)).toMatchObject({ rate: { unit: 'per-sec', value: 5 } });
    const c = controller.store.getSnapshot().comparison!;
    expect(c.arrivals?.source).toContain("fcfs's solo profiles");
    expect(c.arrivals?.rates.map((r) => [r.variant, r.tenant, r.ratesPerSec])).toEqual([['fcfs', 'camera', [5]], ['priority', 'camera', [5]]]);
    // What the records keep (and the predictions simulate) is what ran: the fixed rates.
    for (const v of c.variants) expect(v.experiment.tenants[0]?.arrival).toMatchObject({ rate: { unit: 'per-sec', value: 5 } });
  });

  it("keeps each variant's first run as a lane timeline, in the page and in the comparison's record (so an opened or pinned one has it too)", async () => {
    const controller = controllerWith(simulatedEngine());
    await controller.compare(request);
    const { timelines } = controller.store.getSnapshot();
    expect(timelines.map((t) => [t?.label, t?.lanes, t?.cpuOnly, t?.tenants])).toEqual([
      ['fcfs', 1, true, ['camera', 'heavy']],
      ['priority', 1, true, ['camera', 'heavy']],
    ]);
    // Two repeats ran, only the first is kept: 3 slices per tenant.
    for (const t of timelines) {
      expect(t?.source.count()).toBe(6);
      expect(t?.source.extentMs()).toEqual({ fromMs: 0, toMs: 30 });
      expect(t?.source.view({ fromMs: 0, toMs: 30 }, 300).bars.length).toBeGreaterThan(0);
    }
    const live = timelines.map((t) => [t?.label, t?.lanes, t?.cpuOnly, t?.source.count(), t?.source.extentMs()]);
    expect(controller.store.getSnapshot().comparison?.variants.map((v) => [v.timeline?.sliceCount, v.timeline?.slices.length])).toEqual([[6, 6], [6, 6]]);
    controller.importText('c.json', controller.exportJson() ?? '');
    const opened = controller.store.getSnapshot();
    expect(opened.importIssues).toBeNull();
    expect(opened.timelines.map((t) => [t?.label, t?.lanes, t?.cpuOnly, t?.source.count(), t?.source.extentMs()])).toEqual(live);
    expect(opened.timelines.map((t) => t?.sliceCount)).toEqual([null, null]);
    await controller.pin();
    const id = controller.store.getSnapshot().comparison?.id ?? '';
    controller.show(id);
    expect(controller.store.getSnapshot().timelines.map((t) => t?.source.count())).toEqual([6, 6]);
  });

  it('Cancel keeps the runs that finished, marks the comparison cancelled, and predicts only what ran', async () => {
    let controller: CompareController | null = null;
    const fake = simulatedEngine({ onStart: (run) => (run === 2 ? controller?.cancel() : undefined) });
    controller = controllerWith(fake);
    await controller.compare(request);
    const c = controller.store.getSnapshot().comparison!;
    expect(controller.store.getSnapshot().status).toBe('done');
    expect(c.cancelled).toBe(true);
    expect(c.variants.map((v) => v.runs.length)).toEqual([1, 0]);
    expect(c.variants[1]?.predictionError).toBe('not run');
    expect(fake.started).toHaveLength(2);
  });

  it('a failed run fails the comparison with the variant named and keeps what finished', async () => {
    const controller = controllerWith(simulatedEngine({ failAt: 2 }));
    await controller.compare(request);
    const s = controller.store.getSnapshot();
    expect(s.status).toBe('failed');
    expect(s.error).toBe('priority, repeat 1: lane lost');
    expect(s.comparison?.variants.map((v) => v.runs.length)).toEqual([1, 0]);
  });

  it.each([0, 21, 1.5])('refuses %s repeats with a field-named issue', async (repeats) => {
    const controller = controllerWith(simulatedEngine());
    await controller.compare({ ...request, repeats });
    expect(controller.store.getSnapshot().issues?.[0]?.path).toBe('compare.repeats');
  });

  it('exports JSON that imports back as the same comparison; a bad file gives issues and keeps what is shown', async () => {
    const controller = controllerWith(simulatedEngine());
    await controller.compare(request);
    const json = controller.exportJson()!;
    const other = controllerWith(simulatedEngine());
    other.importText('c.json', json);
    expect(other.store.getSnapshot().comparison).toEqual(controller.store.getSnapshot().comparison);
    other.importText('bad.json', '{"format": "tenancy-lab-comparison"');
    expect(other.store.getSnapshot().importIssues?.issues[0]?.message).toMatch(/invalid JSON at line 1/);
    expect(other.store.getSnapshot().comparison).toEqual(controller.store.getSnapshot().comparison);
  });

  it('pins survive a reload (IndexedDB), can be shown and unpinned', async () => {
    const pins = indexedDbPinStore('compare-test-pins');
    const controller = controllerWith(simulatedEngine(), pins);
    await controller.compare(request);
    await controller.pin();
    expect(controller.store.getSnapshot().pinned).toBe(true);
    const id = controller.store.getSnapshot().comparison!.id;
    const reloaded = controllerWith(simulatedEngine(), indexedDbPinStore('compare-test-pins'));
    await reloaded.loadPins();
    expect(reloaded.store.getSnapshot().pins.map((p) => p.id)).toEqual([id]);
    reloaded.show(id);
    expect(reloaded.store.getSnapshot().comparison).toEqual(controller.store.getSnapshot().comparison);
    await reloaded.unpin(id);
    expect(reloaded.store.getSnapshot().pins).toEqual([]);
    expect(reloaded.store.getSnapshot().pinned).toBe(false);
  });
});
