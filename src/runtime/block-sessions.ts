// Creates the ORT sessions of one prepared zoo model in a lane (symbolic batch): one for a whole model, or one per layer block, chained.
import { errorMessage } from '../core/error-message';
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import { inspectOnnx } from '../zoo/inspect';
import { largestTensors } from '../zoo/tensor-sizes';
import type { Backend, PrepareSpec } from './lane-protocol';
import { createLaneSession, type LaneSession } from './lane-session';
import type { Ort } from './ort-loader';
import { elementCount, seededFloat32 } from './seeded-input';
import { bufferLimitsOf, webGpuSizeProblem } from './size-limits';
import type { SessionNeed } from './memory-budget';

/** Bytes per element of the engine's fp32 zoo models. */
const FLOAT32_BYTES = 4;

/** One session of the chain: a layer block (or the whole model), the tensor it reads and the one it hands on. */
export interface BlockSession {
  readonly session: InferenceSession;
  readonly inputName: string;
  readonly outputName: string;
  /** Its output stays on the GPU (preferredOutputLocation 'gpu-buffer'): a block before the last, on WebGPU. */
  readonly outputOnGpu: boolean;
}

/** One input of block 0, seeded once for the session's largest batch. */
export interface SeededInput {
  readonly name: string;
  /** The dims of one item (the batch dimension left out). */
  readonly itemDims: readonly number[];
  /** maxBatch items of seeded values; a run of B items reads the first B. */
  readonly data: Float32Array;
}

/** The sessions of a prepared model, with how they came to run where they run. */
export interface BlockSessions {
  readonly blocks: readonly BlockSession[];
  /** Block 0's inputs, seeded once for the largest batch and reused by every dispatch. */
  readonly inputs: readonly SeededInput[];
  /** The ONNX bytes of all its sessions. */
  readonly modelBytes: number;
  /** The first block's session facts (backend, fallback reasons, adapter); every block runs on its backend. */
  readonly first: LaneSession;
  /** Zoo generation time, ms. */
  readonly buildMs: number;
  /** InferenceSession.create time of all blocks, ms. */
  readonly sessionMs: number;
}

interface ModelPart {
  readonly bytes: Uint8Array;
  readonly inputName: string;
  readonly outputName: string;
}

/** Decides whether a session may be created in the lane (throws a sentence saying why not). */
export type AdmitSession = (need: Omit<SessionNeed, 'key'>) => void;

/**
 * Builds the zoo model (whole, or cut into `spec.blocks` layer blocks, each block with its own weights
 * only) and creates one session per part. The batch dimension stays symbolic (one session runs every
 * batch size) unless `spec.fixedBatch` fixes it. `admit` sees the weights' bytes and the largest
 * activation at `spec.maxBatch` before anything is generated, and may refuse. On WebGPU every block but
 * the last keeps its output on the GPU, and block 0 decides the backend for all (a later block never
 * falls back alone: a GPU tensor cannot feed a WASM session). A model whose largest tensor exceeds the
 * adapter's buffer limits is refused (or falls back) before any session is created.
 */
export async function createBlockSessions(ort: Ort, spec: PrepareSpec, admit: AdmitSession): Promise<BlockSessions> {
  const blocks = spec.blocks ?? 1;
  const maxBatch = spec.fixedBatch ?? spec.maxBatch;
  const zoo = await import('../zoo');
  const graph = zoo.defineModel(spec.modelId, spec.resolution);
  const largest = largestTensors(graph, maxBatch, FLOAT32_BYTES);
  // Before anything is generated: the weights' bytes (what the ONNX files carry) are known from the graph.
  const weightBytes = zoo.describeModel(spec.modelId, { resolution: spec.resolution }).weightBytes;
  admit({ backend: spec.backend, modelBytes: weightBytes, activationBytes: largest.activation.bytes, maxBatch, blocks });
  const builtAt = performance.now();
  const options = { resolution: spec.resolution, seed: spec.seed };
  const parts: readonly ModelPart[] = blocks === 1
    ? [{ bytes: zoo.buildModel(spec.modelId, options).bytes, inputName: zoo.INPUT_NAME, outputName: zoo.OUTPUT_NAME }]
    : zoo.buildModelBlocks(spec.modelId, { ...options, blocks }).blocks;
  const buildMs = performance.now() - builtAt;
  const modelBytes = parts.reduce((n, part) => n + part.bytes.byteLength, 0);
  const inspection = inspectOnnx((parts[0] as ModelPart).bytes);
  if (!inspection.ok) throw new Error(inspection.problems.map((p) => p.message).join(' '));
  const fixed = spec.fixedBatch;
  const dimOverrides: Record<string, number> = fixed === undefined ? {} : Object.fromEntries(inspection.batchDimNames.map((name) => [name, fixed]));
  const made: BlockSession[] = [];
  let first: LaneSession | null = null;
  let sessionMs = 0;
  try {
    for (const [i, part] of parts.entries()) {
      const backend: Backend = first?.backendUsed ?? spec.backend;
      const outputOnGpu = i < parts.length - 1;
      const created = await createLaneSession(ort, part.bytes, {
        backend,
        allowFallback: first === null && spec.allowFallback,
        dimOverrides,
        outputOnGpu,
        webGpuCheck: (adapter) => webGpuSizeProblem(largest, bufferLimitsOf(adapter)),
      });
      first ??= created;
      sessionMs += created.sessionMs;
      made.push({ session: created.session, inputName: part.inputName, outputName: part.outputName, outputOnGpu: outputOnGpu && created.backendUsed === 'webgpu' });
    }
  } catch (error) {
    for (const block of made) await block.session.release();
    throw blocks === 1 ? error : new Error(`layer block ${String(made.length)} of ${String(blocks)}: ${errorMessage(error)}`, { cause: error });
  }
  const inputs = inspection.inputs.map((input): SeededInput => {
    const itemDims = input.dims.slice(1).map((d) => (typeof d === 'number' ? d : 1));
    return { name: input.name, itemDims, data: seededFloat32(elementCount(itemDims) * maxBatch, spec.inputSeed, input.name) };
  });
  return { blocks: made, inputs, modelBytes, first: first as LaneSession, buildMs, sessionMs };
}

/** Block 0's input tensors for a run of `batch` items: views on the seeded data, no copy. */
export function feedsFor(ort: Ort, inputs: readonly SeededInput[], batch: number): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) {
    const dims = [batch, ...input.itemDims];
    feeds[input.name] = new ort.Tensor('float32', input.data.subarray(0, elementCount(dims)), dims);
  }
  return feeds;
}
