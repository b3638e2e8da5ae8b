// A reduced characterization end to end (two models at 32 px on WASM, 2 repeats, batch 1 only): report.json validates,
// report.html opens with the network off and every chart is drawn; the page's section shows the same report, and two opened
// report.json files are compared cell by cell.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import type {} from '../src/app/characterize/characterize-browser';
import { reportHtml } from '../src/core/characterize/report-html';
import { parseReport } from '../src/core/characterize/report-parse';

// 16 engine runs (4 solo, 12 cells): about 2 min on an idle 2-core machine; a shared, loaded one takes several times that.
test.setTimeout(600_000);

test('a reduced characterization writes a valid report whose HTML draws every chart offline', async ({ page, context }) => {
  await page.goto('/');
  await page.waitForFunction(() => window.__characterize !== undefined);
  const options = { models: ['tiny-cnn', 'squeezenet1_1'], backend: 'wasm', resolution: 32, repeats: 2, maxBatch: 1, windowMs: 100, maxWindows: 3 };
  const raw = await page.evaluate((o) => window.__characterize?.run(o) ?? Promise.reject(new Error('no hook')), options);
  const parsed = parseReport(JSON.parse(JSON.stringify(raw)));
  expect(parsed.ok ? 'valid' : parsed.error).toBe('valid');
  if (!parsed.ok) return;
  const report = parsed.report;
  expect(report.device.backendUsed).toBe('wasm');
  expect(new Set(report.solo.map((p) => p.model))).toEqual(new Set(['tiny-cnn@32', 'squeezenet1_1@32']));
  expect(report.cells.length).toBeGreaterThan(0);
  for (const p of report.solo) expect(p.throughputPerSec.n).toBeGreaterThan(0);
  expect(report.model?.predictions.length ?? 0).toBeGreaterThan(0);
  expect(report.capacity.length).toBeGreaterThan(0);

  // The page shows the same report in its section.
  await expect(page.getByTestId('characterize')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('characterize-report')).toHaveCount(1);

  // report.html from a file, with the network off: every chart has its marks.
  const dir = join('test-results', 'characterize');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'report.html');
  writeFileSync(file, reportHtml(report));
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2));
  await context.setOffline(true);
  const requests: string[] = [];
  const htmlPage = await context.newPage();
  htmlPage.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await htmlPage.goto(pathToFileURL(file).href);
  await expect(htmlPage.locator('svg.chart')).toHaveCount(4);
  for (const svg of await htmlPage.locator('svg.chart:not(.heatmap)').all()) await expect(svg.locator('path')).not.toHaveCount(0);
  for (const svg of await htmlPage.locator('svg.heatmap').all()) await expect(svg.locator('rect')).toHaveCount(4);
  await expect(htmlPage.locator('h1')).toHaveText('Device characterization');
  expect(requests).toEqual([]);
  await context.setOffline(false);

  // Two reports opened side by side: every figure both have, a and b and b / a, and the cells only one has.
  const other = join(dir, 'report-b.json');
  writeFileSync(other, JSON.stringify({ ...report, createdAt: '2026-12-02T00:00:00.000Z', solo: report.solo.slice(1) }, null, 2));
  await page.getByTestId('characterize').locator('input[type="file"]').setInputFiles([join(dir, 'report.json'), other]);
  await expect(page.getByTestId('characterize-report')).toHaveCount(2);
  await expect(page.getByTestId('comparison-row').first()).toBeVisible();
  await expect(page.getByTestId('comparison-only')).toContainText(`Only in a: solo: ${report.solo[0]?.model ?? ''} batch 1`);
});
