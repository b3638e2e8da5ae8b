// Facts of any ONNX model at chosen sizes: parameters, weight bytes, MACs from the graph, op histogram, largest tensor, WebGPU coverage.
import { errorMessage } from '../core/error-message';
import type { OnnxInspection } from './inspect';
import { decodeOnnxGraph, type OnnxGraph, type OnnxGraphNode } from './onnx-graph';
import { attrInt, elementBytes, elementCount, isFloatType } from './onnx-tensor';
import { webGpuFallbackOps, WEBGPU_OPS_SOURCE } from './onnx-webgpu-ops';
import type { Dims } from './onnx-shapes';
import { symbolicDimsOf } from './symbolic-dims';

/** The ops whose multiply-accumulates are counted. */
export const MAC_OPS: readonly string[] = ['Conv', 'ConvTranspose', 'Gemm', 'MatMul'];

/** Most node names {@link ModelFacts.unknownMacNodes} lists. */
const MAX_LISTED = 20;

/** One activation tensor. */
export interface TensorFact {
  readonly name: string;
  readonly dims: readonly number[];
  readonly bytes: number;
}

/** What {@link modelFacts} finds; every count is computed from the graph, never measured. */
export interface ModelFacts {
  /**
   * Elements of the floating-point initializers except BatchNormalization's running mean and variance
   * and Clip's bounds (statistics and constants, not trained): torchvision's parameter count for a CNN.
   */
  readonly parameters: number;
  /** Elements of every initializer. */
  readonly initializerElements: number;
  /** Bytes of every initializer (elements times the type's width). */
  readonly weightBytes: number;
  /** Multiply-accumulates of Conv, ConvTranspose, Gemm and MatMul at `dims` (the batch included). */
  readonly macs: number;
  /** True when some of those nodes had unknown shapes: `macs` then counts only the others (a lower bound). */
  readonly macsLowerBound: boolean;
  /** Names of those nodes (the first 20); `unknownMacNodeCount` says how many there were. */
  readonly unknownMacNodes: readonly string[];
  readonly unknownMacNodeCount: number;
  /** The sizes the MACs and tensors were computed at (symbolic name -> size), sorted by name. */
  readonly dims: readonly (readonly [string, number])[];
  /** Graph inputs with their dims at `dims` (null: unknown). */
  readonly inputs: readonly { readonly name: string; readonly dims: Dims | null }[];
  readonly nodeCount: number;
  /** 'domain:Op' (ai.onnx for the default domain) -> nodes, most used first. */
  readonly opHistogram: readonly { readonly op: string; readonly count: number }[];
  /** The largest tensor a node produces (or a graph input), among those with known dims; null if none is known. */
  readonly largestTensor: TensorFact | null;
  /** Opset per domain ('ai.onnx' for the default one). */
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly irVersion: number;
  readonly producer: string;
  /** The ops onnxruntime-web's WebGPU EP has no kernel for: ORT runs their nodes on the CPU. */
  readonly webGpuCoverage: { readonly source: string; readonly cpuOps: readonly string[]; readonly cpuNodeCount: number };
}

const product = (dims: Dims | null | undefined): number | null => {
  if (!dims || dims.some((d) => d === null)) return null;
  return elementCount(dims as number[]);
};

/** Multiply-accumulates of one node at the graph's dims: 0 for ops not counted, null when a needed dim is unknown. */
export function nodeMacs(graph: OnnxGraph, node: OnnxGraphNode): number | null {
  if (node.domain !== '' || !MAC_OPS.includes(node.opType)) return 0;
  const shape = (i: number): Dims | null => graph.shapes.get(node.inputs[i] ?? '') ?? null;
  const out = graph.shapes.get(node.outputs[0] ?? '') ?? null;
  const x = shape(0);
  const w = shape(1);
  switch (node.opType) {
    case 'Conv': {
      // Every output element takes (C_in / group) * kernel area MACs; W is [M, C_in / group, k...].
      const perOutput = product(w?.slice(1));
      const outputs = product(out);
      return perOutput === null || outputs === null ? null : perOutput * outputs;
    }
    case 'ConvTranspose': {
      // Every input element scatters into (M / group) * kernel area outputs; W is [C_in, M / group, k...].
      const perInput = product(w?.slice(1));
      const inputs = product(x);
      return perInput === null || inputs === null ? null : perInput * inputs;
    }
    case 'Gemm':
    case 'MatMul': {
      const transA = node.opType === 'Gemm' && attrInt(node.attrs, 'transA', 0) !== 0;
      const k = x && x.length > 0 ? (transA ? x[0] : x[x.length - 1]) : null;
      const outputs = product(out);
      return k === null || k === undefined || outputs === null ? null : k * outputs;
    }
    default:
      return 0;
  }
}

