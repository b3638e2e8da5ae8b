// Compare: the default preset's one-click lesson (FCFS, priority, priority with 4 layer blocks) live on WASM at 32 px (tiny CNNs), its verdict shown, pinned across a reload.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ExperimentEditor, RunPanel } from './lab-page';

test("the default preset's lesson runs as three variants side by side, says whether the camera's p99 fell, and its pin survives a reload", async ({ page }) => {
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  await editor.preset('rt-beside-be');
  await run.quick({ backend: 'wasm', warmupMs: 300, durationMs: 2000, profileRuns: 5 });
  // VGG-16 and ResNet-18 take minutes to prepare on a loaded 2-core machine: the tiny CNN keeps the lesson's shape in seconds.
  await run.tinyModels(2);

  const compare = page.getByTestId('compare');
  await expect(compare).toHaveAttribute('data-status', 'idle');
  await page.getByTestId('compare-lesson').click();
  await expect(compare).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('compare-progress').locator('progress')).toHaveAttribute('value', /.+/);
  await expect(compare).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(page.getByTestId('compare-error')).toHaveCount(0);

  // Three variants, both tenants measured in each; the verdict is computed and shown (its direction is a figure on this loaded machine).
  for (const v of [0, 1, 2]) {
    for (const tenant of ['camera', 'heavy']) await expect(page.getByTestId(`compare-row-${String(v)}-${tenant}`)).toBeVisible();
  }
  const p99s = await Promise.all([0, 1, 2].map(async (v) => Number(await page.getByTestId(`compare-row-${String(v)}-camera`).getAttribute('data-p99'))));
  for (const p99 of p99s) expect(p99).toBeGreaterThan(0);
  const verdict = page.getByTestId('compare-verdict');
  await expect(verdict).toHaveAttribute('data-status', /^(shown|not-shown)$/);
  test.info().annotations.push({ type: 'camera p99 ms (fcfs, priority, priority + 4 blocks)', description: `${p99s.map((p) => p.toFixed(1)).join(', ')}; verdict: ${(await verdict.textContent()) ?? ''}` });
  for (const chart of ['chart-compare-p99', 'chart-compare-slo', 'chart-compare-cdf-camera']) await expect(page.getByTestId(chart)).not.toHaveAttribute('data-points', '0');

  // The export carries the raw figures and the predictions from the measured solo profiles.
  const download = page.waitForEvent('download');
  await page.getByTestId('compare-export').click();
  const file = JSON.parse(await readFile(await (await download).path(), 'utf8')) as { format: string; backendUsed: string; variants: { runs: unknown[]; predictionSource: string | null; predictionError: string | null }[] };
  expect(file.format).toBe('tenancy-lab-comparison');
  expect(file.backendUsed).toBe('wasm');
  expect(file.variants.map((v) => v.runs.length)).toEqual([1, 1, 1]);
  test.info().annotations.push({ type: 'predictions', description: file.variants.map((v) => v.predictionSource ?? `none: ${v.predictionError ?? ''}`).join(' | ').slice(0, 500) });

  await page.getByTestId('compare-pin').click();
  await expect(page.getByTestId('compare-unpin')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('compare-pins')).toBeVisible();
  await page.getByTestId('compare-pins').selectOption({ index: 1 });
  await expect(page.getByTestId('compare-verdict')).toHaveAttribute('data-status', /^(shown|not-shown)$/);
});
