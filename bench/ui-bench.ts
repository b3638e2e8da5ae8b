// UI benchmark in headless Chromium: per preset, time to the first chart and to the lesson (first and second run); main-thread long tasks, chart refresh rate and layout shifts while the lab page runs live.
// Usage: npm run bench:ui [-- --seconds 20] [--only presets|long-tasks] [--preset <id>] [--lesson]
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { experimentToHash, parseExperiment, type ExperimentInput } from '../src/core/experiment';
import { PRESETS } from '../src/app/presets/catalog';
import { CHART_MEASURE_PREFIX } from '../src/ui/run/use-staggered';
import { withBuiltLab } from './browser-harness';

const PORT = 5196;
/** Long tasks above this many ms count (the target: none while running at 100 completed requests per second). */
const LONG_TASK_MS = 50;
const secondsFlag = process.argv.indexOf('--seconds');
const SECONDS = secondsFlag >= 0 ? Number(process.argv[secondsFlag + 1]) : 20;
if (!(SECONDS > 0)) throw new Error('--seconds: expected a positive number');
const flag = (name: string): string | null => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
};
const ONLY = flag('--only');
if (ONLY !== null && ONLY !== 'presets' && ONLY !== 'long-tasks') throw new Error(`--only: expected presets or long-tasks, got ${ONLY}`);
const ONE_PRESET = flag('--preset');
/** Also time each preset's one-click lesson in Compare (after the two runs, in the same page). */
const LESSON = process.argv.includes('--lesson');
/** The run charts whose first data point counts as "the first chart". */
const CHARTS = ['chart-throughput', 'chart-slo', 'chart-latency', 'chart-interference', 'chart-queue', 'chart-timeline'];

/** Two tiny-cnn@32 tenants on WASM, constant arrivals adding up to `totalPerSec`, one time-sliced lane. */
function experiment(totalPerSec: number): ExperimentInput {
  const tenant = (id: string) => ({
    id, model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, sloMs: 50, queueLimit: 64,
    arrival: { kind: 'constant', rate: { unit: 'per-sec', value: totalPerSec / 2 } },
  }) as const;
  return {
    schemaVersion: 1, name: `ui bench ${String(totalPerSec)} per s`, tenants: [tenant('a'), tenant('b')],
    scheduler: { policy: 'fcfs', granularity: 'inference' }, lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs: 2000, durationMs: SECONDS * 1000, seed: 9,
  };
}

/** One chart's refreshes while running: how many, and their render + commit times (ms). */
interface ChartCost {
  readonly chart: string;
  readonly durationsMs: readonly number[];
}

interface Figures {
  readonly runningS: number;
  readonly completedPerSec: number;
  readonly longTasks: readonly number[];
  readonly charts: readonly ChartCost[];
  readonly layoutShift: number;
}

