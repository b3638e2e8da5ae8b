// Zoo models run in a lane worker on WebGPU (SwiftShader here) with real per-run latencies, and agree with WASM.
import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

const MEASURED_RUNS = 5;

test('tiny-cnn at 32 px runs on WebGPU with per-run wall-clock latencies', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.run({ model: 'tiny-cnn', resolution: 32, backend: 'webgpu', warmupRuns: 2, measuredRuns: MEASURED_RUNS });
  await expect(lab.testId('result')).toHaveAttribute('data-backend', 'webgpu');
  await expect(lab.testId('result-count')).toHaveText(String(MEASURED_RUNS));
  const latencies = await lab.latenciesMs();
  expect(latencies).toHaveLength(MEASURED_RUNS);
  for (const latencyMs of latencies) expect(Number.isFinite(latencyMs) && latencyMs > 0, `latency ${latencyMs}`).toBe(true);
  const median = await lab.statMs('median');
  expect(median).toBeGreaterThanOrEqual(Math.min(...latencies));
  expect(median).toBeLessThanOrEqual(Math.max(...latencies));
  expect(await lab.statMs('first-run')).toBeGreaterThan(0);
  await expect(lab.testId('result-method')).toContainText('wall clock');
  await expect(lab.testId('result-build-events')).not.toHaveText('0');
  await page.screenshot({ path: 'test-results/lab-webgpu.png', fullPage: true });
});

// Tolerance: max |WebGPU - WASM| <= 1e-3 x the largest |WASM output| (OUTPUT_TOLERANCE_RELATIVE in src/app/output-compare.ts).
for (const model of ['tiny-cnn', 'resnet18']) {
  test(`${model} at 32 px: WebGPU output equals WASM output within tolerance`, async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.run({ model, resolution: 32, backend: 'webgpu', warmupRuns: 1, measuredRuns: 1, compareWithWasm: true });
    await expect(lab.testId('result')).toHaveAttribute('data-backend', 'webgpu');
    const comparison = lab.testId('comparison');
    await expect(comparison).toHaveAttribute('data-within', 'true');
    const maxAbsDiff = Number(await comparison.getAttribute('data-max-abs-diff'));
    expect(Number.isFinite(maxAbsDiff)).toBe(true);
    test.info().annotations.push({ type: 'max-abs-diff', description: `${model}@32px WebGPU vs WASM: ${maxAbsDiff}` });
  });
}
