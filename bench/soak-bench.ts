// Soak benchmark in headless Chromium: a long open-loop run of tiny-cnn on WASM through the page, the heap of the page and of every worker each minute, growth per 100k requests.
// Usage: npm run bench:soak -- --minutes N [--rate R] [--heap-census]   (defaults: 3 minutes, 500 completed requests/s)
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { BYTES_PER_REQUEST, BYTES_PER_SLICE } from '../src/app/run/event-columns';
import type { RunRecord } from '../src/app/run/run-record';
import { experimentToHash, parseExperiment, type ExperimentInput } from '../src/core/experiment';
import { withBuiltLab } from './browser-harness';
import { censusGrowth, heapCensus, type HeapCensus } from './heap-census';

const PORT = 5194;
const MB = 1024 ** 2;

/** `--name VALUE` as a positive number, or the default. */
function numberFlag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`--${name}: expected a positive number, got '${String(process.argv[i + 1])}'`);
  return value;
}
const MINUTES = numberFlag('minutes', 3);
/** Also take a heap snapshot of the page at the first and last reading, and print what grew most. */
const HEAP_CENSUS = process.argv.includes('--heap-census');
const RATE_PER_SEC = numberFlag('rate', 500);
const loadText = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Two tiny-cnn@32 tenants, Poisson at half the rate each, FCFS on one WASM lane at dispatch depth 2. */
function soakExperiment(): string {
  const tenant = (id: string): ExperimentInput['tenants'][number] => ({
    id, model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: RATE_PER_SEC / 2 } }, sloMs: 100, queueLimit: 64,
  });
  const parsed = parseExperiment({
    schemaVersion: 1, name: 'soak', tenants: [tenant('a'), tenant('b')], scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode: 'time-sliced', dispatchDepth: 2 }, warmupMs: 1000, durationMs: MINUTES * 60_000, seed: 5,
  } satisfies ExperimentInput);
  if (!parsed.ok) throw new Error(`soak experiment: ${JSON.stringify(parsed.issues)}`);
  return `#${experimentToHash(parsed.experiment)}`;
}

/** One JS heap reachable over CDP: the page, or a worker (nested workers through their parent's session). */
interface HeapTarget {
  readonly label: string;
  /** Session ids from the page's session inwards. */
  readonly path: readonly string[];
}

/**
 * Finds the page's workers and their nested workers (lane workers live inside the engine worker) with
 * CDP auto-attach, and calls methods in them through Target.sendMessageToTarget (non-flat sessions:
 * Playwright's CDPSession cannot address a child session directly).
 */
