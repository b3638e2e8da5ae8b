// Shape inference for the ops CNN exports use, one node at a time; unknown stays unknown (null), never a throw.
import { attrFloats, attrInt, attrInts, tensorValues, toNum, type Attributes } from './onnx-tensor';
import { axisOf, broadcast, convLike, convTranspose, foldBinary, known, matMul, reshape } from './onnx-shape-rules';

export { broadcast } from './onnx-shape-rules';

/** A tensor's dims: a known size, or null for an unknown one. */
export type Dims = readonly (number | null)[];

/** The node as shape inference sees it. */
export interface ShapeNode {
  readonly opType: string;
  readonly domain: string;
  readonly attrs: Attributes;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** What is known so far about the tensors a node reads. */
export interface ShapeLookup {
  /** Dims, or null when even the rank is unknown. */
  shape(name: string): Dims | null;
  /** Values of a small constant (an initializer, a Constant, a folded Shape chain), or null. */
  values(name: string): readonly number[] | null;
}

/** Per output: dims (null: unknown rank) and constant values when folded. */
export interface ShapeResult {
  readonly shapes: (Dims | null)[];
  readonly values: (readonly number[] | null)[];
}

const UNARY = new Set([
  'Relu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'LeakyRelu', 'Elu', 'Selu', 'Celu', 'Tanh', 'Softplus', 'Softsign',
  'Gelu', 'Mish', 'Erf', 'Exp', 'Log', 'Sqrt', 'Neg', 'Abs', 'Reciprocal', 'Floor', 'Ceil', 'Round', 'Sin', 'Cos', 'Not',
  'ThresholdedRelu', 'Identity', 'Dropout', 'Cast', 'CastLike', 'Softmax', 'LogSoftmax', 'BatchNormalization', 'PRelu',
  'InstanceNormalization', 'LayerNormalization', 'LpNormalization', 'LRN', 'Sign', 'IsNaN', 'IsInf', 'QuantizeLinear',
  'DequantizeLinear', 'CumSum', 'Hardmax', 'Shrink', 'Trilu',
]);
const BROADCAST = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'Where', 'Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor', 'Mod', 'BitShift']);
const POOLS = new Set(['MaxPool', 'AveragePool', 'LpPool']);
const REDUCES = new Set(['ReduceMean', 'ReduceSum', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSum', 'ReduceLogSumExp', 'ReduceSumSquare', 'ArgMax', 'ArgMin']);

/** Axes from the opset-13 input form or the older attribute form. */
function axesOf(n: ShapeNode, look: ShapeLookup, inputIndex: number): readonly number[] | null {
  const name = n.inputs[inputIndex];
  if (name) return look.values(name);
  return attrInts(n.attrs, 'axes');
}

function constantNode(attrs: Attributes): ShapeResult {
  const t = attrs.get('value')?.t as Parameters<typeof tensorValues>[0] | null | undefined;
  if (t) return { shapes: [t.dims.map((d) => toNum(d))], values: [tensorValues(t)] };
  const ints = attrInts(attrs, 'value_ints') ?? attrFloats(attrs, 'value_floats');
  if (ints) return { shapes: [[ints.length]], values: [ints] };
  const one = attrs.get('value_int') ?? attrs.get('value_float');
  if (one) return { shapes: [[]], values: [[attrs.has('value_int') ? (toNum(one.i) ?? 0) : one.f]] };
  return { shapes: [null], values: [null] };
}

function single(shape: Dims | null, values: readonly number[] | null = null): ShapeResult {
  return { shapes: [shape], values: [values] };
}

/** Infers the output dims (and folds small constant values) of one node; unknown is null. */
export function inferNode(n: ShapeNode, look: ShapeLookup): ShapeResult {
  const x = n.inputs[0] ? look.shape(n.inputs[0]) : null;
  const xv = n.inputs[0] ? look.values(n.inputs[0]) : null;
  const input = (i: number): Dims | null => (n.inputs[i] ? look.shape(n.inputs[i]) : null);
  const value = (i: number): readonly number[] | null => (n.inputs[i] ? look.values(n.inputs[i]) : null);
  const rank = x?.length ?? 0;
  if (n.domain !== '' && n.domain !== 'ai.onnx') return { shapes: n.outputs.map(() => null), values: [] };
  if (UNARY.has(n.opType)) return single(x, n.opType === 'Identity' || n.opType === 'Cast' ? xv : null);
  if (BROADCAST.has(n.opType)) {
    const shapes = n.inputs.map((_, i) => input(i));
    return single(broadcast(shapes), n.inputs.length === 2 ? foldBinary(n.opType, xv, value(1)) : null);
  }
  switch (n.opType) {
    case 'Constant':
      return constantNode(n.attrs);
    case 'Conv': {
      const w = input(1);
      if (!x || !w) return single(null);
      return single(convLike(n, x, attrInts(n.attrs, 'kernel_shape') ?? w.slice(2), w[0] ?? null, false));
    }
    case 'ConvTranspose': {
      const w = input(1);
      return single(x && w ? convTranspose(n, x, w) : null);
    }
    case 'Gemm': {
      const b = input(1);
      if (!x || !b || x.length !== 2 || b.length !== 2) return single(null);
      const m = attrInt(n.attrs, 'transA', 0) ? x[1] : x[0];
      const nOut = attrInt(n.attrs, 'transB', 0) ? b[0] : b[1];
      return single([m ?? null, nOut ?? null]);
    }
    case 'MatMul': {
      const b = input(1);
      return single(x && b ? matMul(x, b) : null);
    }
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
      return single(x ? x.map((d, i) => (i < 2 ? d : 1)) : null);
    case 'Flatten': {
      if (!x) return single(null);
      const axis = axisOf(attrInt(n.attrs, 'axis', 1), rank);
      const prod = (ds: Dims): number | null => ds.reduce<number | null>((p, d) => (p !== null && known(d) ? p * d : null), 1);
      return single([prod(x.slice(0, axis)), prod(x.slice(axis))]);
    }
    case 'Reshape': {
      const target = value(1) ?? attrInts(n.attrs, 'shape');
      return single(target ? reshape(x, target, attrInt(n.attrs, 'allowzero', 0) === 1) : null, xv);
    }
    case 'Concat': {
      const shapes = n.inputs.map((_, i) => input(i));
      if (shapes.some((s) => s === null) || shapes.length === 0) return single(null);
      const axis = axisOf(attrInt(n.attrs, 'axis', 0), rank);
      const out = (shapes[0] as Dims).map((d, i) => (i === axis ? shapes.reduce<number | null>((s, t) => (s !== null && known(t?.[i]) ? s + (t?.[i]) : null), 0) : d));
      const values = n.inputs.map((_, i) => value(i));
      return single(out, rank === 1 && values.every((v) => v !== null) ? values.flatMap((v) => v ?? []) : null);
    }
    case 'Transpose': {
      if (!x) return single(null);
      const perm = attrInts(n.attrs, 'perm') ?? x.map((_, i) => rank - 1 - i);
      return single(perm.map((p) => x[p] ?? null));
    }
    case 'Squeeze':
    case 'Unsqueeze': {
      if (!x) return single(null);
      const axes = axesOf(n, look, 1);
      if (n.opType === 'Squeeze') {
        const drop = axes ? axes.map((a) => axisOf(a, rank)) : x.flatMap((d, i) => (d === 1 ? [i] : []));
        return single(x.filter((_, i) => !drop.includes(i)), xv);
      }
      if (!axes) return single(null);
      const outRank = rank + axes.length;
      const at = new Set(axes.map((a) => axisOf(a, outRank)));
      const out: (number | null)[] = [];
      let next = 0;
      for (let i = 0; i < outRank; i++) out.push(at.has(i) ? 1 : (x[next++] ?? null));
      return single(out, xv);
    }
    case 'Shape': {
      if (!x) return single(null);
      const start = axisOf(attrInt(n.attrs, 'start', 0), rank);
      const end = n.attrs.has('end') ? axisOf(attrInt(n.attrs, 'end', rank), rank) : rank;
      const dims = x.slice(Math.max(0, start), Math.min(rank, end));
      return single([dims.length], dims.every(known) ? (dims) : null);
    }
    case 'Gather': {
      const idx = input(1);
      if (!x || !idx) return single(null);
      const axis = axisOf(attrInt(n.attrs, 'axis', 0), rank);
      const iv = value(1);
      const folded = rank === 1 && xv && iv ? iv.map((i) => xv[i < 0 ? i + xv.length : i] ?? NaN) : null;
      return single([...x.slice(0, axis), ...idx, ...x.slice(axis + 1)], folded && folded.every(Number.isFinite) ? folded : null);
    }
    case 'Pad': {
      if (!x) return single(null);
      const pads = n.inputs[1] ? value(1) : attrInts(n.attrs, 'pads');
      const axes = n.inputs[3] ? value(3) : x.map((_, i) => i);
      if (!pads || !axes) return single(x.map(() => null));
      const out = [...x];
      axes.forEach((a, j) => {
        const axis = axisOf(a, rank);
        const d = x[axis];
        out[axis] = known(d) ? d + (pads[j] ?? 0) + (pads[j + axes.length] ?? 0) : null;
      });
      return single(out);
    }
    case 'Resize':
    case 'Upsample': {
      if (!x) return single(null);
      const sizes = n.opType === 'Resize' ? value(3) : null;
      if (sizes && sizes.length === rank) return single([...sizes]);
      const scales = (n.opType === 'Resize' ? value(n.inputs.length >= 3 ? 2 : 1) : value(1)) ?? attrFloats(n.attrs, 'scales');
      if (!scales || scales.length !== rank) return single(x.map((d, i) => (i < 2 ? d : null)));
      return single(x.map((d, i) => (known(d) ? Math.floor(d * (scales[i] ?? 1)) : null)));
    }
    case 'Slice': {
      if (!x) return single(null);
      const starts = value(1) ?? attrInts(n.attrs, 'starts');
      const ends = value(2) ?? attrInts(n.attrs, 'ends');
      const axes = (n.inputs[3] ? value(3) : attrInts(n.attrs, 'axes')) ?? starts?.map((_, i) => i);
      const steps = n.inputs[4] ? value(4) : null;
      if (!starts || !ends || !axes || (n.inputs[4] && !steps)) return single(x.map(() => null));
      const out = [...x];
      axes.forEach((a, j) => {
        const axis = axisOf(a, rank);
        const len = x[axis];
        const step = steps?.[j] ?? 1;
        if (!known(len) || step === 0) return void (out[axis] = null);
        const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v < 0 ? v + len : v, lo), hi);
        const s = step > 0 ? clamp(starts[j] ?? 0, 0, len) : clamp(starts[j] ?? 0, -1, len - 1);
        const e = step > 0 ? clamp(ends[j] ?? len, 0, len) : clamp(ends[j] ?? -1, -1, len - 1);
        out[axis] = Math.max(0, Math.ceil((e - s) / step));
      });
      return single(out);
    }
    case 'ConstantOfShape': {
      const dims = xv;
      return single(dims ? [...dims] : null);
    }
    case 'Expand': {
      const target = value(1);
      return single(target && x ? broadcast([x, target]) : null);
    }
    case 'Tile': {
      const repeats = value(1);
      return single(x && repeats ? x.map((d, i) => (known(d) ? d * (repeats[i] ?? 1) : null)) : null);
    }
    default:
      break;
  }
  if (POOLS.has(n.opType)) {
    if (!x) return single(null);
    return { shapes: [convLike(n, x, attrInts(n.attrs, 'kernel_shape') ?? [], x[1] ?? null, true), null], values: [] };
  }
  if (REDUCES.has(n.opType)) {
    if (!x) return single(null);
    const keep = attrInt(n.attrs, 'keepdims', 1) === 1;
    const arg = n.opType.startsWith('Arg');
    const given = arg ? [attrInt(n.attrs, 'axis', 0)] : axesOf(n, look, 1);
    const axes = (given ?? x.map((_, i) => i)).map((a) => axisOf(a, rank));
    return single(x.flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d])));
  }
  return { shapes: n.outputs.map(() => null), values: [] };
}
