// The user's own .onnx as a tenant in the analysis (capacity from the live run's solo profiles) and in a quick characterization
// (its runs carry the file's bytes; the report lists it with its hash and chosen dims). WASM, 32 x 48 px, short windows.
import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { symbolicSizeModel } from '../src/zoo/symbolic-size-model.test-support';
import { ExperimentEditor, LabPage, RunPanel } from './lab-page';

/** tiny-cnn with input ['batch', 3, 'height', 'width'], 32 px by default (its metadata says image_size 32). */
const BYTES = symbolicSizeModel('tiny-cnn', { metadata: { image_size: '32' } });
const SHA256 = createHash('sha256').update(BYTES).digest('hex');

/** tiny-cnn ('camera', 32 px) beside the file as tenant 'hw' at 32 x 48 px, both Poisson with a 200 ms SLO. */
async function tinyBesideFile(page: Page): Promise<ExperimentEditor> {
  const lab = new LabPage(page);
  const editor = new ExperimentEditor(page);
  await lab.open();
  await editor.preset('rt-beside-be');
  await new RunPanel(page).tinyModels(1);
  await page.getByTestId('remove-tenant-1').click();
  await editor.field('tenants[0].resolution').fill('32');
  await lab.pickFile('hw.onnx', BYTES);
  await lab.testId('use-as-tenant').click();
  await expect(page.getByTestId('custom-model-hw')).toHaveAttribute('data-state', 'ready');
  await editor.field('customModels[0].dims[1].size').fill('48');
  await expect(editor.error('customModels[0].dims[1].size')).toHaveText('');
  for (const i of [0, 1]) await editor.field(`tenants[${String(i)}].sloMs`).fill('200');
  return editor;
}

test('the analysis gives a capacity for an experiment with a custom tenant, from the live run\'s solo profiles', async ({ page }) => {
  await tinyBesideFile(page);
  const run = new RunPanel(page);
  await page.getByTestId('field-warmupMs').fill('300');
  await page.getByTestId('field-durationMs').fill('1500');
  await run.testId('run-backend').selectOption('wasm');
  await run.testId('run-profile-runs').fill('5');
  expect(await run.runToEnd()).toBe('finished');
  expect(await run.completed('hw'), 'the custom tenant completed').toBeGreaterThan(0);

  const section = page.getByTestId('analysis');
  // FCFS alone and no plan: the capacity is what this test is about.
  await section.getByLabel('plan (iGniter)').uncheck();
  for (const policy of ['round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware']) await section.getByLabel(policy).uncheck();
  await page.getByTestId('analyze-button').click();
  await expect(page.getByTestId('analysis-result')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('analysis-error')).toHaveCount(0);
  await expect(page.getByTestId('analysis-source')).toContainText("measured: this run's solo profiles");
  await expect(page.getByTestId('analysis-source')).toContainText('custom:hw@32');
  await expect(page.getByTestId('analysis-capacity')).toContainText(/holds \d+\.\d{3}x its load/);
});

test('a quick characterization with the custom model lists it with its hash and chosen dims', async ({ page }) => {
  await tinyBesideFile(page);
  // The section offers the experiment's own model beside the quick three.
  await expect(page.getByTestId('characterize-custom-hw')).toBeEnabled();
  const report = await page.evaluate(() => window.__characterize?.run({
    quick: true, models: ['tiny-cnn', 'custom:hw'], repeats: 1, maxBatch: 1, windowMs: 100, maxWindows: 3,
  }) ?? Promise.reject(new Error('no hook')));
  expect(report.errors).toEqual([]);
  expect(report.settings.models).toEqual(['tiny-cnn', 'custom:hw']);
  expect(report.customModels).toEqual([expect.objectContaining({
    name: 'hw', fileName: 'hw.onnx', byteLength: BYTES.byteLength, sha256: SHA256, dims: [{ name: 'height', size: 32 }, { name: 'width', size: 48 }],
  })]);
  expect(report.sweeps.map((s) => s.model)).toEqual(['tiny-cnn@32', 'custom:hw@32']);
  expect(report.solo.find((p) => p.model === 'custom:hw@32')?.samples).toBeGreaterThan(0);
  expect(report.cells.filter((c) => c.tenants.some((t) => t.model === 'custom:hw@32'))).toHaveLength(4);
  // The page draws the same report, with the file's hash.
  const frame = page.frameLocator('[data-testid="characterize-report"]');
  await expect(frame.locator(`[data-sha256="${SHA256}"]`)).toBeVisible();
  await expect(frame.locator('body')).toContainText('height=32,width=48');
});
