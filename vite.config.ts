// Vite + Vitest configuration: React, cross-origin isolation headers, worker format.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * COOP/COEP make the page cross-origin isolated, which onnxruntime-web needs
 * for SharedArrayBuffer (multi-threaded WASM). Served by both dev and preview.
 * https://web.dev/articles/coop-coep
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  // open: the lab opens in the default browser on npm start (BROWSER=none disables it).
  server: { host: '127.0.0.1', port: 5173, open: true, headers: isolationHeaders },
  preview: { host: '127.0.0.1', port: 4173, headers: isolationHeaders },
  worker: { format: 'es' },
  // onnxruntime-web loads its .wasm/.mjs siblings relative to its own URL;
  // pre-bundling breaks that lookup.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tooling/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
