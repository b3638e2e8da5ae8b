// A lane's memory budget: what a session needs in its lane's wasm heap, checked before the session is created.
import type { Backend } from './lane-protocol';

/** What a wasm32 heap can grow to: 65536 pages of 64 KiB (onnxruntime-web 1.30 declares maximum: 65536). */
export const WASM32_HEAP_LIMIT_BYTES = 4 * 1024 ** 3;

/**
 * Kept free for onnxruntime-web itself (code, static data, thread stacks, allocator slack), bytes.
 * Measured: an ORT instance holding only tiny-cnn@32 had a heap of 40-70 MB (bench:memory).
 */
export const ORT_RESERVE_BYTES = 256 * 1024 ** 2;

/**
 * Heap bytes per byte of weights that a created session keeps. Measured with bench:memory on WASM at
 * 32 px: each further VGG-16 session (528 MB of weights) grew the heap by 880 MB (1.67x), each further
 * ResNet-18 session (45 MB) by 56-86 MB (1.2-1.9x): the CPU provider keeps the initializers and packs
 * conv/gemm weights into a layout of its own. Rounded up to 2. On WebGPU the weights live in GPU buffers.
 */
export const WEIGHT_HEAP_FACTOR: Readonly<Record<Backend, number>> = { wasm: 2, webgpu: 1 };

/**
 * Heap bytes per byte of weights needed only while a session is created (the ONNX bytes copied in,
 * the initializers parsed from them, then packed), on top of what it keeps. Measured: creating the
 * first VGG-16 session grew the heap by 1,726 MB, 3.3x its weights, of which 1.67x stays. Rounded up.
 */
export const CREATION_HEAP_FACTOR = 1.75;

/**
 * Heap bytes per byte of the largest activation, for the activations a run holds at once (its arena
 * keeps the tensors of a run alive between runs). On WebGPU the activations are GPU buffers.
 */
export const ACTIVATION_HEAP_FACTOR: Readonly<Record<Backend, number>> = { wasm: 4, webgpu: 1 };

/** What a session will hold, as the zoo knows it before any session exists. */
export interface SessionNeed {
  /** The session key, e.g. 'vgg16@32/8'. */
  readonly key: string;
  readonly backend: Backend;
  /** The ONNX bytes of every session the key creates (all its layer blocks), with their weights. */
  readonly modelBytes: number;
  /** The largest activation at the session's largest batch (`maxBatch`), bytes. */
  readonly activationBytes: number;
  readonly maxBatch: number;
  readonly blocks: number;
}

/** The heap a session needs: what it keeps (`steadyBytes`) and, while it is created, also what creating it takes (`peakBytes`). */
export interface SessionBytes {
  readonly steadyBytes: number;
  readonly peakBytes: number;
}

/** The estimate of {@link SessionNeed} in heap bytes (factors above). */
export function sessionBytes(need: SessionNeed): SessionBytes {
  const steadyBytes = need.modelBytes * WEIGHT_HEAP_FACTOR[need.backend] + need.activationBytes * ACTIVATION_HEAP_FACTOR[need.backend];
  return { steadyBytes, peakBytes: steadyBytes + need.modelBytes * CREATION_HEAP_FACTOR };
}

const mb = (bytes: number): string => `${Math.round(bytes / 1024 ** 2).toLocaleString('en-US')} MB`;

/** The fixes that free heap, the ones that apply to this session first. */
function fixesFor(need: Pick<SessionNeed, 'maxBatch' | 'blocks' | 'backend'>): string {
  const fixes: string[] = [];
  if (need.maxBatch > 1) fixes.push('a smaller max batch');
  if (need.blocks > 1) fixes.push('whole inferences or fewer layer blocks (the whole model is kept beside its blocks only while solo profiles are measured)');
  fixes.push('fewer models per lane (in concurrent mode every lane has a heap of its own)', 'a smaller input size');
  if (need.backend === 'wasm') fixes.push('the WebGPU backend (weights then live on the GPU)');
  return fixes.join(', ');
}

/**
 * Why a session cannot be created in a lane already holding `heldBytes` of sessions (one sentence
 * naming the session, the need and the limit, and what to change), or null when it fits.
 */
export function memoryProblem(need: SessionNeed, heldBytes: number, limitBytes = WASM32_HEAP_LIMIT_BYTES): string | null {
  const { peakBytes } = sessionBytes(need);
  const room = limitBytes - ORT_RESERVE_BYTES - heldBytes;
  if (peakBytes <= room) return null;
  const what = `${mb(need.modelBytes)} of model, largest activation ${mb(need.activationBytes)} at batch ${String(need.maxBatch)}`;
  const held = heldBytes > 0 ? `; the lane already holds about ${mb(heldBytes)} of other sessions` : '';
  return `not enough memory in this lane: the session needs about ${mb(peakBytes)} of its ${need.backend === 'wasm' ? 'WASM' : 'onnxruntime-web'} heap while it is created (${what})${held}, and a wasm32 heap holds at most ${mb(limitBytes)} (${mb(ORT_RESERVE_BYTES)} kept for onnxruntime-web). Try ${fixesFor(need)}.`;
}

/**
 * A sentence of advice for an error onnxruntime-web raised while creating a session, so that a raw
 * runtime error never reaches the page alone.
 */
export function creationAdvice(message: string, need: Pick<SessionNeed, 'maxBatch' | 'blocks' | 'backend'>): string {
  if (/bad_alloc|out of memory|Aborted\(OOM\)|Cannot enlarge memory|RangeError: (?:Array buffer|WebAssembly\.Memory)/i.test(message)) {
    return `The lane ran out of memory (a wasm32 heap holds at most ${mb(WASM32_HEAP_LIMIT_BYTES)}). Try ${fixesFor(need)}.`;
  }
  return `onnxruntime-web could not create this session; try the other backend or ONNX Runtime build, or reload the page if a previous run failed the same way.`;
}
