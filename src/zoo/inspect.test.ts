// Tests for inspectOnnx: valid files, garbage, unsupported types, unfillable dims, external data.
import { describe, expect, it } from 'vitest';
import { inspectOnnx, type OnnxProblemCode } from './inspect';
import { makeTestModel } from './onnx-test-models';

const INT64 = 7;
const FLOAT16 = 10;

describe('inspectOnnx', () => {
  it('reads inputs, outputs, opset and the batch dim of a valid model', () => {
    const result = inspectOnnx(makeTestModel());
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.inputs).toEqual([{ name: 'image', elemType: 'float32', dims: ['batch', 3, 8, 8], hasShape: true }]);
    expect(result.outputs).toEqual([{ name: 'scores', elemType: 'float32', dims: ['batch', 4], hasShape: true }]);
    expect(result.opset).toBe(13);
    expect(result.irVersion).toBe(8);
    expect(result.nodeCount).toBe(4);
    expect(result.batchDimNames).toEqual(['batch']);
  });

  it('accepts a fully fixed input shape', () => {
    const result = inspectOnnx(makeTestModel({ inputDims: [1, 3, 8, 8] }));
    expect(result.ok).toBe(true);
    expect(result.batchDimNames).toEqual([]);
  });

  it.each<[string, Uint8Array, OnnxProblemCode, RegExp]>([
    ['an empty file', new Uint8Array(0), 'not-onnx', /empty/],
    ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256), 'not-onnx', /not an ONNX model/],
    ['a text file', new TextEncoder().encode('hello, this is not a model\n'), 'not-onnx', /not an ONNX model/],
    ['an int64 input', makeTestModel({ inputElemType: INT64 }), 'unsupported-input-type', /"image" has type int64/],
    ['a float16 input', makeTestModel({ inputElemType: FLOAT16 }), 'unsupported-input-type', /float16/],
    ['a symbolic height', makeTestModel({ inputDims: ['batch', 3, 'height', 8] }), 'unfillable-dim', /axis 2 .*"height"/],
    ['external weights', makeTestModel({ externalWeights: true }), 'external-data', /"weights\.bin"/],
    ['an input with no shape', makeTestModel({ noInputShape: true }), 'no-shape', /^Input "image" has no shape/],
    ['an input no device can hold', makeTestModel({ inputDims: ['batch', 3, 65536, 65536] }), 'too-large', /^Input "image" \[.*\] takes 48\.0 GiB as float32 at batch 1; the lab's limit is 2\.0 GiB per input\.$/],
    ['a size past 2^53', makeTestModel({ inputDims: ['batch', 3, 2 ** 60, 8] }), 'too-large', /axis 2 has the size \d{19}, past 2\^53/],
    ['a 1 MiB input name', makeTestModel({ inputName: 'n'.repeat(1 << 20), inputElemType: INT64 }), 'unsupported-input-type', /^Input "n{40}…" has type int64/],
  ])('refuses %s', (_label, bytes, code, message) => {
    const result = inspectOnnx(bytes);
    expect(result.ok).toBe(false);
    const problem = result.problems.find((p) => p.code === code);
    expect(problem?.message).toMatch(message);
  });

  it('lists every problem, not only the first', () => {
    const result = inspectOnnx(makeTestModel({ inputElemType: INT64, inputDims: ['n', 3, 'h', 'w'], externalWeights: true }));
    expect(result.problems.map((p) => p.code)).toEqual([
      'unsupported-input-type', 'unfillable-dim', 'unfillable-dim', 'external-data',
    ]);
    expect(result.inputs[0]?.dims).toEqual(['n', 3, 'h', 'w']);
  });
});
