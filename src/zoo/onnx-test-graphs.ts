// A hand-made branchy ONNX net (not from the zoo) for tests of the general graph view and partitioner; the app never imports this.
import onnxProto from 'onnx-proto';
import { createRng } from '../core/rng';

const { onnx } = onnxProto;
const A = onnx.AttributeProto.AttributeType;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

type Node = onnxProto.onnx.INodeProto;
type Tensor = onnxProto.onnx.ITensorProto;

const ints = (name: string, v: number[]) => ({ name, type: A.INTS, ints: v });
const int = (name: string, v: number) => ({ name, type: A.INT, i: v });

/** Options of {@link makeBranchyModel}. */
export interface BranchyOptions {
  /** Shuffle the node list (a valid file need not be sorted); default false. */
  readonly shuffled?: boolean;
  /** Seed of the weights; default 1. */
  readonly seed?: number;
  /** A second graph input 'g' [N, 8, 1, 1] multiplied into the stem output (a two-input graph); default false. */
  readonly gate?: boolean;
}

/**
 * A small CNN with what exported vision models have: input 'x' [N, 3, H, W] (all three symbolic),
 * a stem conv, a residual block (skip connection into an Add), a max pool, two branches joined by a
 * Concat, a SAME_UPPER strided conv with a Clip (ReLU6 with initializer bounds), a global average pool,
 * a PyTorch-style flatten (Shape -> Gather -> Unsqueeze -> Concat -> Reshape, Constant nodes included)
 * and a Gemm head: output 'logits' [N, 10]. Opset 13, seeded weights, so the bytes are deterministic.
 */
export function makeBranchyModel(options: BranchyOptions = {}): Uint8Array {
  const rng = createRng(options.seed ?? 1);
  const initializer: Tensor[] = [];
  const weight = (name: string, dims: number[], scale: number, offset = 0): string => {
    const n = dims.reduce((p, d) => p * d, 1);
    initializer.push({ name, dims, dataType: FLOAT, floatData: Array.from({ length: n }, () => offset + (rng.next() * 2 - 1) * scale) });
    return name;
  };
  const conv = (name: string, x: string, cin: number, cout: number, k: number, extra: onnxProto.onnx.IAttributeProto[] = [], bias = true): Node => {
    const inputs = [x, weight(`${name}.w`, [cout, cin, k, k], 1 / Math.sqrt(cin * k * k))];
    if (bias) inputs.push(weight(`${name}.b`, [cout], 0.1));
    const pads = extra.some((a) => a.name === 'auto_pad') ? [] : [ints('pads', Array(4).fill((k - 1) / 2) as number[])];
    return { name, opType: 'Conv', input: inputs, output: [name], attribute: [ints('kernel_shape', [k, k]), ...pads, ...extra] };
  };
  const bn = (name: string, x: string, c: number): Node => ({
    name, opType: 'BatchNormalization', output: [name], attribute: [{ name: 'epsilon', type: A.FLOAT, f: 1e-5 }],
    input: [x, weight(`${name}.g`, [c], 0.2, 1), weight(`${name}.b`, [c], 0.1), weight(`${name}.m`, [c], 0.1), weight(`${name}.v`, [c], 0.2, 1)],
  });
  const op = (name: string, opType: string, input: string[], attribute: onnxProto.onnx.IAttributeProto[] = []): Node => ({ name, opType, input, output: [name], attribute });
  const constant = (name: string, values: number[], dims = [values.length]): Node => ({
    name, opType: 'Constant', input: [], output: [name],
    attribute: [{ name: 'value', type: A.TENSOR, t: { dims, dataType: INT64, int64Data: values } }],
  });
  initializer.push({ name: 'relu6.min', dims: [], dataType: FLOAT, floatData: [0] }, { name: 'relu6.max', dims: [], dataType: FLOAT, floatData: [6] });
  const stem = options.gate ? 'stem.gated' : 'stem.relu';
  const nodes: Node[] = [
    conv('stem', 'x', 3, 8, 3),
    op('stem.relu', 'Relu', ['stem']),
    ...(options.gate ? [op('stem.gated', 'Mul', ['stem.relu', 'g'])] : []),
    conv('res.conv1', stem, 8, 8, 3, [], false),
    bn('res.bn1', 'res.conv1', 8),
    op('res.relu1', 'Relu', ['res.bn1']),
    conv('res.conv2', 'res.relu1', 8, 8, 3, [], false),
    bn('res.bn2', 'res.conv2', 8),
    op('res.add', 'Add', [stem, 'res.bn2']),
    op('res.relu', 'Relu', ['res.add']),
    op('pool', 'MaxPool', ['res.relu'], [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
    conv('branch.a', 'pool', 8, 4, 1),
    op('branch.a.relu', 'Relu', ['branch.a']),
    conv('branch.b', 'pool', 8, 4, 3),
    op('branch.b.sigmoid', 'Sigmoid', ['branch.b']),
    op('cat', 'Concat', ['branch.a.relu', 'branch.b.sigmoid'], [int('axis', 1)]),
    conv('down', 'cat', 8, 16, 3, [ints('strides', [2, 2]), { name: 'auto_pad', type: A.STRING, s: new TextEncoder().encode('SAME_UPPER') }]),
    op('down.relu6', 'Clip', ['down', 'relu6.min', 'relu6.max']),
    op('gap', 'GlobalAveragePool', ['down.relu6']),
    op('shape', 'Shape', ['gap']),
    constant('first', [0], []),
    op('batch', 'Gather', ['shape', 'first'], [int('axis', 0)]),
    constant('zero', [0]),
    op('batch.1d', 'Unsqueeze', ['batch', 'zero']),
    constant('minus1', [-1]),
    op('flat.shape', 'Concat', ['batch.1d', 'minus1'], [int('axis', 0)]),
    op('flat', 'Reshape', ['gap', 'flat.shape']),
    { name: 'head', opType: 'Gemm', input: ['flat', weight('head.w', [10, 16], 0.25), weight('head.b', [10], 0.1)], output: ['logits'], attribute: [int('transB', 1)] },
  ];
  if (options.shuffled) nodes.reverse();
  const dim = (d: number | string) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 8,
    producerName: 'tenancy-lab-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'branchy',
      node: nodes,
      initializer,
      input: [
        { name: 'x', type: { tensorType: { elemType: FLOAT, shape: { dim: ['N', 3, 'H', 'W'].map(dim) } } } },
        ...(options.gate ? [{ name: 'g', type: { tensorType: { elemType: FLOAT, shape: { dim: ['N', 8, 1, 1].map(dim) } } } }] : []),
      ],
      output: [{ name: 'logits', type: { tensorType: { elemType: FLOAT, shape: { dim: ['N', 10].map(dim) } } } }],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
