// `npm run characterize -- [--models a,b] [--model-file PATH [--dims name=N,...]]... [--backend webgpu|wasm] [--resolution N | --resolutions N,M] [--repeats N] [--confirm-live] [--quick] [--out DIR]`:
// builds and serves the app, hands model files to the page, drives window.__characterize in headless Chromium, writes report.json, CSVs and report.html, prints where the time went.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { withBuiltLab } from '../bench/browser-harness';
import type {} from '../src/app/characterize/characterize-browser';
import type { CharacterizeProgress } from '../src/app/characterize/characterize-controller';
import { CHARACTERIZE_USAGE, parseCharacterizeArgs } from '../src/core/characterize/characterize-args';
import { QUICK_MODELS } from '../src/core/characterize/characterize-options';
import { checkModelFilesExist, loadModelFiles, UsageError } from './characterize-model-files';
import { reportCsvFiles } from '../src/core/characterize/report-csv';
import { reportHtml } from '../src/core/characterize/report-html';
import { formatBreakdown } from '../src/core/characterize/step-timing';
import { parseReport, reportToJson } from '../src/core/characterize/report-parse';
import type { CharacterizeReport } from '../src/core/characterize/report-schema';

/** Port of the private preview server (the benches use 5197-5199, e2e 4173). */
const PORT = Number(process.env.CHARACTERIZE_PORT ?? 5211);

const args = parseCharacterizeArgs(process.argv.slice(2));
if (!args.ok) {
  for (const issue of args.issues) process.stderr.write(`${issue.path}: ${issue.message}\n`);
  process.stderr.write(`${CHARACTERIZE_USAGE}\n`);
  process.exit(2);
}
const { input, outDir, modelFiles } = args;
/** Prints a usage problem as one line (no stack trace) and exits with code 2; anything else is rethrown. */
function exitOnUsage(error: unknown): never {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n${CHARACTERIZE_USAGE}\n`);
  process.exit(2);
}
try {
  checkModelFilesExist(modelFiles);
} catch (error) {
  exitOnUsage(error);
}

const seconds = (ms: number | null): string => (ms === null ? '?' : `${(ms / 1000).toFixed(0)} s`);
const line = (p: CharacterizeProgress): string =>
  `[${String(p.stepsDone)}/${String(p.stepsTotal)}] ${p.label} (elapsed ${seconds(p.elapsedMs)}, left ~${seconds(p.etaMs)})`;

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadAtStart = load();
process.stdout.write(`load average at start: ${loadAtStart}\n`);
const startedMs = performance.now();
let readyMs = NaN;
let raw: unknown = null;
await withBuiltLab(PORT, async (browser, url) => {
  readyMs = performance.now();
  const page = await browser.newPage();
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  await page.goto(url);
  await page.waitForFunction(() => window.__characterize !== undefined && window.__lab !== undefined);
  if (modelFiles.length > 0) {
    await page.evaluate(() => window.__lab?.idle());
    const ids = await loadModelFiles(page, modelFiles);
    input.models = [...(input.models ?? QUICK_MODELS), ...ids];
    process.stdout.write(`model files: ${ids.join(', ')} (each at its chosen dims; the input sizes apply to zoo models only)\n`);
  }
  process.on('SIGINT', () => {
    process.stderr.write('stopping: the report keeps what was measured so far\n');
    void page.evaluate(() => window.__characterize?.stop()).catch(() => undefined);
  });
  const running = page.evaluate((options) => window.__characterize?.run(options) ?? Promise.reject(new Error('no hook')), input);
  let done = false;
  void running.finally(() => (done = true)).catch(() => undefined);
  let last = '';
  while (!done) {
    const p = await page.evaluate(() => window.__characterize?.progress() ?? null).catch(() => null);
    if (p !== null && p.label !== '' && p.label !== last) {
      last = p.label;
      process.stdout.write(`${line(p)}\n`);
    }
    await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
  }
  raw = await running;
}).catch(exitOnUsage);

const checked = parseReport(JSON.parse(JSON.stringify(raw)));
if (!checked.ok) {
  process.stderr.write(`the page's report does not validate: ${checked.error}\n`);
  process.exit(1);
}
const report: CharacterizeReport = checked.report;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'report.json'), reportToJson(report));
writeFileSync(join(outDir, 'report.html'), reportHtml(report));
for (const [name, text] of reportCsvFiles(report)) writeFileSync(join(outDir, name), text);
const mape = report.model?.mapePct;
const totalSec = (performance.now() - startedMs) / 1000;
const live = report.liveCapacity;
process.stdout.write(
  `${formatBreakdown(report.timing ?? [])}\n` +
    `wrote ${join(outDir, 'report.json')}, report.html and CSVs\n` +
    `total ${totalSec.toFixed(1)} s: build, server and browser ${((readyMs - startedMs) / 1000).toFixed(1)} s, characterization ${(report.wallMs / 1000).toFixed(1)} s; backend ${report.device.backendUsed ?? '?'}; load average at start ${loadAtStart}, at end ${load()}\n` +
    `held-out MAPE: concurrent ${mape?.concurrent?.toFixed(1) ?? '–'}%, time-sliced ${mape?.timeSliced?.toFixed(1) ?? '–'}%, all ${mape?.overall?.toFixed(1) ?? '–'}%\n` +
    (live === null || live === undefined ? '' : `capacity confirmed live (${live.policy}): ${live.outcome}, holds ${live.holdsFactor?.toFixed(3) ?? '–'}x, fails ${live.failsFactor?.toFixed(3) ?? '–'}x (simulated ${live.simulated.holdsFactor?.toFixed(3) ?? '–'}x-${live.simulated.failsFactor?.toFixed(3) ?? '–'}x), ${String(live.probes)} probes\n`),
);
if (report.errors.length > 0) process.stderr.write(`${String(report.errors.length)} errors, first: ${report.errors[0] ?? ''}\n`);
