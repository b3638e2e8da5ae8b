// The Analyze section: a simulated analysis of the VELTAIR-style example with a determinate progress bar, exports, and Apply of its plan.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { experimentFromHash, experimentToHash, parseExperimentJson } from '../src/core/experiment';
import { SCHEMA_VERSION, type Experiment } from '../src/core/experiment';
import { ExperimentEditor, RunPanel } from './lab-page';

test('Analyze runs capacity, curves, cost and the plan in a worker, exports them, and Apply loads the plan', async ({ page }) => {
  const parsed = parseExperimentJson(await readFile('examples/veltair-mix.json', 'utf8'));
  if (!parsed.ok) throw new Error('examples/veltair-mix.json must be valid');
  const editor = new ExperimentEditor(page);
  await editor.open(`#${experimentToHash(parsed.experiment)}`);
  const section = page.getByTestId('analysis');
  await expect(section).toBeVisible();
  // Two policies keep the run short on a loaded machine.
  for (const policy of ['round-robin', 'weighted-fair', 'priority', 'slo-aware']) await section.getByLabel(policy).uncheck();
  await expect.poll(() => page.evaluate(() => new URLSearchParams(window.location.search).get('policies'))).toBe('fcfs,edf');
  await page.getByTestId('analyze-button').click();
  await expect(page.getByTestId('analysis-progress').locator('progress')).toHaveAttribute('value', /.+/);
  await expect(page.getByTestId('analysis-result')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(page.getByTestId('analysis-source')).toContainText("assumed: the experiment's service model");
  await expect(page.getByTestId('chart-capacity')).toHaveAttribute('data-points', '5');
  await expect(page.getByTestId('chart-slo-load')).toHaveAttribute('data-points', '12');
  await expect(page.getByTestId('cost-saving')).toContainText(/Sharing (saves|costs) \d+\.\d%/);
  const plan = page.getByTestId('analysis-plan');
  await expect(plan).toBeVisible();

  const json = page.waitForEvent('download');
  await page.getByTestId('analysis-json').click();
  const report = JSON.parse(await readFile(await (await json).path(), 'utf8')) as {
    figures: string;
    plan: { plan: { experiment: { scheduler: { policy: string }; tenants: { batch: { kind: string } }[] } } | null; noFit: unknown };
  };
  expect(report.figures).toBe('simulated');
  const csv = page.waitForEvent('download');
  await page.getByTestId('analysis-csv').click();
  expect(await readFile(await (await csv).path(), 'utf8')).toContain('# cost of sharing');

  const zip = page.waitForEvent('download');
  await page.getByTestId('triton-zip').click();
  expect((await zip).suggestedFilename()).toBe('triton-repository.zip');
  const zipBytes = await readFile(await (await zip).path());
  expect(zipBytes.subarray(0, 2).toString('latin1')).toBe('PK');

  const planned = report.plan.plan;
  if (planned === null) throw new Error('the example fits this device in simulation');
  await page.getByTestId('apply-plan').click();
  await expect(editor.field('scheduler.policy')).toHaveValue(planned.experiment.scheduler.policy);
  await expect.poll(async () => {
    const hash = experimentFromHash(await editor.hash());
    return hash.ok ? hash.experiment.tenants.map((t) => t.batch.kind) : hash.issues;
  }).toEqual(planned.experiment.tenants.map((t) => t.batch.kind));
  await section.screenshot({ path: 'test-results/lab-analysis.png' });
});

/** Two tiny-CNN tenants at 32 px with assumed service times: an analysis of seconds, a live run of seconds on WASM. */
const TINY: Experiment = {
  schemaVersion: SCHEMA_VERSION,
  name: 'two tiny tenants',
  tenants: ['a', 'b'].map((id) => ({
    id, model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' as const }, arrival: { kind: 'poisson' as const, rate: { unit: 'per-sec' as const, value: 20 } },
    sloMs: 500, weight: 1, priority: 'best-effort' as const, queueLimit: 64, overflow: 'drop-newest' as const,
  })),
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 500,
  durationMs: 2500,
  seed: 1,
  serviceModel: { byModel: { 'tiny-cnn': { kind: 'fixed', ms: 2, perExtraItemMs: 0.5 } }, contentionPerExtraLane: 1 },
};

test('a plan goes through Apply and Run live, and the run shows predicted against measured per tenant', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open(`#${experimentToHash(TINY)}`);
  const section = page.getByTestId('analysis');
  for (const policy of ['round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware']) await section.getByLabel(policy).uncheck();
  await page.getByTestId('analyze-button').click();
  await expect(page.getByTestId('analysis-result')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(page.getByTestId('analysis-plan')).toHaveAttribute('data-fits', 'true');
  await page.getByTestId('apply-plan').click();
  await expect(page.getByTestId('plan-check-none')).toBeVisible();
  const run = new RunPanel(page);
  await run.testId('run-backend').selectOption('wasm');
  await run.testId('run-profile-runs').fill('5');
  expect(await run.runToEnd()).toBe('finished');
  const check = page.getByTestId('plan-check');
  await expect(check).toHaveAttribute('data-live', 'false');
  for (const tenant of ['a', 'b']) await expect(check.getByTestId(`plan-check-${tenant}`).locator('td')).toHaveText([tenant, /%$/, /%$/, /\d/, /\d/]);
});
