// The report's device section from an engine snapshot and the page's environment.
import type { CharacterizeReport } from '../../core/characterize/report-schema';
import type { EngineSnapshot } from '../../engine/engine-protocol';

/** What the page knows about itself. */
export interface PageEnvironment {
  readonly userAgent: string;
  /** navigator.hardwareConcurrency; null when unknown. */
  readonly logicalCores: number | null;
}

/** Device facts: the backend asked for and used, fallback reasons, the adapter, the ORT build, the timing sources. */
export function deviceFacts(requested: 'webgpu' | 'wasm', ortBuild: string, snapshot: EngineSnapshot | null, env: PageEnvironment): CharacterizeReport['device'] {
  const a = snapshot?.adapter ?? null;
  return {
    backendRequested: requested,
    backendUsed: snapshot?.backendUsed ?? null,
    fallbackReasons: [...(snapshot?.fallbackReasons ?? [])].map((r) => r.slice(0, 2000)),
    adapter:
      a === null
        ? null
        : {
            vendor: a.vendor, architecture: a.architecture, device: a.device, description: a.description.slice(0, 2000), isFallbackAdapter: a.isFallbackAdapter,
            hasTimestampQuery: a.hasTimestampQuery, hasShaderF16: a.hasShaderF16, features: a.features.join(' ').slice(0, 2000),
          },
    ortBuild,
    timing: snapshot?.timing ?? 'wall-clock',
    gpuTiming: snapshot?.gpuTiming ?? null,
    gpuTimingUnavailable: snapshot?.gpuTimingUnavailable ?? null,
    userAgent: env.userAgent.slice(0, 2000),
    logicalCores: env.logicalCores,
  };
}
