// The Analyze section: a simulated analysis of the VELTAIR-style example with a determinate progress bar, exports, and Apply of its plan.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { experimentFromHash, experimentToHash, parseExperimentJson } from '../src/core/experiment';
import { ExperimentEditor } from './lab-page';

test('Analyze runs capacity, curves, cost and the plan in a worker, exports them, and Apply loads the plan', async ({ page }) => {
  const parsed = parseExperimentJson(await readFile('examples/veltair-mix.json', 'utf8'));
  if (!parsed.ok) throw new Error('examples/veltair-mix.json must be valid');
  const editor = new ExperimentEditor(page);
  await editor.open(`#${experimentToHash(parsed.experiment)}`);
  const section = page.getByTestId('analysis');
  await expect(section).toBeVisible();
  // Two policies keep the run short on a loaded machine.
  for (const policy of ['round-robin', 'weighted-fair', 'priority', 'slo-aware']) await section.getByLabel(policy).uncheck();
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
