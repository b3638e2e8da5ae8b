// Confirm live: a short run measures the tiny CNN's solo profile, Analyze simulates from it, and live probes bracket the capacity beside it.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { experimentToHash, SCHEMA_VERSION, type Experiment } from '../src/core/experiment';
import { ExperimentEditor, RunPanel } from './lab-page';

/** Two tiny-CNN tenants at 32 px on one time-sliced lane; a loose SLO keeps each probe's minimum length near LoadGen's sample count. */
const TINY: Experiment = {
  schemaVersion: SCHEMA_VERSION,
  name: 'tiny capacity',
  tenants: ['a', 'b'].map((id) => ({
    id, model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' as const }, arrival: { kind: 'poisson' as const, rate: { unit: 'per-sec' as const, value: 100 } },
    sloMs: 100, weight: 1, priority: 'best-effort' as const, queueLimit: 256, overflow: 'drop-newest' as const,
  })),
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 200,
  durationMs: 1000,
  seed: 3,
  serviceModel: { byModel: { 'tiny-cnn': { kind: 'fixed', ms: 2, perExtraItemMs: 0.5 } }, contentionPerExtraLane: 1 },
};

test('Confirm live brackets the capacity on real WASM lanes beside the simulated bracket, and the JSON export carries both', async ({ page }) => {
  const editor = new ExperimentEditor(page);
  await editor.open(`#${experimentToHash(TINY)}`);
  const run = new RunPanel(page);
  await run.testId('run-backend').selectOption('wasm');
  await run.testId('run-profile-runs').fill('5');
  expect(await run.runToEnd()).toBe('finished');

  const section = page.getByTestId('analysis');
  for (const policy of ['round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware']) await section.getByLabel(policy).uncheck();
  await section.getByLabel('plan (iGniter)').uncheck();
  // p90 needs LoadGen's 64 samples where p99 needs 662: probes of seconds, not tens of seconds, on a CI machine.
  await page.getByTestId('analysis-slo-rate').fill('0.9');
  await page.getByTestId('analyze-button').click();
  await expect(page.getByTestId('analysis-result')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('analysis-source')).toContainText('measured');

  const live = page.getByTestId('live-capacity');
  await expect(live).toHaveAttribute('data-status', 'idle');
  await page.getByTestId('live-max-probes').fill('8');
  await page.getByTestId('confirm-live').click();
  await expect(live).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('live-progress').locator('progress')).toHaveAttribute('value', /.+/);
  await expect(live).toHaveAttribute('data-status', 'done', { timeout: 150_000 });

  const bracket = page.getByTestId('live-bracket');
  await expect(bracket).toHaveAttribute('data-outcome', /^bracketed/);
  const [holds, fails, simHolds, simFails] = await Promise.all(['data-holds', 'data-fails', 'data-sim-holds', 'data-sim-fails'].map(async (a) => Number(await bracket.getAttribute(a))));
  for (const f of [holds, fails, simHolds, simFails]) expect(Number.isFinite(f) && (f ?? 0) > 0).toBe(true);
  expect(holds).toBeLessThan(fails ?? 0);
  expect(simHolds).toBeLessThan(simFails ?? 0);
  await expect(page.getByTestId('live-probe-0')).toBeVisible();
  await expect(page.getByTestId('live-probe-0').locator('td')).toHaveText([/1/, /x$/, /\d/, /\d/, /%$/, /%$/, /holds|fails/]);

  const json = page.waitForEvent('download');
  await page.getByTestId('analysis-json').click();
  const report = JSON.parse(await readFile(await (await json).path(), 'utf8')) as {
    figures: string;
    liveCapacity: { figures: string; backendUsed: string; holdsFactor: number; probes: { factor: number; tenants: { sloRate: number | null; samples: number }[] }[] };
  };
  expect(report.figures).toBe('simulated');
  expect(report.liveCapacity).toMatchObject({ figures: 'live', backendUsed: 'wasm', holdsFactor: holds });
  expect(report.liveCapacity.probes.length).toBeGreaterThan(0);

  const csv = page.waitForEvent('download');
  await page.getByTestId('analysis-csv').click();
  const table = await readFile(await (await csv).path(), 'utf8');
  expect(table).toContain('# capacity confirmed live at SLO rate 0.9');
  expect(table).toMatch(new RegExp(`\\nlive,0\\.9,${String(holds)},${String(fails)},bracketed`));
  expect(table.split('\n').filter((line) => /^\d+,[\d.]+,\d/.test(line))).toHaveLength(report.liveCapacity.probes.length * 2);

  const chart = page.getByTestId('chart-live-bracket');
  await expect(chart).toHaveAttribute('data-points', String(report.liveCapacity.probes.length * 2));
  const png = page.waitForEvent('download');
  await page.getByTestId('chart-live-bracket-png').click();
  expect((await png).suggestedFilename()).toMatch(/\.png$/);
  await live.screenshot({ path: 'test-results/lab-capacity-live.png' });
});
