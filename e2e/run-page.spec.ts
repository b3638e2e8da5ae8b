// The live run section end to end: every preset runs on WASM with tiny models (one with its own zoo models at 32 px, one on
// WebGPU/SwiftShader) with every chart drawn, the summary filled, the URL round-tripping; export (JSON, CSV, PNG) and import;
// the summary's verdict and mean batch columns and the run notice; stop keeps what was measured; refusals name the field; on the software adapter Run live fits itself (undoable), by keyboard in two presses.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { PRESETS } from '../src/app/presets/catalog';
import { parseRunFile, REQUEST_CSV_COLUMNS } from '../src/app/run/run-file';
import { experimentFromHash } from '../src/core/experiment';
import { METRICS_CSV_COLUMNS } from '../src/core/metrics';
import { ExperimentEditor, LabPage, RUN_CHARTS, RunPanel, type QuickRun } from './lab-page';

const WASM: QuickRun = { backend: 'wasm', warmupMs: 500, durationMs: 2500, profileRuns: 5 };

/** Runs the open experiment to its end and checks what every run must show. */
async function runAndCheck(page: Page, run: RunPanel, tenants: readonly string[]): Promise<void> {
  expect(await run.runToEnd()).toBe('finished');
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  const points = await run.chartPoints();
  for (const id of RUN_CHARTS) expect(points[id], `${id} has drawn data`).toBeGreaterThan(0);
  // Every tenant completed measured requests, and the table has its figures.
  for (const tenant of tenants) {
    expect(await run.completed(tenant), `${tenant} completed`).toBeGreaterThan(0);
    await expect(run.testId(`run-row-${tenant}`).getByTestId('run-slo')).toHaveText(/^\d+\.\d %$/);
  }
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-final', 'true');
  await expect(page.getByTestId('run-device')).toContainText('wall clock');
}

/** The summary's MLPerf-style verdict and mean batch per tenant, and the run notice: when shown, it says which promise the run broke. */
async function checkVerdictBatchNotice(page: Page, run: RunPanel, tenants: readonly string[]): Promise<void> {
  await expect(run.testId('run-verdict-header')).toHaveAttribute('title', /MLPerf-style verdict/);
  await expect(run.testId('run-mean-batch-header')).toBeVisible();
  for (const tenant of tenants) {
    const row = run.testId(`run-row-${tenant}`);
    await expect(row.getByTestId('run-verdict')).toHaveText(/^(PASS|FAIL|INVALID \(n < 662\))$/);
    await expect(row.getByTestId('run-mean-batch')).toHaveText(/^\d+\.\d\d$/);
  }
  const notice = page.getByTestId('run-notice');
  if ((await notice.count()) > 0) {
    const inflated = (await notice.getAttribute('data-inflated')) === 'true';
    const overloaded = (await notice.getAttribute('data-overloaded')) === 'true';
    const deflated = (await notice.getAttribute('data-deflated')) === 'true';
    expect(inflated || overloaded || deflated, 'a notice says what was broken').toBe(true);
    if (inflated) await expect(notice).toContainText('slower than the solo profile');
    if (deflated) await expect(notice).toContainText('faster than the solo profile');
    if (overloaded) await expect(notice).toContainText('offered load exceeded the capacity seen in this run');
  }
}

/** The preset that also runs with its own zoo models (ResNet-18 at 32 px): the others use the tiny CNN to keep CI short. */
const ZOO_PRESET = 'batching-tradeoff';

for (const preset of PRESETS) {
  const models = preset.id === ZOO_PRESET ? 'its zoo models at 32 px' : 'tiny models';
  test(`preset ${preset.id} runs live on WASM with ${models}: every chart drawn, summary filled, URL round-trips`, async ({ page }) => {
    const editor = new ExperimentEditor(page);
    const run = new RunPanel(page);
    await editor.open();
    await editor.preset(preset.id);
    if (preset.id !== ZOO_PRESET) await run.tinyModels(preset.experiment.tenants.length);
    await run.quick(WASM);
    const hash = await editor.hash();
    await runAndCheck(page, run, preset.experiment.tenants.map((t) => t.id));
    await checkVerdictBatchNotice(page, run, preset.experiment.tenants.map((t) => t.id));
    // The run left the experiment (and its link) as it was; the link reloads to the same experiment.
    expect(await editor.hash()).toBe(hash);
    const parsed = experimentFromHash(hash);
    expect(parsed.ok && parsed.experiment.tenants.every((t) => t.resolution === 32)).toBe(true);
    await page.screenshot({ path: `test-results/run-${preset.id}.png`, fullPage: true });
    await page.reload();
    await expect(editor.field('warmupMs')).toHaveValue(String(WASM.warmupMs));
    expect(await editor.hash()).toBe(hash);
  });
}

