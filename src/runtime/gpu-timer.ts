// GPU execution time per run from onnxruntime-web's per-kernel WebGPU timestamps (JSEP build, adapter with timestamp-query).
import { nsToMs, ns, type Ms } from '../core/units';
import type { AdapterFacts } from './adapter-facts';
import type { Backend, OrtBuild } from './lane-protocol';
import type { Ort } from './ort-loader';

/** How a lane times the GPU: JSEP's per-kernel timestamp queries, summed per run. */
export const GPU_TIMING_SOURCE = 'timestamp-query: sum of per-kernel GPU times (onnxruntime-web JSEP profiling)';

/** Chromium's timestamp queries inside compute passes, which JSEP prefers when the adapter offers them. */
const INSIDE_PASSES = 'chromium-experimental-timestamp-query-inside-passes';

/**
 * Why GPU time cannot be measured for a session, or null when it can. Only the JSEP build emits
 * per-kernel timestamps (env.webgpu.profiling); the native WebGPU EP emitted none (shared/DESIGN.md).
 */
export function gpuTimingUnavailable(backend: Backend, build: OrtBuild, adapter: AdapterFacts | null): string | null {
  if (backend !== 'webgpu') return 'the session runs on WASM (no GPU)';
  if (build !== 'jsep') return "the native WebGPU EP ('webgpu-ep' build) emits no per-kernel timestamps; use the 'jsep' build";
  // JSEP enables Chromium's inside-passes variant instead of 'timestamp-query' where offered.
  const timestamps = adapter === null || adapter.hasTimestampQuery || adapter.features.includes(INSIDE_PASSES);
  if (!timestamps) return "the device lacks the 'timestamp-query' feature";
  return null;
}

/**
 * Sums the GPU time of the kernels of each run. ORT reads the timestamps back when it flushes its
 * commands, before it reads the outputs, so a run's kernels are in by the time `run()` resolves;
 * `end()` still yields one macrotask when none arrived. One lane runs one session at a time, so
 * kernels are never mixed between runs.
 */
export class GpuTimer {
  private totalNs = 0;
  private kernels = 0;

  /** Turns on ORT's WebGPU profiling in this lane (it applies from the next run on). */
  constructor(ort: Ort) {
    ort.env.webgpu.profiling = {
      mode: 'default',
      ondata: (data) => {
        this.totalNs += data.endTime - data.startTime;
        this.kernels++;
      },
    };
  }

  begin(): void {
    this.totalNs = 0;
    this.kernels = 0;
  }

  /** GPU time of the run since begin(), ms; null when no kernel timestamp arrived. */
  async end(): Promise<Ms | null> {
    if (this.kernels === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    return this.kernels === 0 ? null : nsToMs(ns(this.totalNs));
  }
}
