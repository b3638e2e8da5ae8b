// Creates the ORT sessions of one prepared zoo model in a lane: one for a whole model, or one per layer block, chained.
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import { inspectOnnx } from '../zoo/inspect';
import { largestTensors } from '../zoo/tensor-sizes';
import type { Backend, PrepareSpec } from './lane-protocol';
import { createLaneSession, type LaneSession } from './lane-session';
import type { Ort } from './ort-loader';
import { elementCount, seededFloat32 } from './seeded-input';
import { bufferLimitsOf, webGpuSizeProblem } from './size-limits';

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

/** The sessions of a prepared model, with how they came to run where they run. */
export interface BlockSessions {
  readonly blocks: readonly BlockSession[];
  /** Block 0's inputs, seeded once and reused by every dispatch. */
  readonly feeds: Record<string, Tensor>;
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

/**
 * The last model this lane built. A run prepares several batch sizes of one model in a row (sessions,
 * then solo profiles), and the ONNX bytes do not depend on the batch (it is symbolic): generating
 * VGG-16's 138 M weights again for each batch size cost seconds. One entry bounds the memory it holds.
 */
let lastBuilt: { readonly key: string; readonly parts: readonly ModelPart[] } | null = null;

/**
 * Builds the zoo model (whole, or cut into `spec.blocks` layer blocks with the same weights) and
 * creates one session per part with the batch fixed. On WebGPU every block but the last keeps its
 * output on the GPU, and block 0 decides the backend for all (a later block never falls back alone:
 * a GPU tensor cannot feed a WASM session). A model whose largest tensor exceeds the adapter's buffer
 * limits is refused (or falls back) before any session is created.
 */
export async function createBlockSessions(ort: Ort, spec: PrepareSpec): Promise<BlockSessions> {
  const blocks = spec.blocks ?? 1;
  const builtAt = performance.now();
  const zoo = await import('../zoo');
  const largest = largestTensors(zoo.defineModel(spec.modelId, spec.resolution), spec.batch, FLOAT32_BYTES);
  const options = { resolution: spec.resolution, seed: spec.seed };
  const builtKey = `${spec.modelId}@${String(spec.resolution)}/${String(blocks)} seed ${String(spec.seed)}`;
  const parts: readonly ModelPart[] = lastBuilt?.key === builtKey ? lastBuilt.parts : blocks === 1
    ? [{ bytes: zoo.buildModel(spec.modelId, options).bytes, inputName: zoo.INPUT_NAME, outputName: zoo.OUTPUT_NAME }]
    : zoo.buildModelBlocks(spec.modelId, { ...options, blocks }).blocks;
  lastBuilt = { key: builtKey, parts };
  const buildMs = performance.now() - builtAt;
  const inspection = inspectOnnx((parts[0] as ModelPart).bytes);
  if (!inspection.ok) throw new Error(inspection.problems.map((p) => p.message).join(' '));
  const dimOverrides = Object.fromEntries(inspection.batchDimNames.map((name) => [name, spec.batch]));
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
    throw blocks === 1 ? error : new Error(`layer block ${String(made.length)} of ${String(blocks)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const feeds: Record<string, Tensor> = {};
  for (const input of inspection.inputs) {
    const dims = input.dims.map((d) => (typeof d === 'number' ? d : spec.batch));
    feeds[input.name] = new ort.Tensor('float32', seededFloat32(elementCount(dims), spec.inputSeed, input.name), dims);
  }
  return { blocks: made, feeds, first: first as LaneSession, buildMs, sessionMs };
}
