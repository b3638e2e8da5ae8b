// Tests for inspectOnnx: valid files, garbage, unsupported types, unfillable dims, external data.
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { inspectOnnx, type OnnxProblemCode } from './inspect';
import { makeTestModel } from './onnx-test-models';
import { symbolicSizeModel } from './symbolic-size-model.test-support';
import { symbolicDimsOf } from './symbolic-dims';

const INT64 = 7;
const FLOAT16 = 10;
const INT32 = 6;
const BOOL = 9;
const STRING = 8;

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
    ['a truncated file', makeTestModel().subarray(0, 200), 'not-onnx', /not an ONNX model \(protobuf decoding failed/],
    ['a text file', new TextEncoder().encode('hello, this is not a model\n'), 'not-onnx', /not an ONNX model/],
    ['a bool input', makeTestModel({ inputElemType: BOOL }), 'unsupported-input-type', /^Input "image" has type bool: a mask or flag needs values the model means/],
    ['a string input', makeTestModel({ inputElemType: STRING }), 'unsupported-input-type', /^Input "image" has type string: onnxruntime-web runs no string tensors/],
    ['a float64 input', makeTestModel({ inputElemType: 11 }), 'unsupported-input-type', /float64: the lab fills float32, float16, int32 and int64 inputs only/],
    ['an unknown height with no name', makeTestModel({ inputDims: ['batch', 3, null, 8] }), 'unfillable-dim', /^Input "image" axis 2 has an unknown size with no name; onnxruntime can only fix named dims/],
    ['a second input of type bool', makeTestModel({ extraInputs: [{ name: 'mask', elemType: BOOL, dims: ['batch', 8] }] }), 'unsupported-input-type', /^Input "mask" has type bool/],
    ['external weights', makeTestModel({ externalWeights: true }), 'external-data', /"weights\.bin"/],
    ['an input with no shape', makeTestModel({ noInputShape: true }), 'no-shape', /^Input "image" has no shape/],
    ['an input no device can hold', makeTestModel({ inputDims: ['batch', 3, 65536, 65536] }), 'too-large', /^Input "image" \[.*\] takes 48\.0 GiB as float32 at batch 1; the lab's limit is 2\.0 GiB per input\.$/],
    ['a size past 2^53', makeTestModel({ inputDims: ['batch', 3, 2 ** 60, 8] }), 'too-large', /axis 2 has the size \d{19}, past 2\^53/],
    ['a 1 MiB input name', makeTestModel({ inputName: 'n'.repeat(1 << 20), inputElemType: BOOL }), 'unsupported-input-type', /^Input "n{40}…" has type bool/],
  ])('refuses %s', (_label, bytes, code, message) => {
    const result = inspectOnnx(bytes);
    expect(result.ok).toBe(false);
    const problem = result.problems.find((p) => p.code === code);
    expect(problem?.message).toMatch(message);
  });

  it('lists every problem, not only the first', () => {
    const result = inspectOnnx(makeTestModel({ inputElemType: BOOL, inputDims: ['n', 3, null, null], externalWeights: true }));
    expect(result.problems.map((p) => p.code)).toEqual([
      'unsupported-input-type', 'unfillable-dim', 'unfillable-dim', 'external-data',
    ]);
    expect(result.inputs[0]?.dims).toEqual(['n', 3, null, null]);
  });

  it.each<[string, number]>([['float16', FLOAT16], ['int64', INT64], ['int32', INT32], ['float32', 1]])('accepts a %s input', (_type, elemType) => {
    expect(inspectOnnx(makeTestModel({ inputElemType: elemType })).problems).toEqual([]);
  });

  it('accepts symbolic sizes on every axis and names them apart from the batch', () => {
    const result = inspectOnnx(makeTestModel({
      inputDims: ['batch', 3, 'height', 'width'],
      extraInputs: [{ name: 'ids', elemType: INT64, dims: ['batch', 'seq'] }, { name: 'scale', elemType: FLOAT16, dims: [1] }],
    }));
    expect(result.ok).toBe(true);
    expect(result.batchDimNames).toEqual(['batch']);
    expect(result.symbolicDimNames).toEqual(['height', 'width', 'seq']);
  });

  it('reads a zoo model written with a symbolic height and width', () => {
    const result = inspectOnnx(symbolicSizeModel('tiny-cnn', { metadata: { image_size: '64' } }));
    expect(result.ok).toBe(true);
    expect(result.inputs[0]?.dims).toEqual(['batch', 3, 'height', 'width']);
    expect(result.metadata).toEqual([{ key: 'image_size', value: '64' }]);
  });
});

describe('operators', () => {
  it('refuses nodes from a domain onnxruntime-web does not implement, naming domain and op', () => {
    const model = onnxProto.onnx.ModelProto.decode(makeTestModel());
    const node = model.graph?.node?.[0];
    if (node === undefined || node === null) throw new Error('the test model has a node');
    node.domain = 'com.example';
    const result = inspectOnnx(onnxProto.onnx.ModelProto.encode(model).finish());
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['unsupported-op']);
    expect(result.problems[0]?.message).toMatch(/^1 node\(s\) use operators from domains onnxruntime-web does not implement \("com\.example:\w+"\)/);
  });

  it.each(['', 'ai.onnx', 'com.microsoft'])('accepts the domain %j', (domain) => {
    const model = onnxProto.onnx.ModelProto.decode(makeTestModel());
    for (const node of model.graph?.node ?? []) node.domain = domain;
    expect(inspectOnnx(onnxProto.onnx.ModelProto.encode(model).finish()).ok).toBe(true);
  });
});

describe('symbolicDimsOf', () => {
  const dimsOf = (options: Parameters<typeof makeTestModel>[0]) => symbolicDimsOf(inspectOnnx(makeTestModel(options))).map((d) => [d.name, d.size, d.source]);
  it.each<[string, Parameters<typeof makeTestModel>[0], unknown[]]>([
    ['spatial axes with no metadata: 224', { inputDims: ['batch', 3, 'h', 'w'] }, [['h', 224, 'spatial'], ['w', 224, 'spatial']]],
    ['an image size in metadata', { inputDims: ['batch', 3, 'a', 'b'], metadata: [{ key: 'input_size', value: '[3, 96]' }] }, [['a', 3, 'metadata'], ['b', 3, 'metadata']]],
    ['the dim\'s own metadata entry first', { inputDims: ['batch', 3, 'height', 'width'], metadata: [{ key: 'Height', value: '48' }, { key: 'image_size', value: '64' }] }, [['height', 48, 'metadata'], ['width', 64, 'metadata']]],
    ['a sequence length: 1', { extraInputs: [{ name: 'ids', elemType: INT64, dims: ['batch', 'seq'] }] }, [['seq', 1, 'default']]],
    ['a non-square named pair', { inputDims: ['N', 3, 'img_h', 'img_w'] }, [['img_h', 224, 'spatial'], ['img_w', 224, 'spatial']]],
  ])('%s', (_label, options, expected) => {
    expect(dimsOf(options)).toEqual(expected);
  });
});
