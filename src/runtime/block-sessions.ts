// Creates the ORT sessions of one prepared model in a lane: one for a whole model (zoo or file), or one per layer block, chained.
import { errorMessage } from '../core/error-message';
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { Backend, FedInput, PrepareSpec } from './lane-protocol';
import { createLaneSession, type LaneSession } from './lane-session';
import type { ModelPlan, PrepareProgress } from './model-plan';
import type { Ort } from './ort-loader';
import { elementCount, isFilledType, seededInputData, type FilledData, type FilledType } from './seeded-input';
import type { SessionNeed } from './memory-budget';

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
  /** Its element type (floats seeded, integers filled as the plan says). */
  readonly type: FilledType;
  /** Its axis 0 is the (symbolic) batch; false: an input of fixed sizes, fed as it is. */
  readonly batched: boolean;
  /** The dims of one item (the batch dimension left out), or every dim of an input that is not batched. */
  readonly itemDims: readonly number[];
  /** maxBatch items of seeded values (one for an input that is not batched); a run of B items reads the first B. */
  readonly data: FilledData;
}

/** The sessions of a prepared model, with how they came to run where they run. */
export interface BlockSessions {
  readonly blocks: readonly BlockSession[];
  /** Block 0's inputs, seeded once for the largest batch and reused by every dispatch. */
  readonly inputs: readonly SeededInput[];
  /** The ONNX bytes of all its sessions. */
  readonly modelBytes: number;
  /** The last block's outputs. */
  readonly outputNames: readonly string[];
  /** The first block's session facts (backend, fallback reasons, adapter); every block runs on its backend. */
  readonly first: LaneSession;
  /** Zoo generation time, ms. */
  readonly buildMs: number;
  /** InferenceSession.create time of all blocks, ms. */
  readonly sessionMs: number;
}

/** Decides whether a session may be created in the lane (throws a sentence saying why not). */
export type AdmitSession = (need: Omit<SessionNeed, 'key'>) => void;

/**
 * Makes the model's ONNX parts (the zoo model whole, or cut into `plan.blocks` layer blocks, each
 * block with its own weights only; or the file's bytes) and creates one session per part. The batch
 * dimension stays symbolic (one session runs every batch size) unless `plan.fixedBatch` fixes it.
 * `admit` sees the weights' bytes and the largest activation at `plan.maxBatch` before anything is
 * generated, and may refuse. On WebGPU every block but the last keeps its output on the GPU, and
 * block 0 decides the backend for all (a later block never falls back alone: a GPU tensor cannot
 * feed a WASM session). A model the plan's WebGPU check refuses (a tensor past the adapter's buffer
 * limits) is refused (or falls back) before any session is created.
 */
export async function createBlockSessions(ort: Ort, spec: PrepareSpec, plan: ModelPlan, admit: AdmitSession, onProgress: PrepareProgress): Promise<BlockSessions> {
  const { blocks, maxBatch } = plan;
  admit({ backend: spec.backend, modelBytes: plan.weightBytes, activationBytes: plan.activationBytes, maxBatch, blocks });
  const { parts, inspection, buildMs } = plan.build(onProgress);
  const modelBytes = parts.reduce((n, part) => n + part.bytes.byteLength, 0);
  const fixed = plan.fixedBatch;
  // No prototype: dim names come from the file (a dim named '__proto__' stays a key).
  const dimOverrides = Object.create(null) as Record<string, number>;
  for (const [name, size] of plan.dimSizes) dimOverrides[name] = size;
  if (fixed !== null) for (const name of inspection.batchDimNames) dimOverrides[name] = fixed;
  const made: BlockSession[] = [];
  let first: LaneSession | null = null;
  let sessionMs = 0;
  try {
    for (const [i, part] of parts.entries()) {
      const backend: Backend = first?.backendUsed ?? spec.backend;
      const outputOnGpu = i < parts.length - 1;
      onProgress('session', `creating the ${backend} session${parts.length === 1 ? '' : ` of block ${String(i)}`}`, i, parts.length);
      const created = await createLaneSession(ort, part.bytes, {
        backend,
        allowFallback: first === null && spec.allowFallback,
        dimOverrides,
        outputOnGpu,
        ...(plan.webGpuCheck === undefined ? {} : { webGpuCheck: plan.webGpuCheck }),
      });
      first ??= created;
      sessionMs += created.sessionMs;
      made.push({ session: created.session, inputName: part.inputName, outputName: part.outputName, outputOnGpu: outputOnGpu && created.backendUsed === 'webgpu' });
    }
  } catch (error) {
    for (const block of made) await block.session.release();
    throw blocks === 1 ? error : new Error(`layer block ${String(made.length)} of ${String(blocks)}: ${errorMessage(error)}`, { cause: error });
  }
  onProgress('session', 'session ready', parts.length, parts.length);
  const batchNames = new Set(inspection.batchDimNames);
  const inputs = inspection.inputs.map((input): SeededInput => {
    const batched = typeof input.dims[0] === 'string' && batchNames.has(input.dims[0]);
    const itemDims = (batched ? input.dims.slice(1) : input.dims).map((d) => (typeof d === 'number' ? d : typeof d === 'string' ? (plan.dimSizes.get(d) ?? (batchNames.has(d) ? (fixed ?? 1) : 1)) : 1));
    const type = input.elemType;
    if (!isFilledType(type)) throw new Error(`input '${input.name}' has type ${type}, which the lab does not fill`);
    const fill = plan.fills.find((f) => f.input === input.name);
    return { name: input.name, type, batched, itemDims, data: seededInputData(type, elementCount(itemDims) * (batched ? maxBatch : 1), spec.inputSeed, input.name, fill) };
  });
  const outputNames = [...(made[made.length - 1] as BlockSession).session.outputNames];
  return { blocks: made, inputs, modelBytes, outputNames, first: first as LaneSession, buildMs, sessionMs };
}

/** Block 0's input tensors for a run of `batch` items: views on the seeded data, no copy. */
export function feedsFor(ort: Ort, inputs: readonly SeededInput[], batch: number): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) {
    const dims = input.batched ? [batch, ...input.itemDims] : input.itemDims;
    feeds[input.name] = new ort.Tensor(input.type, input.data.subarray(0, elementCount(dims)) as Float32Array, dims);
  }
  return feeds;
}

/** Block 0's inputs as fed at `batch` items: their names and concrete dims. */
export function fedInputs(inputs: readonly SeededInput[], batch: number): FedInput[] {
  return inputs.map((input) => ({ name: input.name, dims: input.batched ? [batch, ...input.itemDims] : [...input.itemDims] }));
}
