// Whether a model's largest tensors fit a WebGPU device's buffer limits, checked before a session is created.
import type { LargestTensors, TensorSize } from '../zoo/tensor-sizes';
import type { AdapterFacts } from './adapter-facts';

/** The two limits a tensor must fit: ORT keeps each tensor in one buffer and binds it whole as storage. */
export interface BufferLimits {
  readonly maxBufferSize: number;
  readonly maxStorageBufferBindingSize: number;
}

/**
 * The buffer limits of a device created on this adapter. Both onnxruntime-web builds request the
 * adapter's own maxBufferSize and maxStorageBufferBindingSize for their device (JSEP's
 * WebGpuBackend.initialize, the native EP's GetRequiredLimits), so the adapter's values apply.
 */
export function bufferLimitsOf(adapter: AdapterFacts): BufferLimits {
  const value = (name: keyof BufferLimits): number => adapter.limits.find((l) => l.name === name)?.value ?? Infinity;
  return { maxBufferSize: value('maxBufferSize'), maxStorageBufferBindingSize: value('maxStorageBufferBindingSize') };
}

const bytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

function problemOf(tensor: TensorSize, limits: BufferLimits): string | null {
  const exceeded = (['maxStorageBufferBindingSize', 'maxBufferSize'] as const)
    .filter((name) => tensor.bytes > limits[name])
    .sort((a, b) => limits[a] - limits[b]);
  const limit = exceeded[0];
  if (limit === undefined) return null;
  const why = limit === 'maxBufferSize' ? 'WebGPU cannot allocate a buffer that large' : 'a tensor bigger than that cannot be bound to a WebGPU shader';
  return `the ${tensor.role} '${tensor.name}' [${tensor.dims.join(', ')}] needs ${bytes(tensor.bytes)}, more than this device's ${limit} (${bytes(limits[limit])}): ${why}`;
}

/** Why a session holding these tensors cannot run on a WebGPU device with these limits (every reason), or null when it fits. */
export function webGpuSizeProblem(tensors: LargestTensors, limits: BufferLimits): string | null {
  const problems = [tensors.weight, tensors.activation].flatMap((t) => (t === null ? [] : [problemOf(t, limits)])).filter((p) => p !== null);
  return problems.length === 0 ? null : problems.join('; ');
}
