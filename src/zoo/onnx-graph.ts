// Decodes ONNX bytes into a general graph view: nodes in topological order, initializers with sizes, inferred shapes.
import onnxProto from 'onnx-proto';
import { errorMessage } from '../core/error-message';
import { elementBytes, elementCount, tensorValues, toNum, type Attributes } from './onnx-tensor';
import { inferNode, type Dims } from './onnx-shapes';

const { onnx } = onnxProto;

/** One node of the graph, at its position in topological order. */
export interface OnnxGraphNode {
  /** Position in {@link OnnxGraph.nodes} (topological order). */
  readonly index: number;
  /** The node's name, or `#<position in the file>` when it has none. */
  readonly name: string;
  readonly opType: string;
  /** '' for the default ONNX domain. */
  readonly domain: string;
  /** Tensor names read; '' marks an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: Attributes;
  /** The decoded node, for re-encoding. */
  readonly proto: onnxProto.onnx.NodeProto;
}

/** An initializer (a weight or a constant) and its size. */
export interface OnnxInitializer {
  readonly name: string;
  readonly dims: readonly number[];
  /** ONNX TensorProto.DataType. */
  readonly dataType: number;
  readonly elements: number;
  /** elements times the type's width (sub-byte types round up); 0 for strings. */
  readonly bytes: number;
}

/** A graph input as the file declares it: fixed sizes, symbolic names, or unknown (null). */
export interface OnnxGraphInput {
  readonly name: string;
  /** ONNX TensorProto.DataType, 0 when not a tensor. */
  readonly elemType: number;
  /** null when the file gives no shape. */
  readonly dims: readonly (number | string | null)[] | null;
}

/** The decoded graph with every tensor's dims at the caller's sizes. */
export interface OnnxGraph {
  readonly model: onnxProto.onnx.ModelProto;
  readonly nodes: readonly OnnxGraphNode[];
  readonly initializers: ReadonlyMap<string, OnnxInitializer>;
  /** Graph inputs that are not initializers. */
  readonly inputs: readonly OnnxGraphInput[];
  readonly outputs: readonly string[];
  /** Dims of every tensor known so far (inputs, initializers, node outputs); null: rank unknown. */
  readonly shapes: ReadonlyMap<string, Dims | null>;
  /** ONNX element type of every tensor whose type is known. */
  readonly elemTypes: ReadonlyMap<string, number>;
  /** Opset version per domain ('' is the default domain). */
  readonly opsets: ReadonlyMap<string, number>;
  readonly irVersion: number;
  readonly producer: string;
}

const OUTPUT_TYPES: Readonly<Record<string, number>> = { Shape: 7, ArgMax: 7, ArgMin: 7, NonZero: 7, Equal: 9, Less: 9, Greater: 9, LessOrEqual: 9, GreaterOrEqual: 9, Not: 9, And: 9, Or: 9, Xor: 9, IsNaN: 9, IsInf: 9 };

function fail(reason: string): never {
  throw new Error(`not a usable ONNX model: ${reason}`);
}

/** Orders nodes so that every tensor is produced before it is read (file order kept where it already is); refuses cycles. */
function topoOrder(nodes: readonly onnxProto.onnx.NodeProto[]): number[] {
  const producer = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const out of node.output) {
      if (out === '') continue;
      if (producer.has(out)) fail(`tensor '${out.slice(0, 80)}' is produced by two nodes`);
      producer.set(out, i);
    }
  });
  const waiting = nodes.map((node) => new Set(node.input.filter((t) => producer.has(t)).map((t) => producer.get(t) as number)).size);
  const readers = new Map<number, number[]>();
  nodes.forEach((node, i) => {
    for (const p of new Set(node.input.filter((t) => producer.has(t)).map((t) => producer.get(t) as number))) {
      const list = readers.get(p) ?? [];
      list.push(i);
      readers.set(p, list);
    }
  });
  // Kahn's algorithm taking the lowest file position first (a binary heap), so a sorted file keeps its order.
  const heap: number[] = [];
  const push = (v: number): void => {
    heap.push(v);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as number) <= v) break;
      heap[i] = heap[parent] as number;
      heap[parent] = v;
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && (heap[l] as number) < (heap[m] as number)) m = l;
        if (r < heap.length && (heap[r] as number) < (heap[m] as number)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
        i = m;
      }
    }
    return top;
  };
  waiting.forEach((w, i) => (w === 0 ? push(i) : undefined));
  const order: number[] = [];
  while (heap.length > 0) {
    const i = pop();
    order.push(i);
    for (const r of readers.get(i) ?? []) if (--(waiting[r] as number) === 0) push(r);
  }
  if (order.length < nodes.length) {
    const stuck = nodes.findIndex((_, i) => (waiting[i] as number) > 0);
    fail(`the graph has a cycle (node '${(nodes[stuck]?.name || `#${String(stuck)}`).slice(0, 80)}' depends on its own output)`);
  }
  return order;
}

function valueInfoDims(v: onnxProto.onnx.IValueInfoProto): (number | string | null)[] | null {
  const shape = v.type?.tensorType?.shape;
  if (!shape) return null;
  return (shape.dim ?? []).map((d) => {
    const fixed = toNum(d.dimValue as Parameters<typeof toNum>[0]);
    if (fixed != null && fixed > 0) return fixed;
    return d.dimParam ? d.dimParam : null;
  });
}

/** Declared dims with symbolic names filled from `dims`; unfilled ones (or sizes that are not integers >= 1) stay null. */
function fillDims(declared: readonly (number | string | null)[], dims: ReadonlyMap<string, number>): Dims {
  return declared.map((d) => {
    const size = typeof d === 'string' ? dims.get(d) : d;
    return size !== undefined && size !== null && Number.isSafeInteger(size) && size >= 1 ? size : null;
  });
}