/** Opens the lab with the experiment in the URL, runs it live on WASM and reads the page's own performance entries. */
async function measure(browser: Browser, url: string, totalPerSec: number): Promise<Figures> {
  const parsed = parseExperiment(experiment(totalPerSec));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(600_000);
  // tsx compiles named functions inside page.evaluate callbacks with esbuild's __name helper, which the page lacks.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.goto(`${url}#${experimentToHash(parsed.experiment)}`);
  await page.getByTestId('run-backend').selectOption('wasm');
  await page.evaluate(() => {
    const w = window as unknown as { benchLong: number[][]; benchShift: number[][]; benchPhase: [string, number][] };
    w.benchLong = [];
    w.benchShift = [];
    w.benchPhase = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.benchLong.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.benchShift.push([e.startTime, e.value]);
    }).observe({ type: 'layout-shift' });
    const run = document.querySelector('[data-testid=run]');
    if (run === null) throw new Error('no run section');
    new MutationObserver(() => w.benchPhase.push([run.getAttribute('data-run-phase') ?? '', performance.now()])).observe(run, { attributes: true, attributeFilter: ['data-run-phase'] });
  });
  await page.getByTestId('run-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.getAttribute('data-run-live') === 'false', null, { timeout: (SECONDS + 300) * 1000 });
  const figures = await page.evaluate(([longMs, prefix]) => {
    const w = window as unknown as { benchLong: number[][]; benchShift: number[][]; benchPhase: [string, number][] };
    const from = w.benchPhase.find(([phase]) => phase === 'running')?.[1] ?? 0;
    const to = w.benchPhase.find(([phase, t]) => t > from && ['finished', 'stopped', 'failed'].includes(phase))?.[1] ?? performance.now();
    const inside = (t: number) => t >= from && t <= to;
    const charts: Record<string, number[]> = {};
    for (const m of performance.getEntriesByType('measure')) {
      if (m.name.startsWith(prefix) && inside(m.startTime)) (charts[m.name.slice(prefix.length)] ??= []).push(m.duration);
    }
    const completed = Number(document.querySelector('[data-testid=run-row-overall] [data-testid=run-completed]')?.textContent ?? 'NaN');
    return {
      runningS: (to - from) / 1000,
      completed,
      longTasks: w.benchLong.filter(([t, d]) => inside(t as number) && (d as number) > longMs).map(([, d]) => d as number),
      charts: Object.entries(charts).map(([chart, durationsMs]) => ({ chart, durationsMs })),
      layoutShift: w.benchShift.filter(([t]) => inside(t as number)).reduce((sum, [, v]) => sum + (v as number), 0),
    };
  }, [LONG_TASK_MS, CHART_MEASURE_PREFIX] as const);
  await page.close();
  const measuredS = SECONDS;
  return {
    runningS: figures.runningS,
    completedPerSec: figures.completed / measuredS,
    longTasks: figures.longTasks,
    charts: figures.charts,
    layoutShift: figures.layoutShift,
  };
}

/** Seconds from `fromMs` (page clock) until any run chart has a data point, and until the run has ended; and how it ended. */
async function timeRun(page: Page, fromMs: number): Promise<{ firstChartS: number; lessonS: number; phase: string }> {
  // The new run's (empty) charts first: the previous run's stay on screen until the click is rendered.
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.getAttribute('data-run-live') === 'true');
  const firstChart = await page.waitForFunction((ids) => (ids.some((id) => Number(document.querySelector(`[data-testid=${id}]`)?.getAttribute('data-points') ?? 0) > 0) ? performance.now() : false), CHARTS);
  const firstChartMs = Number(await firstChart.jsonValue());
  const ended = await page.waitForFunction(() => (document.querySelector('[data-testid=run]')?.getAttribute('data-run-live') === 'false' ? performance.now() : false), null, { timeout: 900_000 });
  const lessonMs = Number(await ended.jsonValue());
  const phase = (await page.getByTestId('run').getAttribute('data-run-phase')) ?? '';
  return { firstChartS: (firstChartMs - fromMs) / 1000, lessonS: (lessonMs - fromMs) / 1000, phase };
}

/**
 * A preset as a new user meets it: a fresh browser context (no cached solo profiles), the page
 * opened, the preset picked, Run live pressed with the page's own settings (on a software adapter it
 * fits itself: WASM, inputs scaled down to 32 px); then Run live again in the same page. The first run is timed from the
 * page's navigation, the second from its click; "the lesson" is the run's end (every chart final).
 */
async function presetTimes(browser: Browser, url: string, presetId: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(url);
  await page.getByTestId(`preset-${presetId}`).click();
  await page.getByTestId('run-start').click();
  const first = await timeRun(page, 0);
  const fit = await page.getByTestId('run-fit').count() > 0 ? 'fitted to WASM, inputs scaled down to 32 px' : 'as it was';
  const clickMs = await page.evaluate(() => performance.now());
  await page.getByTestId('run-start').click();
  const second = await timeRun(page, clickMs);
  const backend = await page.getByTestId('run-backend').inputValue();
  const lesson = LESSON ? `; ${await lessonTime(page)}` : '';
  await context.close();
  const s = (x: number): string => `${x.toFixed(1)} s`;
  return `${presetId.padEnd(18)} ${backend} (${fit}): first run: first chart ${s(first.firstChartS)}, lesson ${s(first.lessonS)} (${first.phase}); ` +
    `second run: first chart ${s(second.firstChartS)}, lesson ${s(second.lessonS)} (${second.phase})${lesson}`;
}