function parameterCount(graph: OnnxGraph): number {
  const statistics = new Set<string>();
  for (const node of graph.nodes) {
    if (node.opType === 'BatchNormalization') node.inputs.slice(3, 5).forEach((t) => statistics.add(t));
    if (node.opType === 'Clip') node.inputs.slice(1).forEach((t) => statistics.add(t));
  }
  let count = 0;
  for (const t of graph.initializers.values()) if (isFloatType(t.dataType) && !statistics.has(t.name)) count += t.elements;
  return count;
}

function largestTensor(graph: OnnxGraph): TensorFact | null {
  let best: TensorFact | null = null;
  const names = [...graph.inputs.map((i) => i.name), ...graph.nodes.flatMap((n) => n.outputs)];
  for (const name of names) {
    const dims = graph.shapes.get(name);
    const elements = product(dims);
    if (elements === null || !dims) continue;
    const bytes = elementBytes(graph.elemTypes.get(name) ?? 1, elements);
    if (best === null || bytes > best.bytes) best = { name, dims: dims as number[], bytes };
  }
  return best;
}

/** The facts of a decoded graph at its dims (see {@link modelFacts}). */
export function graphFacts(graph: OnnxGraph, dims: ReadonlyMap<string, number>): ModelFacts {
  let macs = 0;
  const unknown: string[] = [];
  const histogram = new Map<string, number>();
  for (const node of graph.nodes) {
    const m = nodeMacs(graph, node);
    if (m === null) unknown.push(node.name);
    else macs += m;
    const key = `${node.domain || 'ai.onnx'}:${node.opType}`;
    histogram.set(key, (histogram.get(key) ?? 0) + 1);
  }
  let initializerElements = 0;
  let weightBytes = 0;
  for (const t of graph.initializers.values()) {
    initializerElements += t.elements;
    weightBytes += t.bytes;
  }
  const cpuOps = webGpuFallbackOps(graph.nodes, graph.opsets);
  const cpuKeys = new Set(cpuOps);
  const cpuNodeCount = graph.nodes.filter((n) => cpuKeys.has(n.domain === '' ? n.opType : `${n.domain}:${n.opType}`)).length;
  return {
    parameters: parameterCount(graph),
    initializerElements,
    weightBytes,
    macs,
    macsLowerBound: unknown.length > 0,
    unknownMacNodes: unknown.slice(0, MAX_LISTED),
    unknownMacNodeCount: unknown.length,
    dims: [...dims.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    inputs: graph.inputs.map((i) => ({ name: i.name, dims: graph.shapes.get(i.name) ?? null })),
    nodeCount: graph.nodes.length,
    opHistogram: [...histogram.entries()].map(([op, count]) => ({ op, count })).sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : 1)),
    largestTensor: largestTensor(graph),
    opsets: [...graph.opsets.entries()].map(([domain, version]) => ({ domain: domain || 'ai.onnx', version })),
    irVersion: graph.irVersion,
    producer: graph.producer,
    webGpuCoverage: { source: WEBGPU_OPS_SOURCE, cpuOps, cpuNodeCount },
  };
}

/**
 * Facts of any ONNX model at the sizes `dims` gives (symbolic name -> size, the batch included; a symbolic
 * size left out stays unknown and the MACs of the nodes it reaches are left out, flagged by
 * `macsLowerBound`). Throws a one-line Error when the bytes are not an ONNX model or the graph has a cycle.
 */
export function modelFacts(bytes: Uint8Array, dims: ReadonlyMap<string, number>): ModelFacts {
  return graphFacts(decodeOnnxGraph(bytes, dims), dims);
}

/**
 * Facts of a user's file as the picker shows them: at batch 1 for its batch axes and the default size of
 * every other symbolic dim (zoo/symbolic-dims.ts: its metadata, 224 for a spatial dim, else 1). Never
 * throws: bytes the graph reader refuses give `error`, one line.
 */
export function factsAtDefaultSizes(bytes: Uint8Array, inspection: OnnxInspection): { readonly facts: ModelFacts | null; readonly error: string | null } {
  const dims = new Map<string, number>();
  for (const dim of symbolicDimsOf(inspection)) dims.set(dim.name, dim.size);
  for (const name of inspection.batchDimNames) dims.set(name, 1);
  try {
    return { facts: modelFacts(bytes, dims), error: null };
  } catch (error) {
    return { facts: null, error: errorMessage(error) };
  }
}