class WorkerHeaps {
  readonly targets: HeapTarget[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => this.attached([e.sessionId], e.targetInfo.url));
    cdp.on('Target.receivedMessageFromTarget', (e) => this.received([e.sessionId], e.message));
  }

  async start(): Promise<void> {
    await this.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }

  /** Calls `method` in the target at `path` (empty: the page itself). */
  async call(path: readonly string[], method: string, params: object = {}): Promise<unknown> {
    if (path.length === 0) return this.cdp.send(method as 'Runtime.getHeapUsage', params);
    const id = this.nextId++;
    let message = JSON.stringify({ id, method, params });
    for (let i = path.length - 1; i >= 1; i--) message = JSON.stringify({ id: this.nextId++, method: 'Target.sendMessageToTarget', params: { sessionId: path[i], message } });
    const answer = new Promise<unknown>((resolve) => this.waiting.set(id, resolve));
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: path[0] as string, message });
    return answer;
  }

  private received(path: string[], text: string): void {
    const message = JSON.parse(text) as { id?: number; method?: string; params?: { sessionId: string; message: string; targetInfo: { url: string } }; result?: unknown };
    const resolve = message.id === undefined ? undefined : this.waiting.get(message.id);
    if (resolve !== undefined && message.id !== undefined) {
      this.waiting.delete(message.id);
      resolve(message.result);
    } else if (message.method === 'Target.receivedMessageFromTarget' && message.params) {
      this.received([...path, message.params.sessionId], message.params.message);
    } else if (message.method === 'Target.attachedToTarget' && message.params) {
      this.attached([...path, message.params.sessionId], message.params.targetInfo.url);
    }
  }

  private attached(path: string[], url: string): void {
    const file = url.slice(url.lastIndexOf('/') + 1).replace(/-[\w-]{8}\.js$/, '.js');
    const siblings = this.targets.filter((t) => t.path.length === path.length && t.label.startsWith(file)).length;
    this.targets.push({ label: `${file}${siblings > 0 ? ` #${String(siblings + 1)}` : ''}`, path });
    void this.call(path, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }

  /**
   * Memory of the target after a full garbage collection, bytes: the JS heap in use plus the backing
   * stores of its array buffers (where the page's typed-array columns live; a lane's onnxruntime heap
   * is a WebAssembly.Memory, reported by bench:memory instead).
   */
  async usedAfterGc(path: readonly string[]): Promise<number> {
    await this.call(path, 'HeapProfiler.collectGarbage');
    const usage = (await this.call(path, 'Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return usage.usedSize + (usage.backingStorageSize ?? 0);
  }
}

/** Completed requests as the run section shows them, and where the run stands. */
async function progress(page: Page): Promise<{ completed: number; phase: string }> {
  const counts = (await page.getByTestId('run-counts').textContent()) ?? '';
  return {
    completed: Number(/^(\d+) requests completed/.exec(counts.trim())?.[1] ?? NaN),
    phase: (await page.getByTestId('run').getAttribute('data-run-phase')) ?? '',
  };
}

/** Least-squares slope of y over x (NaN with fewer than two distinct x). */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    sxx += ((xs[i] as number) - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

interface Reading {
  readonly completed: number;
  readonly heaps: ReadonlyMap<string, number>;
}

async function soak(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const heaps = new WorkerHeaps(cdp);
  const censuses: { completed: number; census: HeapCensus }[] = [];
  await heaps.start();
  await page.goto(`/${soakExperiment()}`);
  await page.getByTestId('run-backend').selectOption('wasm');
  await page.getByTestId('run-profile-runs').fill('10');
  await page.getByTestId('run-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.getAttribute('data-run-phase') === 'running');
  const readings: Reading[] = [];
  const read = async (): Promise<Reading> => {
    const { completed } = await progress(page);
    const sizes = new Map<string, number>([['page', await heaps.usedAfterGc([])]]);
    for (const t of heaps.targets) sizes.set(t.label, await heaps.usedAfterGc(t.path));
    return { completed, heaps: sizes };
  };
  const started = Date.now();
  console.log(`\n${'minute'.padEnd(7)}${'completed'.padStart(10)}${'rate/s'.padStart(8)}  JS heap + array buffers after a GC (MB) · load average`);
  let previous = { completed: 0, atMs: started };
  for (let minute = 0; minute <= MINUTES; minute++) {
    // The last reading a moment before arrivals stop (the run then drains and ends).
    const dueMs = started + Math.min(minute * 60_000, MINUTES * 60_000 - 5000);
    await page.waitForTimeout(Math.max(0, dueMs - Date.now()));
    const { phase } = await progress(page);
    if (phase !== 'running') break;
    const reading = await read();
    readings.push(reading);
    // The last minute's reading may not come (arrivals end just before it): the one before it closes the census.
    if (HEAP_CENSUS && (minute === 1 || minute === Math.max(2, MINUTES - 1))) censuses.push({ completed: reading.completed, census: await heapCensus(cdp) });
    const rate = ((reading.completed - previous.completed) * 1000) / Math.max(1, Date.now() - previous.atMs);
    previous = { completed: reading.completed, atMs: Date.now() };
    const cells = [...reading.heaps].map(([label, bytes]) => `${label} ${(bytes / MB).toFixed(2)}`).join(', ');
    console.log(`${String(minute).padEnd(7)}${String(reading.completed).padStart(10)}${(minute === 0 ? '' : rate.toFixed(0)).padStart(8)}  ${cells} · ${loadText()}`);
  }
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.getAttribute('data-run-live') === 'false', undefined, { timeout: 600_000 });
  const end = await progress(page);
  const measuredS = (Date.now() - started) / 1000;
  console.log(`growth per 100k completed requests (least-squares over ${String(readings.length)} minute readings after a full GC; time-based growth, e.g. the charts' points at 5 Hz, counts in too):`);
  const labels = [...new Set(readings.flatMap((r) => [...r.heaps.keys()]))];
  for (const label of labels) {
    const rows = readings.filter((r) => r.heaps.has(label));
    const perRequest = slope(rows.map((r) => r.completed), rows.map((r) => r.heaps.get(label) as number));
    const first = rows[0]?.heaps.get(label) ?? NaN;
    const last = rows.at(-1)?.heaps.get(label) ?? NaN;
    console.log(`  ${label.padEnd(24)} ${((perRequest * 100_000) / MB).toFixed(3).padStart(8)} MB per 100k   (${(first / MB).toFixed(2)} -> ${(last / MB).toFixed(2)} MB)`);
  }
  const [first, last] = censuses;
  if (first !== undefined && last !== undefined) {
    console.log(`page heap: what grew most between ${String(first.completed)} and ${String(last.completed)} completed requests (self size; heap snapshots after a full GC):`);
    for (const line of censusGrowth(first.census, last.census)) console.log(`  ${line}`);
  }
  // The run file says what the engine measured: its elapsed time and how late arrivals were issued.
  const exportStarted = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('run-export-json').click()]);
  const text = await readFile(await download.path(), 'utf8');
  const exportS = (Date.now() - exportStarted) / 1000;
  const record = JSON.parse(text) as RunRecord;
  const elapsedS = record.outcome.elapsedMs / 1000;
  const late = record.outcome.arrivalLateness;
  console.log(
    `\nrun ${end.phase}: ${String(record.events.length)} requests completed in ${elapsedS.toFixed(0)} s (engine clock): sustained ${(record.events.length / elapsedS).toFixed(0)} completed/s ` +
      `of ${String(RATE_PER_SEC)} asked; ${String(record.summary?.overall.ledger.dropped ?? 0)} dropped; arrivals late > 1 ms: ${((late?.lateShare ?? 0) * 100).toFixed(1)} %, p99 lateness ${(late?.p99Ms ?? 0).toFixed(1)} ms`,
  );
  console.log(`export: ${(text.length / MB).toFixed(1)} MB of JSON (${String(record.events.length)} events, ${String(record.slices.length)} slices) in ${exportS.toFixed(1)} s; whole bench ${measuredS.toFixed(0)} s; load average ${loadText()}`);
  console.log(`page columns: ${String(BYTES_PER_REQUEST)} B per request + ${String(BYTES_PER_SLICE)} B per slice = ${(((BYTES_PER_REQUEST + BYTES_PER_SLICE) * 100_000) / MB).toFixed(1)} MB per 100k whole-inference requests (the stated bound)`);
}

async function main(): Promise<void> {
  await withBuiltLab(PORT, async (browser, url) => {
    console.log(`soak bench: ${String(MINUTES)} min at ${String(RATE_PER_SEC)} requests/s asked (two tiny-cnn@32 tenants, Poisson, FCFS, one WASM lane, depth 2); ${String(cpus().length)} CPUs, load average ${loadText()}`);
    const context = await browser.newContext({ baseURL: url, serviceWorkers: 'block', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await soak(page);
    await context.close();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
