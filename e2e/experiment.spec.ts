// The experiment editor: presets, URL hash round trip, field errors, bad hash banner, JSON export/import, Simulate.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { experimentFromHash, experimentToHash, parseExperimentJson } from '../src/core/experiment';
import { PRESETS } from '../src/app/presets/catalog';
import { ExperimentEditor } from './lab-page';

test('each preset loads, shows its explanation and writes a hash that decodes to it', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  for (const preset of PRESETS) {
    await editor.preset(preset.id);
    await expect(page.getByTestId('preset-explanation')).toContainText(preset.explanation);
    await expect(editor.tenantRows()).toHaveCount(preset.experiment.tenants.length);
    await expect.poll(async () => {
      const parsed = experimentFromHash(await editor.hash());
      return parsed.ok ? parsed.experiment : parsed.issues;
    }).toEqual(preset.experiment);
  }
});

test('the URL hash round-trips through a reload', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  await editor.preset('policy-compare');
  await editor.field('scheduler.policy').selectOption('edf');
  await editor.field('seed').fill('777');
  await editor.field('tenants[2].sloMs').fill('450');
  await expect.poll(async () => {
    const parsed = experimentFromHash(await editor.hash());
    return parsed.ok ? [parsed.experiment.seed, parsed.experiment.scheduler.policy, parsed.experiment.tenants[2]?.sloMs] : parsed.issues;
  }).toEqual([777, 'edf', 450]);
  const hash = await editor.hash();
  await page.reload();
  await expect(editor.field('seed')).toHaveValue('777');
  await expect(editor.field('scheduler.policy')).toHaveValue('edf');
  await expect(editor.field('tenants[2].sloMs')).toHaveValue('450');
  expect(await editor.hash()).toBe(hash);
  await expect(page.getByTestId('hash-banner')).toHaveCount(0);
});

test('an invalid field shows an error next to it naming the field, and the hash keeps the last valid experiment', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  const before = await editor.hash();
  await editor.field('tenants[1].sloMs').fill('abc');
  await expect(editor.error('tenants[1].sloMs')).toHaveText("tenants[1].sloMs: expected a number, got 'abc'");
  await expect(editor.field('tenants[1].sloMs')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.field('tenants[1].sloMs')).toHaveValue('abc');
  await editor.field('tenants[0].resolution').fill('100');
  await expect(editor.error('tenants[0].resolution')).toContainText('multiple of 32');
  await expect(page.getByTestId('draft-issues')).toContainText('2 problems');
  expect(await editor.hash()).toBe(before);
  await expect(page.getByTestId('simulate-button')).toBeDisabled();
});

test('add, duplicate and remove tenants', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  await editor.preset('mlperf-server');
  await page.getByTestId('add-tenant').click();
  await page.getByTestId('duplicate-tenant-0').click();
  await expect(editor.tenantRows()).toHaveCount(3);
  await expect(editor.field('tenants[1].id')).toHaveValue('server-copy');
  await expect(editor.field('tenants[2].id')).toHaveValue('tenant');
  await page.getByTestId('remove-tenant-0').click();
  await expect(editor.tenantRows()).toHaveCount(2);
  await expect(editor.field('tenants[0].id')).toHaveValue('server-copy');
});

test('a bad hash shows a banner with the issues and keeps the default experiment', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open('#x1.not*base64');
  await expect(page.getByTestId('hash-banner')).toContainText('expected base64url characters');
  await expect(editor.tenantRows()).toHaveCount(2);
  await expect(page.getByTestId('preset-rt-beside-be')).toHaveAttribute('aria-pressed', 'true');
  // A link pasted into the same tab changes only the hash; the editor loads it without a reload.
  const igniter = PRESETS.find((p) => p.id === 'igniter-adaptive')?.experiment;
  if (!igniter) throw new Error('preset igniter-adaptive missing');
  await page.evaluate((hash) => { window.location.hash = hash; }, experimentToHash(igniter));
  await expect(editor.tenantRows()).toHaveCount(3);
  await expect(page.getByTestId('hash-banner')).toHaveCount(0);
  await expect(editor.field('scheduler.policy')).toHaveValue('weighted-fair');
});

test('export gives valid experiment JSON; a bad import lists its issues by field', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  await editor.preset('igniter-adaptive');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-link').click()]);
  const parsed = parseExperimentJson(await readFile(await download.path(), 'utf8'));
  expect(parsed.ok ? parsed.experiment : parsed.issues).toEqual(PRESETS.find((p) => p.id === 'igniter-adaptive')?.experiment);
  const bad = JSON.stringify({ schemaVersion: 1, tenants: [], scheduler: { policy: 'lottery', granularity: 'inference' } });
  await page.getByTestId('import-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const banner = page.getByTestId('import-banner');
  await expect(banner).toContainText('bad.json was not imported');
  for (const path of ['tenants', 'scheduler.policy', 'lanes', 'durationMs']) await expect(banner.locator('code', { hasText: path }).first()).toBeVisible();
  await expect(editor.tenantRows()).toHaveCount(3);
});

test('Simulate with an assumed service model fills the summary table', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  await editor.preset('rt-beside-be');
  await expect(page.getByTestId('simulate-button')).toBeDisabled();
  await editor.field('durationMs').fill('10000');
  await page.getByTestId('add-service-model').click();
  await expect(editor.error('serviceModel.byModel.resnet18.ms')).toContainText('expected a number');
  await editor.field('serviceModel.byModel.resnet18.ms').fill('4');
  await editor.field('serviceModel.byModel.vgg16.ms').fill('30');
  await editor.field('serviceModel.byModel.vgg16.perExtraItemMs').fill('20');
  await editor.simulate();
  const summary = page.getByTestId('sim-summary');
  await expect(summary.locator('caption')).toContainText('simulated');
  await expect(summary.locator('caption')).toContainText('assumed');
  for (const row of ['camera', 'heavy', 'overall']) {
    const completed = Number(await summary.getByTestId(`sim-row-${row}`).getByTestId('sim-completed').textContent());
    expect(completed).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('sim-jain')).toHaveText(/^\d\.\d{3}$/);
  await page.getByTestId('experiment').screenshot({ path: 'test-results/lab-experiment.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('experiment').screenshot({ path: 'test-results/lab-experiment-dark.png' });
});

test('keyboard: presets and row actions are buttons, every field has an accessible name', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  await page.getByTestId('preset-batching-tradeoff').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('preset-batching-tradeoff')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('add-tenant').focus();
  await page.keyboard.press('Space');
  await expect(editor.tenantRows()).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: 'Tenant 2 (tenant) SLO (ms)' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove Tenant 2 (tenant)' }).press('Enter');
  await expect(editor.tenantRows()).toHaveCount(1);
  const unnamed = await page.getByTestId('experiment').locator('input, select').evaluateAll((elements) =>
    elements.filter((el) => (el as HTMLInputElement).labels?.length === 0).length);
  expect(unnamed).toBe(0);
});
