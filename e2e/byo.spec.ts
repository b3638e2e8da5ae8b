// Bring your own .onnx: a valid file shows its inputs/outputs and runs; garbage and unrunnable files are refused by name.
import { expect, test } from '@playwright/test';
import { buildModel, describeModel } from '../src/zoo';
import { formatCount } from '../src/ui/format';
import { makeTestModel } from '../src/zoo/onnx-test-models';
import { LabPage } from './lab-page';

test('a generated tiny .onnx shows its tensors and runs like a zoo model', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  const { bytes } = buildModel('tiny-cnn', { resolution: 32 });
  await lab.pickFile('tiny-cnn-32.onnx', bytes);
  await expect(lab.testId('file-ok')).toBeVisible();
  await expect(lab.testId('file-inputs')).toContainText('float32');
  await expect(lab.testId('file-inputs')).toContainText('[batch, 3, 32, 32]');
  await expect(lab.testId('file-outputs')).toContainText('[batch, 10]');
  // Facts from the graph, at batch 1: the zoo's own figures for this model.
  const meta = describeModel('tiny-cnn', { resolution: 32 });
  await expect(lab.testId('facts-params')).toContainText(formatCount(meta.params));
  await expect(lab.testId('facts-macs')).toContainText(formatCount(meta.macs));
  await expect(lab.testId('facts-webgpu')).toHaveAttribute('data-cpu-ops', '0');
  await expect(lab.testId('model-select')).toHaveValue('file');
  await lab.run({ backend: 'wasm', warmupRuns: 1, measuredRuns: 3 });
  await expect(lab.testId('result')).toContainText('tiny-cnn-32.onnx');
  expect(await lab.latenciesMs()).toHaveLength(3);
});

test('a file on WebGPU is checked against the same bytes on WASM', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  const { bytes } = buildModel('tiny-cnn', { resolution: 32 });
  await lab.pickFile('tiny-cnn-32.onnx', bytes);
  await lab.run({ backend: 'webgpu', warmupRuns: 1, measuredRuns: 2, compareWithWasm: true });
  await expect(lab.testId('result')).toHaveAttribute('data-backend', 'webgpu');
  await expect(lab.testId('comparison')).toHaveAttribute('data-within', 'true');
});

test.describe('refusals', () => {
  const BOOL = 9;
  const cases: [string, Uint8Array, RegExp][] = [
    ['garbage.onnx', Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 5) % 256), /not an ONNX model/],
    ['truncated.onnx', makeTestModel().subarray(0, 200), /not an ONNX model/],
    ['bool-input.onnx', makeTestModel({ inputElemType: BOOL }), /"image" has type bool: a mask or flag/],
    ['unnamed-size.onnx', makeTestModel({ inputDims: ['batch', 3, null, 8] }), /axis 2 has an unknown size with no name/],
    ['external.onnx', makeTestModel({ externalWeights: true }), /external file\(s\) "weights\.bin"/],
  ];
  for (const [name, bytes, message] of cases) {
    test(`refuses ${name} with a specific message`, async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open();
      await lab.pickFile(name, bytes);
      await expect(lab.testId('file-problems')).toContainText(message);
      await expect(lab.testId('file-report')).toHaveAttribute('data-ok', 'false');
      await expect(lab.testId('model-select').locator('option[value="file"]')).toHaveCount(0);
    });
  }
});
