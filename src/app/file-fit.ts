// Whether the user's file fits this device, judged at the picker from its facts: the WASM heap (memory-budget.ts) and the WebGPU adapter's buffer limits (size-limits.ts).
import { memoryProblem } from '../runtime/memory-budget';
import { bufferLimitsOf, webGpuSizeProblem } from '../runtime/size-limits';
import type { WebGpuProbe } from '../runtime/probe-webgpu';
import type { ModelFacts } from '../zoo/model-facts';

/** Why the file cannot run on each backend at batch 1 (null: it fits, as far as the lab can tell before a session is made). */
export interface FileFit {
  readonly wasm: string | null;
  /** Null also when no WebGPU adapter is known (nothing to check against). */
  readonly webgpu: string | null;
  /** True when no backend of this device can hold it: the picker refuses the file. */
  readonly refused: boolean;
}

/**
 * The same checks a lane makes before it creates the session (a lane holding nothing else, batch 1,
 * the whole model): the WASM heap the session needs while it is created (its bytes and its largest
 * activation), and the largest activation against the adapter's maxBufferSize and
 * maxStorageBufferBindingSize. Larger batches and other sessions in the lane are checked when a run
 * prepares them.
 */
export function fileFit(facts: ModelFacts, fileBytes: number, probe: WebGpuProbe | null): FileFit {
  const activationBytes = facts.largestTensor?.bytes ?? 0;
  const wasm = memoryProblem({ key: 'this file', backend: 'wasm', modelBytes: fileBytes, activationBytes, maxBatch: 1, blocks: 1 }, 0);
  const largest = facts.largestTensor;
  const adapter = probe?.available === true ? probe.adapter : null;
  const webgpu = adapter === null || largest === null ? null : webGpuSizeProblem({ activation: { ...largest, role: 'activation' }, weight: null }, bufferLimitsOf(adapter));
  const webgpuUsable = probe?.available === true;
  return { wasm, webgpu, refused: wasm !== null && (webgpu !== null || !webgpuUsable) };
}
