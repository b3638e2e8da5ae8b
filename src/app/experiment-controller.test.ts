// Tests of the experiment controller: hash read/write, presets, import/export, simulation through a fake simulator.
import { describe, expect, it } from 'vitest';
import { experimentFromHash, experimentToHash, exampleExperiment, parseExperimentJson, type Experiment } from '../core/experiment';
import { simulateExperiment, type SimulateResult } from '../core/sim';
import { DEFAULT_PRESET_ID, ExperimentController } from './experiment-controller';
import { addServiceModel, setFixedServiceTime } from './experiment-service-model';
import { findPreset, PRESETS } from './presets/catalog';

function setup(initialHash = '', simulate: (e: Experiment) => Promise<SimulateResult> = (e) => Promise.resolve(simulateExperiment(e))) {
  const written: string[] = [];
  const cancels: number[] = [];
  const controller = new ExperimentController({
    readHash: () => initialHash, writeHash: (h) => written.push(h), simulate, cancelSimulation: () => cancels.push(1),
  });
  return { controller, written, cancels, snap: () => controller.store.getSnapshot() };
}
const lastHash = (written: string[]): Experiment | null => {
  const parsed = experimentFromHash(written.at(-1) ?? '');
  return parsed.ok ? parsed.experiment : null;
};

describe('URL hash', () => {
  it('no hash: the default preset, written to the hash', () => {
    const { snap, written } = setup();
    expect(snap().presetId).toBe(DEFAULT_PRESET_ID);
    expect(lastHash(written)).toEqual(findPreset(DEFAULT_PRESET_ID)?.experiment);
  });

  it.each([['#'], ['']])('a valid hash (prefix %j) is loaded as is, without a rewrite', (prefix) => {
    const { snap, written } = setup(prefix + experimentToHash(exampleExperiment()));
    expect(snap().editor.experiment).toEqual(exampleExperiment());
    expect(snap().hashIssues).toBeNull();
    expect(written).toEqual([]);
  });

  it.each([
    ['#x1.!!!', 'expected base64url characters after the prefix'],
    ['#nope', "expected a hash starting with 'x1.'"],
    [`#${experimentToHash({ ...exampleExperiment(), seed: -1 })}`, 'seed'],
  ])('a bad hash %s shows issues and keeps the default experiment', (hash, text) => {
    const { snap, written } = setup(hash);
    expect(JSON.stringify(snap().hashIssues)).toContain(text);
    expect(snap().editor.experiment).toEqual(findPreset(DEFAULT_PRESET_ID)?.experiment);
    expect(snap().presetId).toBe(DEFAULT_PRESET_ID);
    expect(written).toEqual([]);
  });

  it.each([
    [['seed'], 99, true],
    [['tenants', 0, 'sloMs'], 'x', false],
  ])('editing %j = %j writes the hash only when valid (%s)', (path, value, writes) => {
    const { controller, written, snap } = setup();
    const before = written.length;
    controller.setField(path, value);
    expect(written.length - before).toBe(writes ? 1 : 0);
    expect(lastHash(written)).toEqual(snap().editor.lastValid);
  });

  it.each([
    ['a new valid hash loads it', () => `#${experimentToHash(exampleExperiment())}`, 'loaded'],
    ['a bad hash shows issues and keeps the experiment', () => '#x1.@@', 'issues'],
    ['the hash it wrote itself changes nothing', (written: string[]) => `#${written.at(-1) ?? ''}`, 'same'],
    ['an empty hash changes nothing', () => '', 'same'],
  ] as const)('hashchange: %s', (_name, hashOf, outcome) => {
    const { controller, written, snap } = setup();
    const before = snap();
    controller.loadHash(hashOf(written));
    if (outcome === 'loaded') expect(snap().editor.experiment).toEqual(exampleExperiment());
    if (outcome === 'issues') expect(snap().hashIssues?.[0]?.message).toContain('base64url');
    if (outcome !== 'loaded') expect(snap().editor).toBe(before.editor);
    if (outcome === 'same') expect(snap()).toBe(before);
  });

  it('round trip: the hash written after an edit loads the same experiment', () => {
    const first = setup();
    first.controller.setField(['durationMs'], 12345);
    const second = setup(`#${first.written.at(-1) ?? ''}`);
    expect(second.snap().editor.experiment).toEqual(first.snap().editor.experiment);
  });
});

