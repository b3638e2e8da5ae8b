// Tests for the general ONNX graph view: shape inference per op (table), value_info preference, topological order, cycles, initializer sizes, fuzz.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import onnxProto from 'onnx-proto';
import { decodeOnnxGraph } from './onnx-graph';
import { makeBranchyModel } from './onnx-test-graphs';

const { onnx } = onnxProto;
const A = onnx.AttributeProto.AttributeType;
type Attr = onnxProto.onnx.IAttributeProto;

/** A graph input (dims) or an int64/float initializer (values), by name. */
type Operand = { readonly name: string; readonly dims: readonly (number | string)[] } | { readonly name: string; readonly int64: readonly number[] } | { readonly name: string; readonly floats: readonly number[]; readonly shape: readonly number[] };

const ints = (name: string, v: number[]): Attr => ({ name, type: A.INTS, ints: v });
const int = (name: string, v: number): Attr => ({ name, type: A.INT, i: v });
const str = (name: string, v: string): Attr => ({ name, type: A.STRING, s: new TextEncoder().encode(v) });
const floats = (name: string, v: number[]): Attr => ({ name, type: A.FLOATS, floats: v });

function oneNode(opType: string, operands: readonly (Operand | '')[], attribute: Attr[] = [], opset = 13, valueInfo?: readonly number[]): Uint8Array {
  const dim = (d: number | string) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });
  const real = operands.filter((o): o is Operand => o !== '');
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 't',
      node: [{ name: 'n', opType, input: operands.map((o) => (o === '' ? '' : o.name)), output: ['y'], attribute }],
      input: real.flatMap((o) => ('dims' in o ? [{ name: o.name, type: { tensorType: { elemType: 1, shape: { dim: o.dims.map(dim) } } } }] : [])),
      initializer: real.flatMap((o): onnxProto.onnx.ITensorProto[] => ('int64' in o ? [{ name: o.name, dims: [o.int64.length], dataType: 7, int64Data: [...o.int64] }] : 'floats' in o ? [{ name: o.name, dims: [...o.shape], dataType: 1, floatData: [...o.floats] }] : [])),
      output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
      valueInfo: valueInfo ? [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: valueInfo.map(dim) } } } }] : [],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

const x = (...dims: (number | string)[]): Operand => ({ name: 'x', dims });
const w = (...shape: number[]): Operand => ({ name: 'w', floats: Array<number>(shape.reduce((p, d) => p * d, 1)).fill(0.5), shape });
const i64 = (name: string, ...v: number[]): Operand => ({ name, int64: v });
const dimsOf = (bytes: Uint8Array, dims: ReadonlyMap<string, number> = new Map()) => decodeOnnxGraph(bytes, dims).shapes.get('y');

