// Cuts any single-output ONNX graph into K standalone ONNX models at single-tensor cut points, balanced by MACs or measured time.
import onnxProto from 'onnx-proto';
import { decodeModel, onnxGraphOf, type OnnxGraph, type OnnxGraphNode } from './onnx-graph';
import { nodeMacs } from './model-facts';
import { toNum } from './onnx-tensor';
import type { Dims } from './onnx-shapes';

const { onnx } = onnxProto;

/**
 * Ops onnxruntime fuses into the Conv/Gemm/Add before them (Conv+BatchNormalization folding, the
 * FusedConv activations): a cut right before one would stop the fusion and add a tensor round trip.
 */
const FUSED_FOLLOWERS = new Set(['BatchNormalization', 'Relu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'LeakyRelu', 'Tanh', 'Elu', 'Selu', 'Softplus', 'Mish', 'Gelu']);
/** Ops with subgraphs: their bodies read outer tensors that liveness here does not see. */
const CONTROL_FLOW = new Set(['If', 'Loop', 'Scan', 'SequenceMap']);

/** One part of a partitioned model. */
export interface OnnxPart {
  /** A standalone ONNX model: the part's nodes, only the initializers they read, the file's opsets and IR version. */
  readonly bytes: Uint8Array;
  /** The (first) graph input for part 0, else the cut tensor the previous part hands on. */
  readonly inputName: string;
  /** Every input of the part: all the graph's inputs for part 0 (a cut comes only after each is read), else [inputName]. */
  readonly inputNames: readonly string[];
  /** The graph output for the last part, else the cut tensor. */
  readonly outputName: string;
  /** Multiply-accumulates of the part's Conv/ConvTranspose/Gemm/MatMul nodes at the given dims (unknown shapes count 0). */
  readonly macs: number;
}

/** What to balance the parts by. */
export type OnnxBalance =
  /** MACs of the parts (node counts when the graph has no counted MACs). */
  | 'macs'
  /**
   * Measured times, one per segment of the finest partition: blockTimesMs[s] is the time of block s
   * when the model is cut at every cut point (partitionOnnxModel with blocks = onnxCutPoints(graph).length + 1,
   * same dims), e.g. the median of a few warm runs of each block. The parts then balance the sum of
   * their segments' times.
   */
  | { readonly blockTimesMs: readonly number[] };

/** Options of {@link partitionOnnxModel}. */
export interface PartitionOnnxOptions {
  /** Symbolic name -> size (the batch included) for shape inference and MACs; a batch symbol stays symbolic in the parts. */
  readonly dims: ReadonlyMap<string, number>;
  /** Names the model in errors, e.g. 'custom:yolo@640'. */
  readonly label: string;
  /** Default 'macs'. */
  readonly balance?: OnnxBalance;
}

const isConstantNode = (n: OnnxGraphNode): boolean => n.opType === 'Constant' && n.inputs.length === 0;

/** Tensors that never need to cross a cut: initializers and Constant node outputs (each part gets its own copy). */
function constantTensors(graph: OnnxGraph): Set<string> {
  const names = new Set(graph.initializers.keys());
  for (const n of graph.nodes) if (isConstantNode(n)) n.outputs.forEach((o) => names.add(o));
  return names;
}

/**
 * Positions in topological order after which exactly one non-constant tensor is live (produced at or
 * before the node and read after it; graph outputs count as read at the end), and it is that node's
 * output; never right before a BatchNormalization or an activation (onnxruntime fuses them into the
 * Conv before them, as partition.ts explains for the zoo). A graph with control flow (If/Loop/Scan) has none.
 */
export function onnxCutPoints(graph: OnnxGraph): number[] {
  if (graph.nodes.some((n) => CONTROL_FLOW.has(n.opType))) return [];
  const constants = constantTensors(graph);
  const end = graph.nodes.length;
  const lastUse = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.inputs.forEach((t) => (t !== '' && !constants.has(t) ? lastUse.set(t, i) : undefined)));
  for (const out of graph.outputs) lastUse.set(out, end);
  let live = graph.inputs.filter((input) => lastUse.has(input.name)).length;
  const cuts: number[] = [];
  // nextWork[i]: the first node after i that is not a Constant (undefined at the end).
  const nextWork: (OnnxGraphNode | undefined)[] = [];
  for (let i = end - 1, next: OnnxGraphNode | undefined; i >= 0; i--) {
    nextWork[i] = next;
    const node = graph.nodes[i] as OnnxGraphNode;
    if (!isConstantNode(node)) next = node;
  }
  graph.nodes.forEach((n, i) => {
    let produced = 0;
    for (const out of new Set(n.outputs)) {
      if (out !== '' && !constants.has(out) && (lastUse.get(out) ?? -1) > i) {
        live++;
        produced++;
      }
    }
    for (const t of new Set(n.inputs)) if (t !== '' && lastUse.get(t) === i) live--;
    const next = nextWork[i];
    if (next !== undefined && live === 1 && produced === 1 && !FUSED_FOLLOWERS.has(next.opType)) cuts.push(i);
  });
  return cuts;
}

/**
 * Least-sum-of-squares split of `weights` (each >= 0) into `k` contiguous non-empty runs: the index after
 * each run's last weight. Exact: the cost of a run (its sum squared) satisfies the quadrangle inequality,
 * so the leftmost best split point moves right with the prefix length and divide and conquer finds it in
 * O(k m log m) (m = weights.length) instead of the O(k m^2) of the plain DP; ties go to the earlier cut.
 */
export function balancedEnds(weights: readonly number[], k: number): number[] {
  const m = weights.length;
  const prefix = new Float64Array(m + 1);
  weights.forEach((w, i) => (prefix[i + 1] = (prefix[i] as number) + w));
  const cost = Array.from({ length: k + 1 }, () => new Float64Array(m + 1).fill(Infinity));
  const from = Array.from({ length: k + 1 }, () => new Int32Array(m + 1).fill(-1));
  (cost[0] as Float64Array)[0] = 0;
  for (let b = 1; b <= k; b++) {
    const row = cost[b] as Float64Array;
    const prev = cost[b - 1] as Float64Array;
    const back = from[b] as Int32Array;
    // Fills row[lo..hi] knowing each one's best split lies in [optLo, optHi].
    const solve = (lo: number, hi: number, optLo: number, optHi: number): void => {
      if (lo > hi) return;
      const j = (lo + hi) >> 1;
      let best = Infinity;
      let at = optLo;
      for (let i = optLo; i <= Math.min(j - 1, optHi); i++) {
        const c = (prev[i] as number) + ((prefix[j] as number) - (prefix[i] as number)) ** 2;
        if (c < best) {
          best = c;
          at = i;
        }
      }
      row[j] = best;
      back[j] = at;
      solve(lo, j - 1, optLo, at);
      solve(j + 1, hi, at, optHi);
    };
    solve(b, m, b - 1, m - 1);
  }
  const ends: number[] = [];
  for (let b = k, j = m; b > 0; b--) {
    ends.unshift(j);
    j = (from[b] as Int32Array)[j] as number;
  }
  return ends;
}

type ValueInfo = onnxProto.onnx.IValueInfoProto;

/** The cut tensor's type and shape; an axis that follows a batch symbol keeps the symbol, so one session serves every batch. */
function cutValueInfo(name: string, graph: OnnxGraph, alt: OnnxGraph, batch: ReadonlyMap<string, readonly [number, number]>): ValueInfo {
  const elemType = graph.elemTypes.get(name) ?? graph.inputs[0]?.elemType ?? 1;
  const a: Dims | null = graph.shapes.get(name) ?? null;
  const b: Dims | null = alt.shapes.get(name) ?? null;
  if (!a) return { name, type: { tensorType: { elemType } } };
  const dim = a.map((d, axis): onnxProto.onnx.TensorShapeProto.IDimension => {
    const d2 = b?.[axis];
    if (d === null) return {};
    if (d === d2) return { dimValue: d };
    for (const [symbol, [v1, v2]] of batch) if (d === v1 && d2 === v2) return { dimParam: symbol };
    return { dimParam: `${name}:axis${String(axis)}` };
  });
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function refuse(label: string, reason: string): never {
  throw new Error(`scheduler.blocks: ${label} cannot be cut into layer blocks: ${reason}`);
}

/**
 * Cuts an ONNX model into `blocks` parts at its cut points ({@link onnxCutPoints}), choosing the cuts
 * whose parts' MACs (or measured times, see {@link OnnxBalance}) have the least sum of squares (exact,
 * by dynamic programming, as partition.ts does for the zoo). Each part is a standalone model; chaining
 * them (each part's output fed as the next one's input) computes what the whole model does. The cut
 * tensors keep the batch symbolic (any batch runs) but fix every other size at `dims`, so the parts
 * serve those sizes only; part 0's input is the file's own declaration.
 * `cutAfter` holds the topological positions the parts end at (all but the last).
 * A graph with several inputs is cut only after every input has been read: part 0 takes them all
 * (`inputNames`). Throws a one-line Error naming `label` when the bytes are not ONNX, the graph has no
 * input or several outputs, control flow or sparse initializers, or fewer cut points than blocks - 1
 * (saying how many).
 */
export function partitionOnnxModel(
  bytes: Uint8Array,
  blocks: number,
  options: { dims: ReadonlyMap<string, number>; label: string; balance?: OnnxBalance },
): { parts: OnnxPart[]; cutAfter: number[] } {
  const { dims, label } = options;
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error(`scheduler.blocks: expected an integer >= 1, got ${String(blocks)}`);
  const model = decodeModel(bytes);
  const graph = onnxGraphOf(model, dims);
  const g = model.graph as onnxProto.onnx.GraphProto;
  if (graph.inputs.length === 0) refuse(label, 'it has no graph inputs');
  if (graph.outputs.length !== 1) refuse(label, `it has ${String(graph.outputs.length)} graph outputs; a layer-block chain hands on one tensor from the last block`);
  const flow = graph.nodes.find((n) => CONTROL_FLOW.has(n.opType));
  if (flow) refuse(label, `it has control flow (${flow.opType} node '${flow.name.slice(0, 80)}'), whose subgraphs read tensors across any cut`);
  if (g.sparseInitializer.length > 0) refuse(label, 'it has sparse initializers');
  const nodes = graph.nodes;
  const macsOf = (n: OnnxGraphNode): number => nodeMacs(graph, n) ?? 0;
  const totalMacs = nodes.reduce((s, n) => s + macsOf(n), 0);
  const inputName = graph.inputs[0]?.name ?? '';
  const inputNames = graph.inputs.map((i) => i.name);
  const outputName = graph.outputs[0] ?? '';
  if (blocks === 1) return { parts: [{ bytes, inputName, inputNames, outputName, macs: totalMacs }], cutAfter: [] };
  const cuts = onnxCutPoints(graph);
  if (blocks > cuts.length + 1) {
    throw new Error(
      `scheduler.blocks: ${label} can be cut into at most ${String(cuts.length + 1)} layer blocks ` +
        `(it has ${String(cuts.length)} cut points where a single tensor is live); got ${String(blocks)}`,
    );
  }
  const bounds = [-1, ...cuts, nodes.length - 1];
  const segments = bounds.slice(1).map((e, s) => nodes.slice((bounds[s] as number) + 1, e + 1));
  const balance = options.balance ?? 'macs';
  let weights: number[];
  // A graph without counted MACs (no Conv/Gemm/MatMul, or none with known shapes) balances node counts instead.
  if (balance === 'macs') weights = segments.map((seg) => (totalMacs > 0 ? seg.reduce((s, n) => s + macsOf(n), 0) : seg.length));
  else {
    const times = balance.blockTimesMs;
    if (times.length !== segments.length || !times.every((t) => Number.isFinite(t) && t >= 0)) {
      throw new Error(`scheduler.blocks: balance.blockTimesMs for ${label} has ${String(times.length)} entries; expected ${String(segments.length)} finite times >= 0, one per block of its finest partition (blocks = ${String(segments.length)})`);
    }
    weights = [...times];
  }
  const cutAfter = balancedEnds(weights, blocks).slice(0, -1).map((segEnd) => bounds[segEnd] as number);
  // Infer once more with every batch symbol changed: an axis that moves with it stays symbolic in the parts.
  const batch = new Map<string, readonly [number, number]>();
  for (const input of graph.inputs) {
    const symbol = input.dims?.[0];
    const size = typeof symbol === 'string' ? dims.get(symbol) : undefined;
    if (typeof symbol === 'string' && size !== undefined) batch.set(symbol, [size, size + 7]);
  }
  const alt = batch.size > 0 ? onnxGraphOf(model, new Map([...dims, ...[...batch].map(([s, [, v]]) => [s, v] as const)])) : graph;
  const constantNodes = nodes.filter(isConstantNode);
  const inits = new Map((g.initializer as onnxProto.onnx.TensorProto[]).map((t) => [t.name, t]));
  const infos = new Map((g.valueInfo as onnxProto.onnx.ValueInfoProto[]).map((v) => [v.name, v]));
  const ends = [...cutAfter, nodes.length - 1];
  // The tensor crossing each cut: the output of the node before it that a later node reads.
  const cutNames = cutAfter.map((c) => {
    const later = new Set(nodes.slice(c + 1).flatMap((n) => n.inputs));
    return nodes[c]?.outputs.find((o) => o !== '' && later.has(o)) ?? '';
  });
  const parts = ends.map((endAt, p): OnnxPart => {
    const start = p === 0 ? 0 : (ends[p - 1] as number) + 1;
    const own = nodes.slice(start, endAt + 1).filter((n) => !isConstantNode(n));
    const reads = new Set(own.flatMap((n) => n.inputs));
    if (p === ends.length - 1) reads.add(outputName);
    const partNodes = [...constantNodes.filter((c) => c.outputs.some((o) => reads.has(o))), ...own];
    const inName = p === 0 ? inputName : (cutNames[p - 1] as string);
    const outName = p === ends.length - 1 ? outputName : (cutNames[p] as string);
    const produced = new Set(partNodes.flatMap((n) => n.outputs));
    const sub: onnxProto.onnx.IModelProto = {
      irVersion: graph.irVersion, opsetImport: model.opsetImport, producerName: model.producerName, producerVersion: model.producerVersion,
      domain: model.domain, modelVersion: toNum(model.modelVersion) ?? 0, functions: model.functions,
      graph: {
        name: `${g.name}.block${String(p)}`,
        node: partNodes.map((n) => n.proto),
        initializer: [...reads].flatMap((t) => inits.get(t) ?? []),
        input: p === 0 ? g.input.filter((v) => inputNames.includes(v.name ?? '')) : [cutValueInfo(inName, graph, alt, batch)],
        output: [p === ends.length - 1 ? (g.output[0] as ValueInfo) : cutValueInfo(outName, graph, alt, batch)],
        valueInfo: [...produced].filter((t) => t !== outName && infos.has(t)).map((t) => infos.get(t) as ValueInfo),
      },
    };
    return { bytes: onnx.ModelProto.encode(sub).finish(), inputName: inName, inputNames: p === 0 ? inputNames : [inName], outputName: outName, macs: own.reduce((s, n) => s + macsOf(n), 0) };
  });
  return { parts, cutAfter };
}
