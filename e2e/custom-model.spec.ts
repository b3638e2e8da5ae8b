// The user's own .onnx as a tenant: a zoo model written with a symbolic batch, height and width runs live beside tiny-cnn on
// WASM and WebGPU (SwiftShader, 32 x 48 px), its dims editable with errors at the field; a reload brings it back from IndexedDB
// and it runs live again; a fresh browser asks for the file (name, size, hash) and checks it.
import { expect, test, type Page } from '@playwright/test';
import { experimentFromHash } from '../src/core/experiment';
import { symbolicSizeModel } from '../src/zoo/symbolic-size-model.test-support';
import { ExperimentEditor, LabPage, RunPanel } from './lab-page';

/** tiny-cnn with input ['batch', 3, 'height', 'width'], 32 px by default (its metadata says image_size 32). */
const BYTES = symbolicSizeModel('tiny-cnn', { metadata: { image_size: '32' } });

/** Runs the open experiment to its end; both tenants complete measured requests. */
async function runBoth(run: RunPanel): Promise<void> {
  expect(await run.runToEnd()).toBe('finished');
  await expect(run.testId('run-error')).toHaveCount(0);
  expect(await run.completed('camera'), 'the zoo tenant completed').toBeGreaterThan(0);
  expect(await run.completed('hw'), 'the custom tenant completed').toBeGreaterThan(0);
}

async function setRun(page: Page, backend: 'wasm' | 'webgpu'): Promise<void> {
  await page.getByTestId('field-warmupMs').fill('300');
  await page.getByTestId('field-durationMs').fill('1500');
  await page.getByTestId('run-backend').selectOption(backend);
  await page.getByTestId('run-profile-runs').fill('5');
}

test('a file with symbolic batch, height and width runs as a tenant beside tiny-cnn on WASM and WebGPU, and comes back after a reload and runs again', async ({ page, browser }) => {
  const lab = new LabPage(page);
  const editor = new ExperimentEditor(page);
  const run = new RunPanel(page);
  await lab.open();
  await editor.preset('rt-beside-be');
  await run.tinyModels(1);
  await page.getByTestId('remove-tenant-1').click();
  await editor.field('tenants[0].sloMs').fill('5000');
  await editor.field('tenants[0].resolution').fill('32');

  await lab.pickFile('hw.onnx', BYTES);
  await expect(lab.testId('file-inputs')).toContainText('[batch, 3, height, width]');
  await expect(lab.testId('file-dims')).toContainText("height = 32 (metadata 'image_size' = 32)");
  await lab.testId('use-as-tenant').click();
  await expect(editor.field('tenants[1].model')).toHaveValue('custom:hw');
  await expect(page.getByTestId('custom-model-hw')).toHaveAttribute('data-state', 'ready');
  await expect(editor.field('customModels[0].dims[0].size')).toHaveValue('32');
  // A bad size is reported at its field; a non-square one is taken.
  await editor.field('customModels[0].dims[1].size').fill('0');
  await expect(editor.error('customModels[0].dims[1].size')).toContainText('expected a size of at least 1');
  await editor.field('customModels[0].dims[1].size').fill('48');
  await expect(editor.error('customModels[0].dims[1].size')).toHaveText('');
  await editor.field('tenants[1].sloMs').fill('5000');
  // Closed loops: each tenant always has a request waiting, so both complete some in a short run on any device.
  for (const i of [0, 1]) await editor.field(`tenants[${String(i)}].arrival.kind`).selectOption('closed-loop');

  await setRun(page, 'wasm');
  await runBoth(run);
  await setRun(page, 'webgpu');
  await runBoth(run);
  await expect(page.getByTestId('run-device')).toContainText('webgpu');

  const hash = await editor.hash();
  const parsed = experimentFromHash(hash);
  expect(parsed.ok && parsed.experiment.customModels?.[0]).toMatchObject({
    name: 'hw', fileName: 'hw.onnx', byteLength: BYTES.byteLength, dims: [{ name: 'height', size: 32 }, { name: 'width', size: 48 }],
  });

  // A reload restores the bytes from IndexedDB, with the chosen dims, and the restored tenant runs live again.
  await page.reload();
  await expect(page.getByTestId('custom-model-hw')).toHaveAttribute('data-state', 'ready');
  await expect(editor.field('customModels[0].dims[1].size')).toHaveValue('48');
  await expect(page.getByTestId('run-start')).toBeEnabled();
  await setRun(page, 'wasm');
  await runBoth(run);

  // A fresh browser (no IndexedDB of ours) opening the link asks for the file, refuses another, takes the right one.
  const context = await browser.newContext();
  const other = await context.newPage();
  await new ExperimentEditor(other).open(`#${hash}`);
  const card = other.getByTestId('custom-model-hw');
  await expect(card).toHaveAttribute('data-state', 'missing');
  await expect(card).toContainText(`Supply hw.onnx (${String(BYTES.byteLength)} bytes, sha256`);
  await other.getByTestId('supply-hw').setInputFiles({ name: 'wrong.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(symbolicSizeModel('tiny-cnn')) });
  await expect(other.getByTestId('custom-models-message')).toContainText("'wrong.onnx' has sha256");
  await other.getByTestId('supply-hw').setInputFiles({ name: 'hw.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(BYTES) });
  await expect(card).toHaveAttribute('data-state', 'ready');
  await context.close();
});
