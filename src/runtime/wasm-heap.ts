// Sees the WebAssembly.Memory that onnxruntime-web creates in this worker, so a lane can report its heap size.

/** Memories created in this worker since {@link watchWasmMemories}, newest last. */
const seen: WebAssembly.Memory[] = [];
let installed = false;

/**
 * Wraps the WebAssembly.Memory constructor of this worker (once) so that every memory made after it
 * is remembered; onnxruntime-web's Emscripten glue makes its heap with `new WebAssembly.Memory(...)`
 * when it starts. Call before loading ORT. Instances stay real WebAssembly.Memory objects.
 */
export function watchWasmMemories(): void {
  if (installed) return;
  installed = true;
  const Original = WebAssembly.Memory;
  class Watched extends Original {
    constructor(descriptor: WebAssembly.MemoryDescriptor) {
      super(descriptor);
      seen.push(this);
    }
  }
  WebAssembly.Memory = Watched;
}

/**
 * The size of the largest WebAssembly.Memory made in this worker (the ORT heap), bytes; null when none
 * was seen. A wasm heap grows and never shrinks, so this is a high-water mark.
 */
export function wasmHeapBytes(): number | null {
  let largest: number | null = null;
  for (const memory of seen) largest = Math.max(largest ?? 0, memory.buffer.byteLength);
  return largest;
}
