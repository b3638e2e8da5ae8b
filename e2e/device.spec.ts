// The device bar shows real adapter facts in headless Chromium (WebGPU through SwiftShader).
import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

test('device bar shows the adapter, its features and limits, and the WebGPU backend', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.testId('device-backend')).toHaveText('webgpu');
  await expect(lab.testId('device-vendor')).not.toHaveText(/^(—|)$/);
  await expect(lab.testId('device-architecture')).not.toHaveText(/^(—|)$/);
  // SwiftShader leaves GPUAdapterInfo.description empty; the page says so with a dash rather than inventing one.
  await expect(lab.testId('device-description')).toBeVisible();
  await expect(lab.testId('device-fallback-adapter')).toHaveText(/yes|no|not exposed/);
  await expect(lab.testId('feature-timestamp-query')).toBeVisible();
  await expect(lab.testId('feature-shader-f16')).toBeVisible();
  expect(await lab.testId('device-features').locator('li').count()).toBeGreaterThan(0);
  for (const name of ['maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupStorageSize']) {
    const value = await lab.limit(name);
    expect(Number.isInteger(value) && value > 0, `${name} = ${value}`).toBe(true);
  }
  expect(await lab.limit('maxBufferSize')).toBeGreaterThanOrEqual(268_435_456);
  await expect(lab.testId('fallback-banner')).toHaveCount(0);
});
