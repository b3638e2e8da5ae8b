// Vite + Vitest configuration: React, cross-origin isolation headers, worker format.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * COOP/COEP make the page cross-origin isolated, which onnxruntime-web needs
 * for SharedArrayBuffer (multi-threaded WASM). Served by both dev and preview.
 * https://web.dev/articles/coop-coep
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Offline and installable: a web app manifest, and a service worker (Workbox, generated at build time)
 * that precaches the whole built app, onnxruntime-web's .wasm files included, so that after one visit
 * the lab opens and runs with the network off. Cached responses keep their COOP/COEP headers, so the
 * page stays cross-origin isolated offline. Only in `vite build` output (the dev server has none).
 */
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: 'script-defer',
  includeAssets: ['icon.svg'],
  manifest: {
    name: 'Tenancy Lab',
    short_name: 'Tenancy Lab',
    description: 'An in-browser lab for multi-tenant DNN inference: several CNNs share the local GPU under a scheduler you choose.',
    start_url: '.',
    display: 'standalone',
    background_color: '#1d3557',
    theme_color: '#1d3557',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,wasm,svg,png,webmanifest}'],
    // onnxruntime-web's .wasm binaries are 10-25 MB each.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // The first visit's page is controlled as soon as the precache is complete (no second visit needed).
    clientsClaim: true,
    skipWaiting: true,
  },
});

export default defineConfig({
  plugins: [react(), pwa],
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
