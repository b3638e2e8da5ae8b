// The one place that says which Chromium the e2e tests and headless tools launch, and with which flags.

/** Debian's Chromium unless CHROME_PATH overrides it. */
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Flags for headless WebGPU on a CPU-only machine (SwiftShader) without any
 * outside network traffic. WebGPU still needs a secure origin (127.0.0.1).
 */
export const chromiumArgs = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu-watchdog',
];
