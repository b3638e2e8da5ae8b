// Creates a lane's ORT session on the requested backend, falling back to WASM with the reasons kept, and reads the adapter used.
import { errorMessage } from '../core/error-message';
import type { InferenceSession } from 'onnxruntime-web';
import { adapterFacts, type AdapterFacts } from './adapter-facts';
import type { Backend } from './lane-protocol';
import type { Ort } from './ort-loader';
import { probeWebGpu } from './probe-webgpu';

/** A created session and how it came to run where it runs. */
export interface LaneSession {
  readonly session: InferenceSession;
  readonly backendUsed: Backend;
  readonly fallbackReasons: readonly string[];
  readonly adapter: AdapterFacts | null;
  /** InferenceSession.create time (the successful attempt), ms. */
  readonly sessionMs: number;
}

export interface SessionRequest {
  readonly backend: Backend;
  readonly allowFallback: boolean;
  /** Symbolic dim name -> size, passed as freeDimensionOverrides. */
  readonly dimOverrides: Readonly<Record<string, number>>;
  /** Keep the outputs on the GPU ('gpu-buffer') when the session runs on WebGPU: a layer block before the last. */
  readonly outputOnGpu?: boolean;
  /** Why the model cannot run on this adapter (e.g. a tensor over its buffer limits), checked before the WebGPU session is created; null: it can. */
  readonly webGpuCheck?: (adapter: AdapterFacts) => string | null;
}


/** The adapter behind ORT's WebGPU device (GPUDevice.adapterInfo), or null if ORT exposes none. */
async function ortAdapter(ort: Ort): Promise<AdapterFacts | null> {
  try {
    const device = (await ort.env.webgpu.device) as GPUDevice | undefined;
    if (!device) return null;
    return adapterFacts(device, device.adapterInfo);
  } catch {
    return null;
  }
}

async function create(ort: Ort, bytes: Uint8Array, backend: Backend, request: SessionRequest) {
  const started = performance.now();
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: [backend],
    freeDimensionOverrides: { ...request.dimOverrides },
    graphOptimizationLevel: 'all',
    ...(backend === 'webgpu' && request.outputOnGpu === true ? { preferredOutputLocation: 'gpu-buffer' as const } : {}),
  });
  return { session, sessionMs: performance.now() - started };
}

/**
 * Creates the session. For 'webgpu' it first probes WebGPU in this worker (so
 * every reason it is missing is listed) and runs `webGpuCheck`, then tries the WebGPU EP; if any
 * fails and `allowFallback` is set, it creates a WASM session instead and
 * returns all the reasons; otherwise it throws them.
 */
export async function createLaneSession(ort: Ort, bytes: Uint8Array, request: SessionRequest): Promise<LaneSession> {
  if (request.backend === 'wasm') {
    const { session, sessionMs } = await create(ort, bytes, 'wasm', request);
    return { session, sessionMs, backendUsed: 'wasm', fallbackReasons: [], adapter: null };
  }
  const probe = await probeWebGpu();
  const reasons = [...probe.reasons];
  const problem = probe.available && probe.adapter !== null ? (request.webGpuCheck?.(probe.adapter) ?? null) : null;
  if (problem !== null) reasons.push(problem);
  if (probe.available && problem === null) {
    try {
      const { session, sessionMs } = await create(ort, bytes, 'webgpu', request);
      const adapter = (await ortAdapter(ort)) ?? probe.adapter;
      return { session, sessionMs, backendUsed: 'webgpu', fallbackReasons: [], adapter };
    } catch (error) {
      reasons.push(`onnxruntime-web could not create a WebGPU session: ${errorMessage(error)}`);
    }
  }
  if (!request.allowFallback) throw new Error(`WebGPU unavailable: ${reasons.join(' | ')}`);
  const { session, sessionMs } = await create(ort, bytes, 'wasm', request);
  return { session, sessionMs, backendUsed: 'wasm', fallbackReasons: reasons, adapter: null };
}
