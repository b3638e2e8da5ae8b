// Playwright e2e configuration: Debian's Chromium (CHROME_PATH overrides), headless, WebGPU via SwiftShader.
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/chromium';

// One port per run (workers inherit it through the environment), so two runs on one
// machine never share, or silently reuse, each other's server. E2E_PORT pins it.
process.env.E2E_PORT ??= String(5200 + (process.pid % 700));
const port = Number(process.env.E2E_PORT);
const outDir = `dist/e2e-${port}`;

export default defineConfig({
  testDir: 'e2e',
  // Every preset's lesson with its real models takes far longer than CI's budget on a 2-core machine: `npm run test:lessons` runs it.
  testIgnore: process.env.LESSONS_E2E === '1' ? [] : ['**/lessons.spec.ts'],
  outputDir: 'test-results/playwright',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
    // The lab's service worker precaches ~40 MB (ORT's wasm) in every new context: only the offline spec allows it.
    serviceWorkers: 'block',
  },
  // The e2e tests run against the production build (what ships; no dev-server reloads mid-test).
  webServer: {
    command: `npx vite build --logLevel warn --emptyOutDir --outDir ${outDir} && npx vite preview --outDir ${outDir} --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { BROWSER: 'none' },
  },
});
