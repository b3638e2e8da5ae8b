// What the browser benchmarks share: a private production build served by vite preview on its own port, and headless Chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${String(server.exitCode)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * Builds the app into a temporary folder, serves it on `port` and launches Chromium; runs `body`
 * with the browser and the page URL, then stops everything. A private build and port, so a
 * benchmark never disturbs dist/ or a running e2e server.
 */
export async function withBuiltLab(port: number, body: (browser: Browser, url: string) => Promise<void>): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'tenancy-bench-'));
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  // Vite's own entry under this node (not npx), so that kill() stops the server itself.
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', env: { ...process.env, BROWSER: 'none' } });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  try {
    const url = `http://127.0.0.1:${String(port)}/`;
    await waitForServer(url, server);
    await body(browser, url);
  } finally {
    await browser.close();
    server.kill();
    rmSync(outDir, { recursive: true, force: true });
  }
}
