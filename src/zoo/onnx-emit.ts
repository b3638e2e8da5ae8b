// Emits a layer graph and its weights as ONNX ModelProto bytes (opset 13, IR version 8).
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import type { LayerGraph, LayerOp, TensorRef } from './layer-ir';
import type { WeightMap } from './weights';
import type { ModelDtype } from './model-ids';
import { float32ArrayToFloat16 } from './float16';
import { adaptivePoolMatrix } from './adaptive-pool';
import { assertUnreachable, invariant } from '../core/assert';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;
const AttrType = onnx.AttributeProto.AttributeType;

/** The ONNX operator set the zoo targets. */
export const ZOO_OPSET = 13;
const IR_VERSION = 8;
const RELU6_MIN = 'relu6.min';
const RELU6_MAX = 'relu6.max';

/** What to emit besides the graph itself. */
export interface EmitOptions {
  readonly graphName: string;
  readonly dtype: ModelDtype;
  readonly inputName: string;
  readonly outputName: string;
  /** Layer names whose outputs become extra graph outputs (for depth-wise range tests). */
  readonly extraOutputs?: readonly string[];
}

type Attr = OnnxTypes.IAttributeProto;
const ints = (name: string, values: readonly number[]): Attr => ({ name, type: AttrType.INTS, ints: [...values] });
const int = (name: string, i: number): Attr => ({ name, type: AttrType.INT, i });
const float = (name: string, f: number): Attr => ({ name, type: AttrType.FLOAT, f });

function floatTensor(name: string, dims: readonly number[], data: Float32Array, dtype: ModelDtype): OnnxTypes.ITensorProto {
  const raw = dtype === 'fp16' ? float32ArrayToFloat16(data) : data;
  return {
    name,
    dims: [...dims],
    dataType: dtype === 'fp16' ? DataType.FLOAT16 : DataType.FLOAT,
    rawData: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
  };
}

function int64Tensor(name: string, values: readonly number[]): OnnxTypes.ITensorProto {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dims: [values.length], dataType: DataType.INT64, rawData: new Uint8Array(data.buffer) };
}

/** A graph input/output shape with a symbolic batch: ['batch', C, H, W], or ['batch', features] (a layer block may hand on either). */
export function symbolicShape(t: TensorRef): (number | string)[] {
  return t.rank === 4 ? ['batch', t.channels, t.height, t.width] : ['batch', t.channels];
}

