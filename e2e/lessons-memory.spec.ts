// The default preset's three lessons back to back in one page with its real models (VGG-16 and ResNet-18 at 32 px, WASM):
// sessions are reused or released between runs, so none runs out of memory; the run settings survive a reload.
import { expect, test } from '@playwright/test';
import { ExperimentEditor, RunPanel } from './lab-page';

test("the default preset's three lessons (FCFS, priority, priority with layer blocks) run back to back on WASM with VGG-16 and ResNet-18", async ({ page }) => {
  test.setTimeout(600_000);
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await editor.open();
  await editor.preset('rt-beside-be');
  await run.quick({ backend: 'wasm', warmupMs: 500, durationMs: 3000, profileRuns: 5 });
  await expect(editor.field('tenants[1].model')).toHaveValue('vgg16');
  // Memory is the point here, not the policy: a camera at a tenth of capacity leaves strict priority room to serve
  // VGG-16 within 3 s even when a loaded machine runs ResNet-18 several times slower than its solo profile.
  await editor.field('tenants[0].arrival.rate.value').fill('0.1');
  await expect(editor.field('tenants[0].arrival.rate.value')).toHaveValue('0.1');
  const lessons: readonly [string, () => Promise<unknown>][] = [
    ['fcfs', () => Promise.resolve()],
    ['priority', () => editor.field('scheduler.policy').selectOption('priority')],
    ['priority with layer blocks', () => editor.field('scheduler.granularity').selectOption('layer-blocks')],
  ];
  for (const [lesson, change] of lessons) {
    await change();
    expect(await run.runToEnd(), lesson).toBe('finished');
    await expect(page.getByTestId('run-error'), lesson).toHaveCount(0);
    for (const tenant of ['camera', 'heavy']) expect(await run.completed(tenant), `${lesson}: ${tenant} completed`).toBeGreaterThan(0);
  }
  // The backend chosen survives a reload.
  await page.reload();
  await expect(run.testId('run-backend')).toHaveValue('wasm');
  await expect(run.testId('run-profile-runs')).toHaveValue('5');
});
