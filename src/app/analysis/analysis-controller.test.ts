// The Analyze controller with a fake worker: settings checked by field, progress, the report, cancel; service times chosen and labelled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeExperiment } from '../../core/analysis/analyze-report';
import { SCHEMA_VERSION, type Experiment } from '../../core/experiment';
import type { WorkerAnalyzer } from './analysis-client';
import { AnalysisController, settingIssues, DEFAULT_ANALYSIS_SETTINGS } from './analysis-controller';
import { chooseServiceTimes } from './service-times';

const experiment: Experiment = {
  schemaVersion: SCHEMA_VERSION,
  tenants: [
    {
      id: 'a', model: 'tiny', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 50 } },
      sloMs: 20, weight: 1, priority: 'best-effort', queueLimit: 64, overflow: 'drop-newest',
    },
  ],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 100,
  durationMs: 1000,
  seed: 1,
};
const withModel: Experiment = { ...experiment, serviceModel: { byModel: { tiny: { kind: 'fixed', ms: 2, perExtraItemMs: 0.5 } }, contentionPerExtraLane: 1 } };

/** Runs the real analysis in-process, reporting progress as the worker would. */
const inProcess: WorkerAnalyzer = {
  analyze: (request, onProgress) => Promise.resolve(analyzeExperiment({ ...request, onProgress })),
  cancel: () => undefined,
};

describe('chooseServiceTimes', () => {
  it('takes measured solo profiles when they cover every model, and says so', () => {
    const choice = chooseServiceTimes(withModel, [
      { modelKey: 'tiny@32', batch: 2, medianMs: 3, p99Ms: 4 },
      { modelKey: 'tiny@32', batch: 1, medianMs: 2, p99Ms: 1.5 },
    ]);
    if (!choice.ok) throw new Error('covered');
    expect(choice.measured).toBe(true);
    expect(choice.source).toMatch(/^measured: this run's solo profiles \(tiny@32/);
    expect(choice.serviceModel.byModel.tiny).toEqual({ kind: 'profile', byBatch: [{ batch: 1, medianMs: 2, p99Ms: 2 }, { batch: 2, medianMs: 3, p99Ms: 4 }] });
  });

  it.each([
    ['no profiles', withModel, [], true],
    ['profiles of another resolution', withModel, [{ modelKey: 'tiny@64', batch: 1, medianMs: 2, p99Ms: 2 }], true],
    ['neither', experiment, [], false],
  ] as const)('%s: falls back to the assumed service model, or names serviceModel', (_name, exp, points, ok) => {
    const choice = chooseServiceTimes(exp, points);
    expect(choice.ok).toBe(ok);
    if (choice.ok) expect(choice.source).toMatch(/^assumed: /);
    else expect(choice.issues.map((i) => i.path)).toEqual(['serviceModel']);
  });
});

describe('AnalysisController', () => {
  it('runs the analysis with progress up to 1, then holds the report and its JSON and CSV', async () => {
    const controller = new AnalysisController(inProcess);
    controller.setSettings({ policies: ['fcfs'], plan: false });
    const fractions: number[] = [];
    const unsubscribe = controller.store.subscribe(() => {
      const s = controller.store.getSnapshot().state;
      if (s.status === 'running') fractions.push(s.fraction);
    });
    await controller.analyze(withModel, []);
    unsubscribe();
    const state = controller.store.getSnapshot().state;
    expect(state.status).toBe('done');
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
    const parsed = JSON.parse(controller.reportJson() ?? 'null') as { figures: string; serviceTimeSource: string };
    expect(parsed.figures).toBe('simulated');
    expect(parsed.serviceTimeSource).toMatch(/^assumed/);
    expect(controller.reportCsv()).toContain('# cost of sharing');
  });

  it('fails with field-named issues on bad settings or missing service times, without starting', async () => {
    const controller = new AnalysisController({ analyze: () => Promise.reject(new Error('must not run')), cancel: () => undefined });
    controller.setSettings({ sloRate: '1.2' });
    expect(controller.store.getSnapshot().settingIssues.map((i) => i.path)).toEqual(['sloRate']);
    await controller.analyze(experiment, []);
    const state = controller.store.getSnapshot().state;
    expect(state.status === 'failed' ? state.issues.map((i) => i.path) : []).toEqual(['sloRate', 'serviceModel']);
  });

  it('cancel drops the answer of the run in flight', async () => {
    let release: (() => void) | null = null;
    const controller = new AnalysisController({
      analyze: (request) => new Promise((resolve) => { release = () => resolve(analyzeExperiment({ ...request, policies: ['fcfs'] })); }),
      cancel: () => undefined,
    });
    const running = controller.analyze(withModel, []);
    expect(controller.store.getSnapshot().state.status).toBe('running');
    controller.cancel();
    (release as (() => void) | null)?.();
    await running;
    expect(controller.store.getSnapshot().state.status).toBe('idle');
  });

  it('togglePolicy keeps the schema order', () => {
    const controller = new AnalysisController(inProcess);
    controller.setSettings({ policies: ['edf'] });
    controller.togglePolicy('fcfs');
    expect(controller.store.getSnapshot().settings.policies).toEqual(['fcfs', 'edf']);
    controller.togglePolicy('edf');
    expect(controller.store.getSnapshot().settings.policies).toEqual(['fcfs']);
  });

  it('settingIssues never throws and names only its fields (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (sloRate, pricePerHour, none) => {
        const issues = settingIssues({ ...DEFAULT_ANALYSIS_SETTINGS, sloRate, pricePerHour, policies: none ? [] : ['fcfs'] });
        for (const i of issues) expect(['sloRate', 'pricePerHour', 'policies']).toContain(i.path);
        expect(issues.some((i) => i.path === 'policies')).toBe(none);
      }),
    );
  });
});