describe('presets, import and export', () => {
  it.each(PRESETS.map((p) => [p.id]))('loads preset %s and writes its hash', (id) => {
    const { controller, snap, written } = setup();
    controller.loadPreset(id);
    expect(snap().presetId).toBe(id);
    expect(lastHash(written)).toEqual(findPreset(id)?.experiment);
  });

  it('export gives JSON that parses back to the same experiment', () => {
    const { controller, snap } = setup();
    const parsed = parseExperimentJson(controller.exportJson());
    expect(parsed.ok && parsed.experiment).toEqual(snap().editor.lastValid);
  });

  it.each([
    ['{', ''],
    ['{"schemaVersion": 1}', 'tenants'],
    [JSON.stringify({ ...exampleExperiment(), durationMs: 0 }), 'durationMs'],
  ])('a bad import %s lists issues by field and changes nothing', (text, path) => {
    const { controller, snap } = setup();
    const before = snap().editor;
    controller.importJson('bad.json', text);
    expect(snap().importIssues?.fileName).toBe('bad.json');
    expect(snap().importIssues?.issues.map((i) => i.path)).toContain(path);
    expect(snap().editor).toBe(before);
  });

  it('a good import replaces the experiment', () => {
    const { controller, snap } = setup();
    controller.importJson('ok.json', JSON.stringify(exampleExperiment()));
    expect(snap().editor.experiment).toEqual(exampleExperiment());
    expect(snap().presetId).toBeNull();
  });
});

describe('simulate', () => {
  it('refuses without a service model, naming it', async () => {
    const { controller, snap } = setup();
    await controller.simulate();
    expect(snap().simulation).toMatchObject({ status: 'failed', issues: [{ path: 'serviceModel' }] });
  });

  it('runs with typed service times and labels the source', async () => {
    const { controller, snap } = setup();
    controller.setField(['durationMs'], 3000);
    controller.edit(addServiceModel);
    controller.edit((d) => setFixedServiceTime(d, 'resnet18', 'ms', 4));
    controller.edit((d) => setFixedServiceTime(d, 'vgg16', 'ms', 30));
    await controller.simulate();
    const sim = snap().simulation;
    expect(sim.status).toBe('done');
    if (sim.status !== 'done') return;
    expect(sim.source).toContain('assumed');
    expect(sim.stale).toBe(false);
    expect(sim.report.perTenant.camera?.measured.completed).toBeGreaterThan(0);
    controller.setField(['seed'], 2);
    expect(snap().simulation).toMatchObject({ status: 'done', stale: true });
  });

  it('a crashed simulator is reported, not thrown', async () => {
    const { controller, snap } = setup('', () => Promise.reject(new Error('boom')));
    controller.edit(addServiceModel);
    controller.edit((d) => setFixedServiceTime(setFixedServiceTime(d, 'resnet18', 'ms', 4), 'vgg16', 'ms', 30));
    await controller.simulate();
    expect(snap().simulation).toEqual({ status: 'failed', issues: [{ path: '', message: 'the simulator failed: boom' }] });
  });

  it('cancel stops a running simulation and drops its late answer', async () => {
    let finish: (r: SimulateResult) => void = () => undefined;
    const { controller, snap, cancels } = setup('', () => new Promise((resolve) => { finish = resolve; }));
    controller.edit(addServiceModel);
    controller.edit((d) => setFixedServiceTime(setFixedServiceTime(d, 'resnet18', 'ms', 4), 'vgg16', 'ms', 30));
    const pending = controller.simulate();
    expect(snap().simulation.status).toBe('running');
    controller.cancelSimulation();
    expect(cancels).toHaveLength(1);
    expect(snap().simulation.status).toBe('idle');
    finish({ ok: false, issues: [{ path: '', message: 'late' }] });
    await pending;
    expect(snap().simulation.status).toBe('idle');
  });
});