test('one preset live on WebGPU (SwiftShader) with tiny-cnn tenants', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  await editor.preset('rt-beside-be');
  await run.tinyModels(2);
  await editor.field('tenants[0].sloMs').fill('2000');
  await run.quick({ backend: 'webgpu', warmupMs: 1000, durationMs: 4000, profileRuns: 5 });
  await runAndCheck(page, run, ['camera', 'heavy']);
  await expect(page.getByTestId('run-device')).toContainText('webgpu');
  await expect(page.getByTestId('run-fallback')).toHaveCount(0);
  await page.getByTestId('run').screenshot({ path: 'test-results/run-webgpu.png' });
});

test('export: run JSON validates and re-imports into the same charts, CSVs have their columns, a chart saves as PNG', async ({ page, browser }) => {
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  await editor.preset('policy-compare');
  await run.tinyModels(3);
  await run.quick(WASM);
  await runAndCheck(page, run, ['interactive', 'standard', 'bulk']);

  const json = await readFile(await run.download('run-export-json'), 'utf8');
  const parsed = parseRunFile(json);
  expect(parsed.ok ? 'valid' : parsed.issues).toBe('valid');
  if (!parsed.ok) return;
  const record = parsed.record;
  expect(record.events.length).toBe(record.summary?.overall.ledger.completed);
  expect(record.soloProfiles.length).toBeGreaterThan(0);
  expect(record.device.backendUsed).toBe('wasm');

  const summaryCsv = (await readFile(await run.download('run-export-csv'), 'utf8')).trim().split('\n');
  expect(summaryCsv[0]).toBe(METRICS_CSV_COLUMNS.join(','));
  expect(summaryCsv.slice(1).map((line) => line.split(',')[0])).toEqual(['interactive', 'standard', 'bulk', 'overall']);
  const requestsCsv = (await readFile(await run.download('run-export-requests'), 'utf8')).trim().split('\n');
  expect(requestsCsv[0]).toBe(REQUEST_CSV_COLUMNS.join(','));
  expect(requestsCsv).toHaveLength(record.events.length + 1);

  for (const chart of ['chart-throughput', 'chart-latency', 'chart-timeline']) {
    const png = await readFile(await run.download(`${chart}-png`));
    expect([...png.subarray(0, 8)], `${chart} is a PNG`).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16), `${chart} PNG width`).toBeGreaterThan(400);
  }

  // A fresh page (no GPU work at all) opens the file and shows the same run.
  const viewer = await browser.newPage();
  await new ExperimentEditor(viewer).open();
  const imported = new RunPanel(viewer);
  await imported.testId('run-import-input').setInputFiles({ name: 'policy.run.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(imported.testId('run-imported')).toContainText('policy.run.json');
  expect(await imported.chartPoints()).toEqual(await run.chartPoints());
  for (const row of ['interactive', 'standard', 'bulk', 'overall']) expect(await imported.completed(row)).toBe(await run.completed(row));
  // The file's experiment is in the editor, ready to run again.
  await expect.poll(async () => {
    const loaded = experimentFromHash(await new ExperimentEditor(viewer).hash());
    return loaded.ok ? loaded.experiment : loaded.issues;
  }).toEqual(record.experiment);
  // The timeline shows the whole run, then half of it.
  const range = imported.testId('timeline-range');
  const spanMs = async () => Number(await range.getAttribute('data-to-ms')) - Number(await range.getAttribute('data-from-ms'));
  await imported.testId('timeline-whole').click();
  await expect(range).toHaveAttribute('data-from-ms', '0');
  const whole = await spanMs();
  await imported.testId('timeline-zoom-in').click();
  await expect.poll(spanMs).toBeLessThan(whole * 0.6);
  await viewer.close();
});

