// Detects WebGPU and describes the adapter; when it is unusable, collects every reason (never only the first).
import { errorMessage } from '../core/error-message';
import { adapterFacts, type AdapterFacts } from './adapter-facts';

/** The outcome of probing WebGPU in this context (page or worker). */
export interface WebGpuProbe {
  /** True when an adapter was found and a device could be created on it. */
  readonly available: boolean;
  /** The default adapter (no powerPreference), when one was returned. */
  readonly adapter: AdapterFacts | null;
  /** The 'high-performance' adapter's description when it differs from the default one, else null. */
  readonly highPerformanceDescription: string | null;
  /** Every reason WebGPU cannot be used here; empty when available. */
  readonly reasons: readonly string[];
  readonly secureContext: boolean;
  readonly crossOriginIsolated: boolean;
}

/** What the probe reads from its environment; injected so tests can fake a browser. */
export interface ProbeEnvironment {
  readonly gpu: GPU | undefined;
  readonly isSecureContext: boolean;
  readonly crossOriginIsolated: boolean;
}

/** The environment of the current page or worker. */
export function currentEnvironment(): ProbeEnvironment {
  return {
    gpu: 'gpu' in navigator ? navigator.gpu : undefined,
    isSecureContext: globalThis.isSecureContext,
    crossOriginIsolated: globalThis.crossOriginIsolated,
  };
}

const message = (error: unknown): string => errorMessage(error, { withName: true });

async function requestAdapter(gpu: GPU, options: GPURequestAdapterOptions, reasons: string[], label: string) {
  try {
    const adapter = await gpu.requestAdapter(options);
    if (!adapter) reasons.push(`navigator.gpu.requestAdapter(${label}) returned null: no suitable GPU adapter (blocklisted GPU, or WebGPU disabled by flags/policy).`);
    return adapter;
  } catch (error) {
    reasons.push(`navigator.gpu.requestAdapter(${label}) threw ${message(error)}.`);
    return null;
  }
}

/**
 * Probes WebGPU: requests the default and the high-performance adapter, reads
 * the default one's info, features and key limits, then creates (and destroys)
 * a device on it to prove it works.
 */
export async function probeWebGpu(environment: ProbeEnvironment = currentEnvironment()): Promise<WebGpuProbe> {
  const reasons: string[] = [];
  const base = { secureContext: environment.isSecureContext, crossOriginIsolated: environment.crossOriginIsolated };
  if (!environment.isSecureContext) {
    reasons.push('The page is not a secure context (WebGPU needs https:// or http://127.0.0.1 / localhost).');
  }
  const gpu = environment.gpu;
  if (!gpu) {
    reasons.push('navigator.gpu is missing: this browser has no WebGPU, or it is turned off.');
    return { ...base, available: false, adapter: null, highPerformanceDescription: null, reasons };
  }
  const adapter = await requestAdapter(gpu, {}, reasons, 'default');
  if (!adapter) return { ...base, available: false, adapter: null, highPerformanceDescription: null, reasons };
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const facts = adapterFacts(adapter, adapter.info, legacyFallback);
  const highPerformance = await requestAdapter(gpu, { powerPreference: 'high-performance' }, [], 'high-performance');
  const highDescription = highPerformance?.info.description ?? null;
  try {
    const device = await adapter.requestDevice();
    device.destroy();
  } catch (error) {
    reasons.push(`adapter.requestDevice() threw ${message(error)}.`);
  }
  return {
    ...base,
    available: reasons.length === 0,
    adapter: facts,
    highPerformanceDescription: highDescription !== null && highDescription !== facts.description ? highDescription : null,
    reasons,
  };
}
