// Compare: the default preset's one-click lesson (FCFS, priority, priority with 4 layer blocks) live on WASM at 32 px (tiny CNNs), its verdict, CDFs, stacked lane timelines and fixed rates shown, pinned across a reload; and the Lesson fitted to this machine as Run live is.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { simulateExperiment } from '../src/core/sim';
import { CompareController } from '../src/app/compare/compare-controller';
import { simulatedEngine, TWO_TENANTS } from '../src/app/compare/compare-test-fixture';
import { memoryPinStore } from '../src/app/compare/pin-store';
import { variantsOf } from '../src/app/compare/variants';
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
  for (const chart of ['chart-compare-p99', 'chart-compare-slo', 'chart-compare-cdf-camera', 'chart-compare-timelines']) await expect(page.getByTestId(chart)).not.toHaveAttribute('data-points', '0');
  // One lane timeline per variant, stacked, each with slices; "lane", never "GPU", on WASM.
  const timelines = page.getByTestId('chart-compare-timelines');
  await expect(timelines.getByRole('heading')).toHaveText('Lane timelines per variant (CPU, WASM)');
  await expect(timelines.getByTestId('compare-timeline-variant')).toHaveCount(3);
  for (const slices of await timelines.getByTestId('compare-timeline-variant').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-slices'))))) expect(slices).toBeGreaterThan(0);
  await timelines.getByTestId('compare-timeline-zoom-in').click();
  await expect(timelines.getByTestId('compare-timeline-range')).not.toHaveAttribute('data-from-ms', '0');
  // The rates every run used are stated.
  await expect(page.getByTestId('compare-arrivals')).toContainText('the same seed in every run');
  await page.getByTestId('compare-result').screenshot({ path: 'test-results/compare-result.png' });

  // The export carries the raw figures and the predictions from the measured solo profiles.
  const download = page.waitForEvent('download');
  await page.getByTestId('compare-export').click();
  type FileVariant = { runs: unknown[]; predictionSource: string | null; predictionError: string | null; cdf?: { tenant: string; count: number; points: unknown[] }[] };
  const file = JSON.parse(await readFile(await (await download).path(), 'utf8')) as {
    format: string; backendUsed: string; variants: FileVariant[];
    arrivals?: { source: string; rates: { variant: string; tenant: string; ratesPerSec: number[] }[] } | null;
  };
  expect(file.format).toBe('tenancy-lab-comparison');
  expect(file.backendUsed).toBe('wasm');
  expect(file.variants.map((v) => v.runs.length)).toEqual([1, 1, 1]);
  // CDFs from the measured latencies: a point per request up to 256, else 257 quantiles.
  for (const v of file.variants) {
    for (const c of v.cdf ?? []) expect(c.points.length).toBe(c.count > 256 ? 257 : c.count);
    expect(v.cdf?.find((c) => c.tenant === 'camera')?.count).toBeGreaterThan(0);
  }
  // Every variant ran each tenant at the same fixed rate (the lesson's axis changes no rate).
  const rates = new Map<string, string>();
  for (const r of file.arrivals?.rates ?? []) {
    const seen = rates.get(r.tenant);
    if (seen === undefined) rates.set(r.tenant, JSON.stringify(r.ratesPerSec));
    else expect(JSON.stringify(r.ratesPerSec), `${r.tenant} in ${r.variant}`).toBe(seen);
  }
  test.info().annotations.push({ type: 'arrival rates', description: `${[...rates].map(([t, r]) => `${t} ${r} req/s`).join(', ')} from ${file.arrivals?.source ?? '?'}` });
  test.info().annotations.push({ type: 'predictions', description: file.variants.map((v) => v.predictionSource ?? `none: ${v.predictionError ?? ''}`).join(' | ').slice(0, 500) });

  await page.getByTestId('compare-pin').click();
  await expect(page.getByTestId('compare-unpin')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('compare-pins')).toBeVisible();
  await page.getByTestId('compare-pins').selectOption({ index: 1 });
  await expect(page.getByTestId('compare-verdict')).toHaveAttribute('data-status', /^(shown|not-shown)$/);
  // The pin keeps each variant's lane timeline (its newest slices).
  await expect(page.getByTestId('chart-compare-timelines').getByTestId('compare-timeline-variant')).toHaveCount(3);
});

