// Without the WebGPU flags headless Chromium has no adapter: the page falls back to WASM and lists every reason.
import { expect, test } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium';
import { LabPage } from './lab-page';

const WEBGPU_FLAGS = new Set(['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader']);
test.use({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs.filter((arg) => !WEBGPU_FLAGS.has(arg)) } });

test('no WebGPU adapter: banner with reasons, and a WebGPU request runs on WASM', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.testId('device-backend')).toHaveText('wasm');
  await expect(lab.testId('fallback-banner')).toBeVisible();
  await expect(lab.testId('fallback-reason').first()).toContainText('requestAdapter');
  await lab.run({ model: 'tiny-cnn', resolution: 32, backend: 'webgpu', warmupRuns: 1, measuredRuns: 3 });
  await expect(lab.testId('result')).toHaveAttribute('data-backend', 'wasm');
  expect(await lab.latenciesMs()).toHaveLength(3);
  await expect(lab.testId('comparison')).toHaveCount(0);
});
