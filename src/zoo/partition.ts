// Cuts a model's layer IR into K contiguous layer blocks at single-tensor cut points, balancing MACs (VELTAIR's layer blocks).
import type { LayerGraph, LayerOp, TensorRef } from './layer-ir';
import { assertUnreachable } from '../core/assert';

/** One layer block: a contiguous run of ops from one live tensor to the next. */
export interface LayerBlock {
  /** 0-based position in the chain. */
  readonly index: number;
  /** The tensor the block reads: the model input for block 0, else the previous block's output. */
  readonly input: TensorRef;
  /** The tensor the block hands on: the model output (logits) for the last block. */
  readonly output: TensorRef;
  readonly ops: readonly LayerOp[];
  /** Multiply-accumulates of its conv and linear layers for one sample. */
  readonly macs: number;
}

/** MACs of one op for one sample (conv and linear only, as GraphBuilder counts them). */
export function opMacs(op: LayerOp): number {
  const input = op.inputs[0];
  switch (op.kind) {
    case 'conv':
      return op.output.channels * ((input?.channels ?? 0) / op.groups) * op.kernel[0] * op.kernel[1] * op.output.height * op.output.width;
    case 'linear':
      return (input?.channels ?? 0) * op.output.channels;
    case 'batchnorm':
    case 'activation':
    case 'maxpool':
    case 'global-avgpool':
    case 'adaptive-avgpool-flatten':
    case 'add':
    case 'scale':
    case 'concat':
    case 'flatten':
      return 0;
    default:
      return assertUnreachable(op);
  }
}

/**
 * Indices of the ops after which the graph may be cut: exactly one tensor is live there (produced at
 * or before the op and read after it), so a block hands a single tensor to the next. Never right
 * before a BatchNorm or an activation: onnxruntime fuses Conv+BatchNorm(+ReLU/Clip), and a cut there
 * would stop the fusion and add a tensor round trip. So ResNet cuts between residual blocks,
 * GoogLeNet between inception modules, MobileNetV2 and EfficientNet between inverted-residual blocks.
 */
export function cutPoints(graph: LayerGraph): number[] {
  const lastUse = new Map<string, number>();
  graph.ops.forEach((op, i) => op.inputs.forEach((t) => lastUse.set(t.name, i)));
  let live = (lastUse.get(graph.input.name) ?? -1) >= 0 ? 1 : 0;
  const cuts: number[] = [];
  graph.ops.forEach((op, i) => {
    if ((lastUse.get(op.output.name) ?? -1) > i) live++;
    for (const name of new Set(op.inputs.map((t) => t.name))) if (lastUse.get(name) === i) live--;
    const next = graph.ops[i + 1];
    if (next !== undefined && live === 1 && next.kind !== 'batchnorm' && next.kind !== 'activation') cuts.push(i);
  });
  return cuts;
}

/** The most layer blocks `graph` can be cut into: its cut points + 1. */
export function maxBlocks(graph: LayerGraph): number {
  return cutPoints(graph).length + 1;
}

/**
 * Cuts `graph` into `blocks` layer blocks at its cut points ({@link cutPoints}), choosing the cuts
 * whose blocks' MACs have the least sum of squares (the most even split the cut points allow; exact,
 * by dynamic programming; ties go to the earlier cut). `label` (e.g. 'resnet18@224') names the model
 * in the error thrown when it has too few cut points.
 */
export function partitionGraph(graph: LayerGraph, blocks: number, label: string): LayerBlock[] {
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error(`scheduler.blocks: expected an integer >= 1, got ${String(blocks)}`);
  const cuts = cutPoints(graph);
  if (blocks > cuts.length + 1) {
    throw new Error(
      `scheduler.blocks: ${label} can be cut into at most ${String(cuts.length + 1)} layer blocks ` +
        `(it has ${String(cuts.length)} cut points where a single tensor is live); got ${String(blocks)}`,
    );
  }
  const n = graph.ops.length;
  // Block boundaries are op indices a block ends at; -1 is "before the first op".
  const ends = [-1, ...cuts, n - 1];
  const prefix = new Float64Array(n + 1);
  graph.ops.forEach((op, i) => (prefix[i + 1] = (prefix[i] as number) + opMacs(op)));
  const macsBetween = (a: number, b: number): number => (prefix[(ends[b] as number) + 1] as number) - (prefix[(ends[a] as number) + 1] as number);
  const m = ends.length;
  // cost[k][j]: least sum of squared block MACs covering ops up to ends[j] with k blocks; from[k][j]: the previous end.
  const cost = Array.from({ length: blocks + 1 }, () => new Float64Array(m).fill(Infinity));
  const from = Array.from({ length: blocks + 1 }, () => new Int32Array(m).fill(-1));
  (cost[0] as Float64Array)[0] = 0;
  for (let k = 1; k <= blocks; k++) {
    const row = cost[k] as Float64Array;
    const prev = cost[k - 1] as Float64Array;
    for (let j = k; j < m; j++) {
      for (let i = k - 1; i < j; i++) {
        const c = (prev[i] as number) + macsBetween(i, j) ** 2;
        if (c < (row[j] as number)) {
          row[j] = c;
          (from[k] as Int32Array)[j] = i;
        }
      }
    }
  }
  const chosen: number[] = [];
  for (let k = blocks, j = m - 1; k > 0; k--) {
    chosen.unshift(j);
    j = (from[k] as Int32Array)[j] as number;
  }
  const tensorAfter = (end: number): TensorRef => (end < 0 ? graph.input : (graph.ops[end] as LayerOp).output);
  let start = -1;
  return chosen.map((j, index) => {
    const end = ends[j] as number;
    const ops = graph.ops.slice(start + 1, end + 1);
    const block = { index, input: tensorAfter(start), output: index === blocks - 1 ? graph.output : tensorAfter(end), ops, macs: ops.reduce((s, op) => s + opMacs(op), 0) };
    start = end;
    return block;
  });
}
