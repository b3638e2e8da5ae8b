// Loads one onnxruntime-web build in the current worker and points it at its .wasm, served by Vite in dev and build.
import jsepWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import asyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type * as OrtModule from 'onnxruntime-web';
import { assertUnreachable } from '../core/assert';
import type { OrtBuild } from './lane-protocol';

/** The onnxruntime-web module (both builds share one API). */
export type Ort = typeof OrtModule;

/**
 * Imports the build and sets `env.wasm.wasmPaths.wasm` to the URL Vite gives the
 * matching binary (`?url`), so it loads from this origin in `vite` and in
 * `vite build` output, never from a CDN. The .mjs glue is inside the bundle
 * build; its pthread workers re-import the bundle chunk by its own URL, which
 * is why ORT is imported dynamically (a chunk of its own, not the lane's).
 */
export async function loadOrt(build: OrtBuild): Promise<Ort> {
  let ort: Ort;
  let wasmUrl: string;
  switch (build) {
    case 'jsep':
      ort = await import('onnxruntime-web');
      wasmUrl = jsepWasmUrl;
      break;
    case 'webgpu-ep':
      ort = await import('onnxruntime-web/webgpu');
      wasmUrl = asyncifyWasmUrl;
      break;
    default:
      return assertUnreachable(build);
  }
  // ORT wants an absolute URL; Vite's ?url is origin-relative.
  ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, globalThis.location.href).href };
  return ort;
}