/** Decodes protobuf bytes into a ModelProto; one-line Error when they are not one. */
export function decodeModel(bytes: Uint8Array): onnxProto.onnx.ModelProto {
  if (bytes.length === 0) fail('the file is empty');
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return fail(`protobuf decoding failed (${errorMessage(error).slice(0, 200)})`);
  }
  if (!toNum(model.irVersion as Parameters<typeof toNum>[0]) || !model.graph) fail('no IR version or no graph');
  return model;
}

/**
 * Decodes ONNX bytes into an {@link OnnxGraph}: nodes sorted topologically, initializer sizes, and every
 * tensor's dims at the sizes `dims` gives (symbolic name -> size, the batch included). The file's
 * value_info shapes are preferred where they resolve fully; unknown dims stay null. Throws a one-line
 * Error when the bytes are not an ONNX model, a tensor has two producers, or the graph has a cycle.
 */
export function decodeOnnxGraph(bytes: Uint8Array, dims: ReadonlyMap<string, number>): OnnxGraph {
  return onnxGraphOf(decodeModel(bytes), dims);
}

/** {@link decodeOnnxGraph} on an already decoded model (to infer shapes again at other sizes without decoding twice). */
export function onnxGraphOf(model: onnxProto.onnx.ModelProto, dims: ReadonlyMap<string, number>): OnnxGraph {
  if (!model.graph) fail('no graph');
  const g = model.graph as onnxProto.onnx.GraphProto;
  // Decoded messages hold decoded children (protobufjs), though the generated types say I*.
  type P = typeof onnxProto.onnx;
  const gInit = g.initializer as InstanceType<P['TensorProto']>[];
  const gNodes = g.node as InstanceType<P['NodeProto']>[];
  const gInputs = g.input as InstanceType<P['ValueInfoProto']>[];
  const gInfo = [...g.valueInfo, ...g.output] as InstanceType<P['ValueInfoProto']>[];
  const initializers = new Map<string, OnnxInitializer>();
  const shapes = new Map<string, Dims | null>();
  const values = new Map<string, readonly number[] | null>();
  const elemTypes = new Map<string, number>();
  for (const t of gInit) {
    const tDims = t.dims.map((d) => toNum(d) ?? -1);
    const elements = elementCount(tDims) ?? 0;
    initializers.set(t.name, { name: t.name, dims: tDims, dataType: t.dataType, elements, bytes: elementBytes(t.dataType, elements) });
    shapes.set(t.name, tDims);
    values.set(t.name, tensorValues(t));
    elemTypes.set(t.name, t.dataType);
  }
  const inputs = gInputs.filter((v) => !initializers.has(v.name)).map((v): OnnxGraphInput => {
    const declared = valueInfoDims(v);
    shapes.set(v.name, declared ? fillDims(declared, dims) : null);
    const elemType = v.type?.tensorType?.elemType ?? 0;
    elemTypes.set(v.name, elemType);
    return { name: v.name, elemType, dims: declared };
  });
  const declaredShapes = new Map<string, Dims>();
  for (const v of gInfo) {
    const declared = valueInfoDims(v);
    if (declared) declaredShapes.set(v.name, fillDims(declared, dims));
    const type = v.type?.tensorType?.elemType;
    if (type) elemTypes.set(v.name, type);
  }
  const order = topoOrder(gNodes);
  const nodes = order.map((fileIndex, index): OnnxGraphNode => {
    const proto = gNodes[fileIndex] as onnxProto.onnx.NodeProto;
    const attrs = new Map((proto.attribute as onnxProto.onnx.AttributeProto[]).map((a) => [a.name, a]));
    return { index, name: proto.name || `#${String(fileIndex)}`, opType: proto.opType, domain: proto.domain === 'ai.onnx' ? '' : proto.domain, inputs: proto.input, outputs: proto.output, attrs, proto };
  });
  const look = { shape: (name: string) => shapes.get(name) ?? null, values: (name: string) => values.get(name) ?? null };
  for (const node of nodes) {
    let inferred: ReturnType<typeof inferNode>;
    try {
      inferred = inferNode(node, look);
    } catch {
      inferred = { shapes: [], values: [] };
    }
    node.outputs.forEach((out, i) => {
      if (out === '') return;
      const guess = inferred.shapes[i] ?? null;
      const declared = declaredShapes.get(out);
      const clean = guess?.map((d) => (d !== null && Number.isSafeInteger(d) && d >= 0 ? d : null)) ?? null;
      // The file's own shape wins when it resolves fully; otherwise it fills what inference left unknown.
      const best = declared && (declared.every((d) => d !== null) || !clean || clean.length !== declared.length) ? declared : clean?.map((d, k) => d ?? declared?.[k] ?? null) ?? null;
      shapes.set(out, best);
      values.set(out, inferred.values[i] ?? null);
      if (!elemTypes.has(out)) {
        const fromAttr = node.opType === 'Cast' ? toNum(node.attrs.get('to')?.i) : node.opType === 'Constant' ? (node.attrs.get('value')?.t?.dataType ?? null) : null;
        const type = fromAttr ?? OUTPUT_TYPES[node.opType] ?? elemTypes.get(node.inputs[node.opType === 'Where' ? 1 : 0] ?? '');
        if (type) elemTypes.set(out, type);
      }
    });
  }
  const opsets = new Map<string, number>();
  for (const o of model.opsetImport) opsets.set(o.domain === 'ai.onnx' || !o.domain ? '' : o.domain, toNum(o.version) ?? 0);
  return {
    model, nodes, initializers, inputs, outputs: g.output.map((v) => v.name ?? ''), shapes, elemTypes, opsets,
    irVersion: toNum(model.irVersion) ?? 0,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
  };
}
