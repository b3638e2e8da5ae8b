// Public API of the model zoo: describe (cheap) or build (ONNX bytes) a generated CNN.
import type { LayerGraph } from './layer-ir';
import { assertDtype, type ModelDtype, type ModelId } from './model-ids';
import { ARCHITECTURES } from './arch/registry';
import { defineModel, INPUT_NAME } from './define';
import type { ProgressEvent } from './weights';
import { WEIGHT_CACHE } from './weight-cache';
import { emitOnnx, symbolicShape, ZOO_OPSET } from './onnx-emit';
import { partitionGraph } from './partition';

export { MODEL_IDS, isModelId, type ModelId, type ModelDtype } from './model-ids';
export type { ProgressEvent } from './weights';
export type { LayerGraph, LayerOp, TensorRef } from './layer-ir';
export { cutPoints, maxBlocks, partitionGraph, type LayerBlock } from './partition';

export { defineModel, INPUT_NAME } from './define';
/** Name of the graph output of every zoo model ([batch, classes]). */
export const OUTPUT_NAME = 'logits';
/** Seed used when none is given. */
export const DEFAULT_SEED = 1;

/** Static facts of a generated model at one resolution (costs per sample). */
export interface ModelMeta {
  id: ModelId;
  /** Display name, e.g. 'ResNet-50'. */
  name: string;
  /** Trainable parameters (weights, biases, BN gamma/beta; not BN running stats). */
  params: number;
  /** Multiply-accumulates of conv + linear layers for one sample at this resolution. */
  macs: number;
  /** 2 * macs. */
  flops: number;
  /** Bytes of all initializers in the ONNX file (params, BN running stats, constants) in this dtype. */
  weightBytes: number;
  /** Conv + linear layers. */
  layerCount: number;
  /** Input side in pixels (square input). */
  resolution: number;
  dtype: ModelDtype;
  inputName: string;
  outputName: string;
  /** ['batch', 3, resolution, resolution]. */
  inputShape: (number | string)[];
  /** ['batch', classes]. */
  outputShape: (number | string)[];
  /** ONNX opset of the default domain (13). */
  opset: number;
}

/** Options of describeModel/buildModel: resolution in px (a multiple of 32, >= 32); dtype default 'fp32'. */
export interface DescribeOptions {
  resolution: number;
  dtype?: ModelDtype;
}

/** Build options: seed default 1; onProgress is called after every layer and around encoding. */
export interface BuildOptions extends DescribeOptions {
  seed?: number;
  onProgress?: (p: ProgressEvent) => void;
}

function metaOf(id: ModelId, graph: LayerGraph, resolution: number, dtype: ModelDtype): ModelMeta {
  const floatBytes = dtype === 'fp16' ? 2 : 4;
  return {
    id,
    name: ARCHITECTURES[id].name,
    params: graph.params,
    macs: graph.macs,
    flops: 2 * graph.macs,
    weightBytes: graph.floatInitializerElements * floatBytes + graph.int64InitializerElements * 8,
    layerCount: graph.layerCount,
    resolution,
    dtype,
    inputName: INPUT_NAME,
    outputName: OUTPUT_NAME,
    inputShape: ['batch', graph.input.channels, resolution, resolution],
    outputShape: ['batch', graph.output.channels],
    opset: ZOO_OPSET,
  };
}

function dtypeOf(opts: DescribeOptions): ModelDtype {
  const dtype = opts.dtype ?? 'fp32';
  assertDtype(dtype);
  return dtype;
}

function seedOf(opts: BuildOptions): number {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed: got ${String(seed)}; expected an integer in [0, 4294967295]`);
  }
  return seed;
}

/** Facts of a model without generating weights (cheap). Throws naming the field on a bad id/resolution/dtype. */
export function describeModel(id: ModelId, opts: DescribeOptions): ModelMeta {
  const dtype = dtypeOf(opts);
  return metaOf(id, defineModel(id, opts.resolution), opts.resolution, dtype);
}

/**
 * Generates the model as ONNX bytes with deterministic seeded weights (equal seeds give equal bytes).
 * `extraOutputs` (layer names) adds intermediate tensors as graph outputs, for tests.
 */
export function buildModel(id: ModelId, opts: BuildOptions & { extraOutputs?: readonly string[] }): { bytes: Uint8Array; meta: ModelMeta } {
  const dtype = dtypeOf(opts);
  const seed = seedOf(opts);
  const graph = defineModel(id, opts.resolution);
  const weights = WEIGHT_CACHE.get(id, opts.resolution, graph, seed, opts.onProgress);
  opts.onProgress?.({ stage: 'encode', done: 0, total: 1 });
  const bytes = emitOnnx(graph, weights, {
    graphName: id,
    dtype,
    inputName: INPUT_NAME,
    outputName: OUTPUT_NAME,
    ...(opts.extraOutputs ? { extraOutputs: opts.extraOutputs } : {}),
  });
  opts.onProgress?.({ stage: 'encode', done: 1, total: 1 });
  return { bytes, meta: metaOf(id, graph, opts.resolution, dtype) };
}

/** One layer block as its own ONNX model: a symbolic batch dimension, the whole model's weights for its layers. */
export interface BuiltBlock {
  readonly index: number;
  readonly bytes: Uint8Array;
  /** 'input' for block 0, else the cut tensor's name (the previous block's output name). */
  readonly inputName: string;
  /** 'logits' for the last block, else the cut tensor's name (the next block's input name). */
  readonly outputName: string;
  /** ['batch', C, H, W] or ['batch', features]. */
  readonly inputShape: (number | string)[];
  readonly outputShape: (number | string)[];
  /** Multiply-accumulates of the block for one sample; the blocks' sum is the model's. */
  readonly macs: number;
}

/**
 * Generates the model cut into `blocks` layer blocks (see partitionGraph: single-tensor cut points,
 * MACs balanced), each block its own ONNX model. The weights are generated once for the whole model
 * with the same seed as buildModel, so chaining the blocks computes exactly what the whole model does.
 * Throws naming scheduler.blocks and the most blocks the model allows when it has too few cut points.
 */
export function buildModelBlocks(id: ModelId, opts: BuildOptions & { blocks: number }): { blocks: BuiltBlock[]; meta: ModelMeta } {
  const dtype = dtypeOf(opts);
  const seed = seedOf(opts);
  const graph = defineModel(id, opts.resolution);
  const parts = partitionGraph(graph, opts.blocks, `${id}@${String(opts.resolution)}`);
  const weights = WEIGHT_CACHE.get(id, opts.resolution, graph, seed, opts.onProgress);
  const blocks = parts.map((part): BuiltBlock => {
    opts.onProgress?.({ stage: 'encode', done: part.index, total: parts.length });
    const inputName = part.index === 0 ? INPUT_NAME : part.input.name;
    const outputName = part.index === parts.length - 1 ? OUTPUT_NAME : part.output.name;
    const sub: LayerGraph = { ...graph, input: part.input, output: part.output, ops: part.ops, macs: part.macs };
    const bytes = emitOnnx(sub, weights, { graphName: `${id}.block${String(part.index)}`, dtype, inputName, outputName });
    return { index: part.index, bytes, inputName, outputName, inputShape: symbolicShape(part.input), outputShape: symbolicShape(part.output), macs: part.macs };
  });
  opts.onProgress?.({ stage: 'encode', done: parts.length, total: parts.length });
  return { blocks, meta: metaOf(id, graph, opts.resolution, dtype) };
}