/** A two-variant comparison (FCFS, priority; two repeats) whose runs are simulated in Node, as its exported file. */
async function simulatedComparisonJson(): Promise<string> {
  const variants = variantsOf(TWO_TENANTS, { kind: 'policy' }, ['fcfs', 'priority']);
  if (!variants.ok) throw new Error('the fixture has variants');
  const controller = new CompareController({
    createEngine: () => simulatedEngine().engine, simulate: (e) => Promise.resolve(simulateExperiment(e)), pins: memoryPinStore(), nowIso: () => '2026-12-02T09:00:00Z', newId: () => 'e2e-opened',
  });
  await controller.compare({ title: 'fcfs vs priority', variants: variants.variants, lesson: null, repeats: 2, engine: { backend: 'wasm' } });
  const json = controller.exportJson();
  if (json === null) throw new Error('no comparison');
  return json;
}

test('an opened comparison shows its verdicts, mean batches and lane timelines again, and so does its pin after a reload', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open();
  const compare = page.getByTestId('compare');
  await page.getByTestId('compare-import').setInputFiles({ name: 'opened.json', mimeType: 'application/json', buffer: Buffer.from(await simulatedComparisonJson()) });
  await expect(compare).toHaveAttribute('data-status', 'done');
  const check = async (): Promise<void> => {
    // The fixture's runs have a few hundred requests each: INVALID in both repeats, one request per slice.
    for (const v of [0, 1]) {
      for (const tenant of ['camera', 'heavy']) {
        await expect(page.getByTestId(`compare-${String(v)}-${tenant}-verdict`)).toHaveAttribute('data-verdicts', 'INVALID,INVALID');
        await expect(page.getByTestId(`compare-${String(v)}-${tenant}-mean-batch`)).toHaveText('1.00');
      }
    }
    await expect(page.getByTestId('compare-0-camera-verdict')).toHaveAttribute('title', /^repeat 1: INVALID, \d+ samples of the 662 needed for p99/);
    const timelines = page.getByTestId('chart-compare-timelines');
    await expect(timelines.getByTestId('compare-timeline-variant')).toHaveCount(2);
    expect(await timelines.getByTestId('compare-timeline-variant').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-variant'), g.getAttribute('data-slice-count')]))).toEqual([['fcfs', '6'], ['priority', '6']]);
  };
  await check();
  await page.getByTestId('compare-pin').click();
  await expect(page.getByTestId('compare-unpin')).toBeVisible();
  await page.reload();
  await page.getByTestId('compare-pins').selectOption({ index: 1 });
  await expect(compare).toHaveAttribute('data-status', 'done');
  await check();
});

test('the Lesson fits itself to this machine as Run live does (software adapter: WASM, inputs scaled down to 32 px), says so, and Undo puts the settings back', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  await editor.preset('rt-beside-be');
  await expect(run.testId('run-backend')).toHaveValue('webgpu');
  const compare = page.getByTestId('compare');
  await page.getByTestId('compare-lesson').click();
  await expect(compare).toHaveAttribute('data-status', 'running');
  await expect(run.testId('run-fit')).toBeVisible();
  await expect(run.testId('run-fit')).toContainText('The lesson picked settings');
  await expect(run.testId('run-backend')).toHaveValue('wasm');
  // Scaled down by one factor, so the VGG-16 stays at twice the camera's side.
  for (const [i, px] of [[0, '32'], [1, '64']] as const) await expect(editor.field(`tenants[${String(i)}].resolution`)).toHaveValue(px);
  // Cancelled in its setup: only the settings it started with matter here.
  await page.getByTestId('compare-cancel').click();
  await expect(compare).not.toHaveAttribute('data-status', 'running');
  await run.testId('run-fit-undo').click();
  await expect(run.testId('run-backend')).toHaveValue('webgpu');
  for (const [i, px] of [[0, '224'], [1, '448']] as const) await expect(editor.field(`tenants[${String(i)}].resolution`)).toHaveValue(px);
});