describe('shape inference', () => {
  it.each<[string, Uint8Array, (number | null)[] | null]>([
    ['Conv, pads 1', oneNode('Conv', [x(1, 3, 32, 32), w(8, 3, 3, 3)], [ints('pads', [1, 1, 1, 1])]), [1, 8, 32, 32]],
    ['Conv, stride 2, SAME_UPPER on 15', oneNode('Conv', [x(1, 3, 15, 15), w(8, 3, 3, 3)], [ints('strides', [2, 2]), str('auto_pad', 'SAME_UPPER')]), [1, 8, 8, 8]],
    ['Conv, dilation 2, no pads', oneNode('Conv', [x(1, 3, 32, 32), w(8, 3, 3, 3)], [ints('dilations', [2, 2])]), [1, 8, 28, 28]],
    ['Conv, depthwise', oneNode('Conv', [x(1, 8, 10, 10), w(8, 1, 3, 3)], [int('group', 8)]), [1, 8, 8, 8]],
    ['ConvTranspose, stride 2', oneNode('ConvTranspose', [x(1, 4, 8, 8), w(4, 2, 2, 2)], [ints('strides', [2, 2])]), [1, 2, 16, 16]],
    ['Gemm, transB', oneNode('Gemm', [x(2, 16), w(10, 16)], [int('transB', 1)]), [2, 10]],
    ['MatMul, batched', oneNode('MatMul', [x(2, 3, 4, 5), w(5, 6)]), [2, 3, 4, 6]],
    ['MatMul, 1-D left', oneNode('MatMul', [x(5), w(5, 6)]), [6]],
    ['Add, broadcast', oneNode('Add', [x(2, 3, 4, 5), w(3, 1, 1)]), [2, 3, 4, 5]],
    ['MaxPool 3/2 pads 1', oneNode('MaxPool', [x(1, 64, 112, 112)], [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), ints('pads', [1, 1, 1, 1])]), [1, 64, 56, 56]],
    ['MaxPool 3/2 ceil_mode', oneNode('MaxPool', [x(1, 64, 112, 112)], [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), int('ceil_mode', 1)]), [1, 64, 56, 56]],
    ['AveragePool 2/2', oneNode('AveragePool', [x(1, 4, 9, 9)], [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]), [1, 4, 4, 4]],
    ['GlobalAveragePool', oneNode('GlobalAveragePool', [x(2, 8, 7, 7)]), [2, 8, 1, 1]],
    ['Flatten', oneNode('Flatten', [x(2, 8, 2, 2)], [int('axis', 1)]), [2, 32]],
    ['Reshape [0, -1]', oneNode('Reshape', [x(2, 8, 2, 2), i64('s', 0, -1)]), [2, 32]],
    ['Concat', oneNode('Concat', [x(2, 3, 4, 4), { name: 'z', dims: [2, 5, 4, 4] }], [int('axis', 1)]), [2, 8, 4, 4]],
    ['Transpose', oneNode('Transpose', [x(1, 3, 4, 5)], [ints('perm', [0, 2, 3, 1])]), [1, 4, 5, 3]],
    ['Softmax', oneNode('Softmax', [x(2, 10)]), [2, 10]],
    ['HardSwish', oneNode('HardSwish', [x(2, 10)], [], 14), [2, 10]],
    ['Squeeze, opset 13 axes input', oneNode('Squeeze', [x(2, 1, 5), i64('a', 1)]), [2, 5]],
    ['Unsqueeze, opset 11 attribute', oneNode('Unsqueeze', [x(2, 5)], [ints('axes', [0, 3])], 11), [1, 2, 5, 1]],
    ['Pad, opset 11 input', oneNode('Pad', [x(1, 3, 4, 4), i64('p', 0, 0, 1, 1, 0, 0, 1, 1)], [], 11), [1, 3, 6, 6]],
    ['Pad, opset 2 attribute', oneNode('Pad', [x(1, 3, 4, 4)], [ints('pads', [0, 0, 2, 0, 0, 0, 0, 2])], 2), [1, 3, 6, 6]],
    ['Resize, scales', oneNode('Resize', [x(1, 3, 4, 4), '', { name: 's', floats: [1, 1, 2, 2], shape: [4] }]), [1, 3, 8, 8]],
    ['Resize, sizes', oneNode('Resize', [x(1, 3, 4, 4), '', '', i64('z', 1, 3, 5, 7)]), [1, 3, 5, 7]],
    ['Upsample, opset 7 attribute', oneNode('Upsample', [x(1, 3, 4, 4)], [floats('scales', [1, 1, 2, 2])], 7), [1, 3, 8, 8]],
    ['Slice', oneNode('Slice', [x(1, 8, 10, 10), i64('st', 2), i64('en', -1), i64('ax', 2)]), [1, 8, 7, 10]],
    ['ReduceMean, keepdims 0', oneNode('ReduceMean', [x(2, 8, 4, 4)], [ints('axes', [2, 3]), int('keepdims', 0)]), [2, 8]],
    ['an unknown op', oneNode('FooBar', [x(2, 8)]), null],
    ['Conv over an unfilled symbolic size', oneNode('Conv', [x('N', 3, 'H', 32), w(8, 3, 3, 3)]), [null, 8, null, 30]],
  ])('%s', (_, bytes, expected) => {
    expect(dimsOf(bytes)).toEqual(expected);
  });

  it('fills symbolic sizes from dims', () => {
    expect(dimsOf(oneNode('Conv', [x('N', 3, 'H', 'W'), w(8, 3, 3, 3)]), new Map([['N', 4], ['H', 10], ['W', 12]]))).toEqual([4, 8, 8, 10]);
  });

  it.each([0, -3, 2.5, NaN])('a size of %d in dims counts as unknown', (size) => {
    expect(dimsOf(oneNode('Relu', [x('N', 8)]), new Map([['N', size]]))).toEqual([null, 8]);
  });

  it('prefers the file value_info shape when it resolves fully', () => {
    expect(dimsOf(oneNode('Relu', [x(2, 8)], [], 13, [2, 9]))).toEqual([2, 9]);
  });

  it('folds a Shape -> Gather -> Unsqueeze -> Concat -> Reshape chain (the branchy net flattens to [N, 16])', () => {
    const graph = decodeOnnxGraph(makeBranchyModel(), new Map([['N', 3], ['H', 16], ['W', 16]]));
    expect(graph.shapes.get('flat')).toEqual([3, 16]);
    expect(graph.shapes.get('logits')).toEqual([3, 10]);
    expect(graph.elemTypes.get('shape')).toBe(7);
  });
});

