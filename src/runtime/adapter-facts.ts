// Plain-data facts about a WebGPU adapter (info, features, key limits vs spec defaults), safe to post between threads.

/** A limit that matters for CNN inference, with the WebGPU spec's default for comparison. */
export interface LimitFact {
  readonly name: KeyLimitName;
  readonly value: number;
  /** The guaranteed minimum every adapter offers (WebGPU spec, "limit default"). */
  readonly specDefault: number;
}

/** What the lab records about the adapter behind every WebGPU result. */
export interface AdapterFacts {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** True for a software/fallback adapter (SwiftShader); null when the browser does not say. */
  readonly isFallbackAdapter: boolean | null;
  /** Every feature the adapter offers, sorted. */
  readonly features: readonly string[];
  readonly hasTimestampQuery: boolean;
  readonly hasShaderF16: boolean;
  readonly limits: readonly LimitFact[];
}

/**
 * Spec defaults of the limits that bound model size and kernel shape.
 * https://www.w3.org/TR/webgpu/#limits
 */
export const KEY_LIMIT_DEFAULTS = {
  maxBufferSize: 268_435_456,
  maxStorageBufferBindingSize: 134_217_728,
  maxComputeWorkgroupStorageSize: 16_384,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupsPerDimension: 65_535,
  maxStorageBuffersPerShaderStage: 8,
} as const;

export type KeyLimitName = keyof typeof KEY_LIMIT_DEFAULTS;

/** The parts of GPUAdapter / GPUDevice we read; both expose info (adapterInfo), features and limits. */
export interface AdapterLike {
  readonly features: ReadonlySet<string>;
  readonly limits: GPUSupportedLimits;
}

/**
 * Collects facts from an adapter (or a device, passing `device.adapterInfo`).
 * `legacyIsFallback` is the deprecated GPUAdapter.isFallbackAdapter, read when
 * GPUAdapterInfo.isFallbackAdapter is not exposed.
 */
export function adapterFacts(source: AdapterLike, info: GPUAdapterInfo | undefined, legacyIsFallback?: boolean): AdapterFacts {
  const features = [...source.features].sort();
  const infoFallback: unknown = info?.isFallbackAdapter;
  const isFallbackAdapter = typeof infoFallback === 'boolean' ? infoFallback : typeof legacyIsFallback === 'boolean' ? legacyIsFallback : null;
  const limits = (Object.keys(KEY_LIMIT_DEFAULTS) as KeyLimitName[]).map((name) => ({
    name,
    value: Number(source.limits[name]),
    specDefault: KEY_LIMIT_DEFAULTS[name],
  }));
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter,
    features,
    hasTimestampQuery: features.includes('timestamp-query'),
    hasShaderF16: features.includes('shader-f16'),
    limits,
  };
}