/** Serialises graph + weights; initializer bytes are copied once into the protobuf buffer. */
export function emitOnnx(graph: LayerGraph, weights: WeightMap, o: EmitOptions): Uint8Array {
  const elemType = o.dtype === 'fp16' ? DataType.FLOAT16 : DataType.FLOAT;
  const nodes: OnnxTypes.INodeProto[] = [];
  const initializers: OnnxTypes.ITensorProto[] = [];
  const tensorName = (t: TensorRef | undefined): string => {
    invariant(t !== undefined, 'missing op input');
    if (t === graph.input || t.name === graph.input.name) return o.inputName;
    return t.name === graph.output.name ? o.outputName : t.name;
  };
  const weight = (name: string, dims: readonly number[]): string => {
    const data = weights.get(name);
    invariant(data !== undefined, `no weights for ${name}`);
    initializers.push(floatTensor(name, dims, data, o.dtype));
    return name;
  };
  const node = (op: LayerOp, opType: string, inputs: string[], attribute: Attr[] = [], output = tensorName(op.output)): void => {
    nodes.push({ name: op.name, opType, input: inputs, output: [output], attribute });
  };
  if (graph.ops.some((op) => op.kind === 'activation' && op.fn === 'relu6')) {
    initializers.push(floatTensor(RELU6_MIN, [], Float32Array.of(0), o.dtype), floatTensor(RELU6_MAX, [], Float32Array.of(6), o.dtype));
  }

  for (const op of graph.ops) {
    const x = tensorName(op.inputs[0]);
    const inC = op.inputs[0]?.channels ?? 0;
    const outC = op.output.channels;
    switch (op.kind) {
      case 'conv': {
        const [kh, kw] = op.kernel;
        const inputs = [x, weight(`${op.name}.weight`, [outC, inC / op.groups, kh, kw])];
        if (op.bias) inputs.push(weight(`${op.name}.bias`, [outC]));
        node(op, 'Conv', inputs, [
          ints('kernel_shape', [kh, kw]),
          ints('strides', [op.stride, op.stride]),
          ints('pads', [op.pads[0], op.pads[1], op.pads[2], op.pads[3]]),
          ints('dilations', [1, 1]),
          int('group', op.groups),
        ]);
        break;
      }
      case 'batchnorm': {
        const roles = ['weight', 'bias', 'running_mean', 'running_var'].map((r) => weight(`${op.name}.${r}`, [outC]));
        node(op, 'BatchNormalization', [x, ...roles], [float('epsilon', op.eps)]);
        break;
      }
      case 'activation':
        switch (op.fn) {
          case 'relu':
            node(op, 'Relu', [x]);
            break;
          case 'relu6':
            node(op, 'Clip', [x, RELU6_MIN, RELU6_MAX]);
            break;
          case 'sigmoid':
            node(op, 'Sigmoid', [x]);
            break;
          case 'silu': {
            // ONNX opset 13 has no SiLU: x * sigmoid(x), as torch.onnx exports it.
            const gate = `${op.name}:sigmoid`;
            nodes.push({ name: `${op.name}.sigmoid`, opType: 'Sigmoid', input: [x], output: [gate] });
            node(op, 'Mul', [x, gate]);
            break;
          }
          default:
            assertUnreachable(op.fn);
        }
        break;
      case 'maxpool':
        node(op, 'MaxPool', [x], [
          ints('kernel_shape', [op.kernel, op.kernel]),
          ints('strides', [op.stride, op.stride]),
          ints('pads', [op.pads[0], op.pads[1], op.pads[2], op.pads[3]]),
        ]);
        break;
      case 'global-avgpool':
        node(op, 'GlobalAveragePool', [x]);
        break;
      case 'adaptive-avgpool-flatten': {
        const input = op.inputs[0];
        invariant(input !== undefined, `${op.name}: no input`);
        const area = input.height * input.width;
        const shape = `${op.name}.shape`;
        const matrix = `${op.name}.pool_matrix`;
        initializers.push(int64Tensor(shape, [0, inC, area]));
        const pool = adaptivePoolMatrix(input.height, input.width, op.outHeight, op.outWidth);
        initializers.push(floatTensor(matrix, [area, op.outHeight * op.outWidth], pool, o.dtype));
        nodes.push({ name: `${op.name}.reshape`, opType: 'Reshape', input: [x, shape], output: [`${op.name}:rows`] });
        nodes.push({ name: `${op.name}.matmul`, opType: 'MatMul', input: [`${op.name}:rows`, matrix], output: [`${op.name}:pooled`] });
        node(op, 'Flatten', [`${op.name}:pooled`], [int('axis', 1)]);
        break;
      }
      case 'add':
        node(op, 'Add', [x, tensorName(op.inputs[1])]);
        break;
      case 'scale':
        node(op, 'Mul', [x, tensorName(op.inputs[1])]);
        break;
      case 'concat':
        node(op, 'Concat', op.inputs.map(tensorName), [int('axis', 1)]);
        break;
      case 'flatten':
        node(op, 'Flatten', [x], [int('axis', 1)]);
        break;
      case 'linear': {
        const w = weight(`${op.name}.weight`, [outC, inC]);
        node(op, 'Gemm', [x, w, weight(`${op.name}.bias`, [outC])], [float('alpha', 1), float('beta', 1), int('transB', 1)]);
        break;
      }
      default:
        assertUnreachable(op);
    }
  }

  const dim = (d: number | string): OnnxTypes.TensorShapeProto.IDimension => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });
  const valueInfo = (name: string, shape?: readonly (number | string)[]): OnnxTypes.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType, ...(shape ? { shape: { dim: shape.map(dim) } } : {}) } },
  });
  const { input, output } = graph;
  const extra = (o.extraOutputs ?? []).map((layerName) => {
    const op = graph.ops.find((candidate) => candidate.name === layerName);
    invariant(op !== undefined, `extraOutputs: no layer named ${layerName}`);
    return valueInfo(tensorName(op.output));
  });
  const model: OnnxTypes.IModelProto = {
    irVersion: IR_VERSION,
    producerName: 'tenancy-lab zoo',
    opsetImport: [{ domain: '', version: ZOO_OPSET }],
    graph: {
      name: o.graphName,
      node: nodes,
      initializer: initializers,
      input: [valueInfo(o.inputName, symbolicShape(input))],
      output: [valueInfo(o.outputName, symbolicShape(output)), ...extra],
    },
  };
  return onnx.ModelProto.encode(model).finish();
}