describe('graph structure', () => {
  it('sorts a file whose nodes are not in topological order', () => {
    const graph = decodeOnnxGraph(makeBranchyModel({ shuffled: true }), new Map());
    const seen = new Set(['x', ...graph.initializers.keys()]);
    for (const node of graph.nodes) {
      expect(node.inputs.filter((t) => t !== '' && !seen.has(t))).toEqual([]);
      node.outputs.forEach((o) => seen.add(o));
    }
  });

  it('refuses a cycle and a tensor with two producers, in one line', () => {
    const model = (nodes: onnxProto.onnx.INodeProto[]) => onnx.ModelProto.encode({ irVersion: 8, graph: { name: 'c', node: nodes, input: [], output: [{ name: 'b' }] } }).finish();
    expect(() => decodeOnnxGraph(model([{ name: 'p', opType: 'Relu', input: ['b'], output: ['a'] }, { name: 'q', opType: 'Relu', input: ['a'], output: ['b'] }]), new Map())).toThrow(
      "not a usable ONNX model: the graph has a cycle (node 'p' depends on its own output)",
    );
    expect(() => decodeOnnxGraph(model([{ name: 'p', opType: 'Relu', input: ['x'], output: ['b'] }, { name: 'q', opType: 'Relu', input: ['x'], output: ['b'] }]), new Map())).toThrow(
      "not a usable ONNX model: tensor 'b' is produced by two nodes",
    );
  });

  it.each([
    [1, 4],
    [10, 2],
    [7, 8],
    [9, 1],
    [22, 1],
  ])('initializer of data type %d, 3 elements: elements and bytes from its dims (sub-byte types round up)', (dataType, width) => {
    const bytes = onnx.ModelProto.encode({ irVersion: 8, graph: { name: 'i', initializer: [{ name: 'w', dims: [3], dataType, rawData: new Uint8Array(3 * width) }], output: [{ name: 'w' }] } }).finish();
    expect(decodeOnnxGraph(bytes, new Map()).initializers.get('w')).toEqual({ name: 'w', dims: [3], dataType, elements: 3, bytes: Math.ceil(dataType === 22 ? 1.5 : 3 * width) });
  });

  it('random and truncated bytes never throw anything but a one-line Error (fuzz)', () => {
    const model = makeBranchyModel();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: model.length }).map((n) => model.slice(0, n))), (bytes) => {
        try {
          decodeOnnxGraph(bytes, new Map([['N', 1]]));
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});