test('a bad run file lists its problems by field and keeps the run on screen', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  const bad = JSON.stringify({ format: 'tenancy-lab-run', version: 1, startedAt: 'yesterday' });
  await run.testId('run-import-input').setInputFiles({ name: 'bad.run.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const banner = run.testId('run-import-banner');
  await expect(banner).toContainText('bad.run.json was not opened');
  for (const path of ['startedAt', 'experiment', 'events']) await expect(banner.locator('code', { hasText: path }).first()).toBeVisible();
  await expect(run.testId('run-empty')).toBeVisible();
});

test('stop during a run keeps everything measured; bad settings and a bad experiment refuse the start next to the field', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  await editor.preset('mlperf-server');
  await run.tinyModels(1);
  await run.quick({ ...WASM, durationMs: 60_000 });
  await run.testId('run-profile-runs').fill('2');
  await expect(run.testId('run-profile-runs-error')).toHaveText('solo profile runs: expected a whole number from 5 to 500, got 2');
  await expect(run.testId('run-start')).toBeDisabled();
  await run.testId('run-profile-runs').fill('5');
  await editor.field('tenants[0].sloMs').fill('-3');
  await expect(run.testId('run-start')).toBeDisabled();
  await editor.field('tenants[0].sloMs').fill('100');

  await run.testId('run-start').click();
  await expect(run.testId('chart-throughput')).not.toHaveAttribute('data-points', '0', { timeout: 120_000 });
  await expect.poll(async () => Number(await run.testId('chart-throughput').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(10);
  await expect(run.testId('run')).toHaveAttribute('data-run-phase', 'running');
  await page.screenshot({ path: 'test-results/run-live.png', fullPage: true });
  // Stop, timed on the page's clock: from the click to the section's phase 'stopped' (a state, not a sleep).
  const stopMs = await run.testId('run').evaluate((section) => new Promise<number>((resolve) => {
    const stop = section.querySelector<HTMLButtonElement>('[data-testid="run-stop"]');
    const t0 = performance.now();
    const done = (): boolean => section.getAttribute('data-run-phase') === 'stopped' && section.getAttribute('data-run-live') === 'false';
    new MutationObserver((_, observer) => {
      if (!done()) return;
      observer.disconnect();
      resolve(performance.now() - t0);
    }).observe(section, { attributes: true });
    stop?.click();
  }));
  test.info().annotations.push({ type: 'stop', description: `Stop while running took ${stopMs.toFixed(0)} ms on the page clock (a figure, not a bound)` });
  console.log(`Stop while running: ${stopMs.toFixed(0)} ms (page clock)`);
  await expect(run.testId('run')).toHaveAttribute('data-run-live', 'false');
  await expect(run.testId('run')).toHaveAttribute('data-run-phase', 'stopped');
  expect(await run.completed('server')).toBeGreaterThan(0);
  await expect(run.testId('run-summary')).toContainText('as of the stop');
  // Requests still queued at the stop were cancelled, in a column of their own.
  await expect(run.testId('run-summary').getByRole('columnheader', { name: 'Stopped' })).toBeVisible();
  await expect(run.testId('run-share-header')).toHaveText('Lane share');
  await expect(run.testId('run-export-json')).toBeEnabled();
});

test('keyboard and dark scheme: the run controls are labelled and operable, the section reads in dark', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  await editor.preset('batching-tradeoff');
  await run.tinyModels(1);
  await run.quick(WASM);
  const unnamed = await run.testId('run').locator('input, select').evaluateAll((elements) =>
    elements.filter((el) => (el as HTMLInputElement).labels?.length === 0).length);
  expect(unnamed).toBe(0);
  await run.testId('run-start').focus();
  await page.keyboard.press('Enter');
  await expect(run.testId('run')).toHaveAttribute('data-run-live', 'false', { timeout: 240_000 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await run.testId('run').screenshot({ path: 'test-results/run-dark.png' });
});

test('keyboard: Run live in two presses; on the software adapter it fits itself to WASM at 32 px; Stop in the setup ends the run; Undo restores', async ({ page }) => {
  const lab = new LabPage(page);
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await lab.open();
  const before = await editor.field('tenants[0].resolution').inputValue();
  expect(Number(before)).toBeGreaterThan(32);
  await page.keyboard.press('Tab');
  await expect(run.testId('skip-to-run')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(run.testId('run-start')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(run.testId('run-fit')).toBeVisible();
  await expect(run.testId('run-fit')).toContainText('Run live picked settings');
  await expect(run.testId('run-backend')).toHaveValue('wasm');
  await expect(editor.field('tenants[0].resolution')).toHaveValue('32');
  // One element for Run live and Stop: focus stays on it, so Enter stops.
  await expect(run.testId('run-stop')).toBeFocused();
  const phase = await run.testId('run').getAttribute('data-run-phase');
  const pressedAt = Date.now();
  await page.keyboard.press('Enter');
  await expect(run.testId('run')).toHaveAttribute('data-run-live', 'false');
  await expect(run.testId('run')).toHaveAttribute('data-run-phase', 'stopped');
  test.info().annotations.push({ type: 'stop', description: `pressed while ${phase ?? '?'}; ended in ${String(Date.now() - pressedAt)} ms (a figure, not a bound)` });
  await run.testId('run-fit-undo').click();
  await expect(run.testId('run-fit')).toHaveCount(0);
  await expect(run.testId('run-backend')).toHaveValue('webgpu');
  await expect(editor.field('tenants[0].resolution')).toHaveValue(before);
});