/**
 * The preset's one-click lesson in Compare at the preset's own durations: seconds from the click to the verdict, the
 * verdict, and how busy the page's main thread was meanwhile (CDP's TaskDuration: every task on it, script, style,
 * layout and paint), CPU the lane and engine workers compete for on a small machine.
 */
async function lessonTime(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskS = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  const taskFromS = await taskS();
  const clickMs = await page.evaluate(() => performance.now());
  await page.getByTestId('compare-lesson').click();
  const done = await page.waitForFunction(() => {
    const status = document.querySelector('[data-testid=compare]')?.getAttribute('data-status');
    return status === 'done' || status === 'failed' ? performance.now() : false;
  }, null, { timeout: 1_800_000 });
  const seconds = (Number(await done.jsonValue()) - clickMs) / 1000;
  const busy = (await taskS() - taskFromS) / seconds;
  await cdp.detach();
  const verdict = page.getByTestId('compare-verdict');
  const text = (await verdict.count()) > 0 ? ((await verdict.textContent()) ?? '').replace(/^Lesson:\s*/, '') : ((await page.getByTestId('compare-error').textContent()) ?? 'no verdict');
  return `one-click lesson ${seconds.toFixed(1)} s (main thread busy ${(busy * 100).toFixed(0)}% of it): ${text}`;
}

async function main(): Promise<void> {
  await withBuiltLab(PORT, async (browser, url) => {
    if (ONLY !== 'long-tasks') {
      const presets = PRESETS.filter((p) => ONE_PRESET === null || p.id === ONE_PRESET);
      if (presets.length === 0) throw new Error(`--preset: no preset '${ONE_PRESET ?? ''}'`);
      console.log(`ui bench, time to first insight: ${String(cpus().length)} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; each preset with the page's own settings, viewport 1280x900; first run from opening the page, second from its click; lesson = the run's end`);
      for (const preset of presets) console.log(await presetTimes(browser, url, preset.id));
      console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      if (ONLY === 'presets') return;
    }
    console.log(`ui bench: ${String(cpus().length)} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; WASM, tiny-cnn@32, 2 tenants, ${String(SECONDS)} s measured after 2 s warm-up, viewport 1280x900`);
    const rows: [number, Figures][] = [];
    for (const rate of [100, 1000]) rows.push([rate, await measure(browser, url, rate)]);
    for (const [rate, f] of rows) {
      const max = f.longTasks.length > 0 ? Math.max(...f.longTasks) : 0;
      const verdict = rate === 100 ? ` (target: none: ${f.longTasks.length === 0 ? 'met' : 'NOT met'})` : '';
      const hz = f.charts.map((c) => c.durationsMs.length / f.runningS);
      console.log(
        `offered ${String(rate)} req/s: completed ${f.completedPerSec.toFixed(1)} req/s over the measured period; while running (${f.runningS.toFixed(1)} s): ` +
          `long tasks > ${String(LONG_TASK_MS)} ms: ${String(f.longTasks.length)}${verdict}, longest ${max.toFixed(0)} ms; ` +
          `chart refresh rate ${Math.min(...hz).toFixed(2)}-${Math.max(...hz).toFixed(2)} Hz per chart (engine snapshots: 5 Hz); layout shift ${f.layoutShift.toFixed(4)}`,
      );
      for (const c of f.charts) {
        const sorted = [...c.durationsMs].sort((a, b) => a - b);
        console.log(`    ${c.chart}: ${String(sorted.length)} refreshes, render + commit median ${(sorted[sorted.length >> 1] ?? NaN).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`);
      }
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
