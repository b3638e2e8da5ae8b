// Offline and installable: after one visit the service worker has the whole app (onnxruntime-web's .wasm included), so the lab
// opens, stays cross-origin isolated and runs live with the network off; the manifest and its icons load (no favicon 404).
import { expect, test } from '@playwright/test';
import { ExperimentEditor, RunPanel } from './lab-page';

test.use({ serviceWorkers: 'allow' });

test('after one visit the lab opens and runs a live experiment with the network off', async ({ page, context }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${String(response.status())} ${response.url()}`);
  });
  const editor = new ExperimentEditor(page);
  await editor.open();
  // The manifest and the icons it lists are served.
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).not.toBeNull();
  const manifest = (await (await page.request.get(manifestHref ?? '')).json()) as { name: string; icons: { src: string }[] };
  expect(manifest.name).toBe('Tenancy Lab');
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).ok(), icon.src).toBe(true);
  // The service worker has installed (precached everything) and controls the page: a state, not a sleep.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('experiment')).toBeVisible();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  // A live run offline: the engine and lane workers and ORT's wasm all come from the cache.
  const run = new RunPanel(page);
  await editor.preset('rt-beside-be');
  await run.tinyModels(2);
  await run.quick({ backend: 'wasm', warmupMs: 300, durationMs: 1500, profileRuns: 5 });
  expect(await run.runToEnd()).toBe('finished');
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  expect(await run.completed('camera')).toBeGreaterThan(0);
  await context.setOffline(false);
  expect(missing).toEqual([]);
});
