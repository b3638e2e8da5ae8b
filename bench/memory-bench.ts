// Memory benchmark in headless Chromium: lane heaps of the default preset's three lessons in a row, one symbolic-batch session vs per-batch sessions.
// Usage: npm run bench:memory [-- --quick]   (--quick: WASM at 32 px only)
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { EngineRunResult, LaneProbeResult, LaneProbeStep } from '../src/app/engine-test-hook';
import type { EngineOptions } from '../src/engine/engine-protocol';
import { PRESETS } from '../src/app/presets/catalog';
import type { Experiment } from '../src/core/experiment';
import type { Backend, LaneMemory, PrepareSpec } from '../src/runtime/lane-protocol';
import { describeModel } from '../src/zoo';
import type { ModelId } from '../src/zoo/model-ids';
import { withBuiltLab } from './browser-harness';

const PORT = 5198;
const QUICK = process.argv.includes('--quick');
const MB = 1024 ** 2;
const mb = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / MB).toFixed(0)} MB`);
const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));
const hook = (page: Page) => page.evaluateHandle(() => window.__engine as NonNullable<Window['__engine']>);

/** Per configuration: runs short enough to finish, long enough that every tenant is served (VGG-16 on SwiftShader takes ~10 s a run). */
interface Config {
  readonly backend: Backend;
  readonly resolution: number;
  readonly profileRuns: number;
  readonly warmupRuns: number;
  readonly durationMs: number;
}
const CONFIGS: readonly Config[] = [
  { backend: 'wasm', resolution: 32, profileRuns: 10, warmupRuns: 2, durationMs: 4000 },
  ...(QUICK ? [] : [
    { backend: 'wasm', resolution: 224, profileRuns: 3, warmupRuns: 1, durationMs: 6000 },
    { backend: 'webgpu', resolution: 32, profileRuns: 2, warmupRuns: 1, durationMs: 20000 },
  ] as const satisfies readonly Config[]),
];

/** The default preset ('Real-time beside best-effort') at one input size, in lesson `lesson` (fcfs, priority, priority + 4 layer blocks). */
function lessonExperiment(config: Config, lesson: 0 | 1 | 2): Experiment {
  const preset = PRESETS.find((p) => p.id === 'rt-beside-be');
  if (preset === undefined) throw new Error("no preset 'rt-beside-be'");
  const base = preset.experiment;
  const scheduler = [
    { policy: 'fcfs', granularity: 'inference' },
    { policy: 'priority', granularity: 'inference' },
    { policy: 'priority', granularity: 'layer-blocks', blocks: 4 },
  ][lesson] as Experiment['scheduler'];
  return {
    ...base, scheduler, warmupMs: 500, durationMs: config.durationMs,
    tenants: base.tenants.map((t) => ({ ...t, resolution: config.resolution })),
  };
}

const LESSONS = ['FCFS', 'priority', 'priority + 4 layer blocks'] as const;

function laneLine(lanes: readonly LaneMemory[]): string {
  return lanes.map((l, i) => `lane ${String(i)}: heap ${mb(l.wasmHeapBytes)} (high-water mark), estimate of sessions held ${mb(l.heldBytes)} [${l.sessions.map((s) => s.key).join(', ')}]`).join('; ');
}

/** The three lessons back to back in one page (lanes kept between runs, as the page does). */
async function threeLessons(page: Page, config: Config): Promise<void> {
  console.log(`\n== ${config.backend} @${config.resolution}px: the default preset's three lessons back to back (profile runs ${config.profileRuns}, ${config.durationMs / 1000} s each) ==`);
  const engine = await hook(page);
  const options: EngineOptions = { backend: config.backend, allowFallback: false, profileRuns: config.profileRuns, profileWarmupRuns: config.warmupRuns };
  for (const lesson of [0, 1, 2] as const) {
    const started = Date.now();
    const result: EngineRunResult = await engine.evaluate((e, [x, o]) => e.run(x, o), [lessonExperiment(config, lesson), options] as const);
    const lanes = await engine.evaluate((e) => e.laneMemory());
    const s = result.snapshot;
    const camera = s?.metrics?.tenants.find((t) => t.id === 'camera');
    const outcome = s?.error ? `FAILED: ${s.error}` : `${s?.phase ?? 'no snapshot'}, ${String(s?.metrics?.overall.ledger.completed ?? 0)} completed, camera p99 ${fmt(camera?.latencyMs.p99.value, 1)} ms`;
    console.log(`  ${LESSONS[lesson]}: ${outcome} (${((Date.now() - started) / 1000).toFixed(0)} s wall). After it: ${laneLine(lanes)}`);
  }
}

function spec(backend: Backend, modelId: ModelId, maxBatch: number, fixedBatch?: number): PrepareSpec {
  return { source: { kind: 'zoo', modelId, resolution: 32, seed: 1 }, maxBatch, ...(fixedBatch === undefined ? {} : { fixedBatch }), backend, build: 'webgpu-ep', allowFallback: false, inputSeed: 1, gpuTiming: false };
}

function probeLine(r: LaneProbeResult): string {
  return `    ${r.key}: heap ${mb(r.memory?.wasmHeapBytes)}, estimate held ${mb(r.memory?.heldBytes)}${r.error === null ? '' : `; refused/failed: ${r.error}`}`;
}

/** One lane holding the default preset's sessions: the per-batch layout of old (batch 1, 2, 4, 8 each) against one symbolic session per model. */
async function layouts(page: Page, backend: Backend): Promise<void> {
  const engine = await hook(page);
  console.log(`\n== ${backend} @32px: one lane, the default preset's sessions (VGG-16 weights ${mb(describeModel('vgg16', { resolution: 32 }).weightBytes)}, ResNet-18 ${mb(describeModel('resnet18', { resolution: 32 }).weightBytes)}) ==`);
  const perBatch: LaneProbeStep[] = (['resnet18', 'vgg16'] as const).flatMap((m) => [1, 2, 4, 8].map((b) => ({ spec: spec(backend, m, b, b) })));
  console.log('  before (per-batch sessions, each with its own weights, as a lane held them before this change):');
  for (const r of await engine.evaluate((e, steps) => e.laneProbe(steps), perBatch)) console.log(probeLine(r));
  const symbolic: LaneProbeStep[] = [{ spec: spec(backend, 'resnet18', 8) }, { spec: spec(backend, 'vgg16', 8) }];
  console.log('  after (one session per model, symbolic batch up to 8):');
  for (const r of await engine.evaluate((e, steps) => e.laneProbe(steps), symbolic)) console.log(probeLine(r));
}

/** Latency of one symbolic-batch session against a per-batch session of the same model, A/B interleaved in one lane. */
async function symbolicVsFixed(page: Page, backend: Backend, modelId: ModelId, rounds: number, runs: number): Promise<void> {
  const engine = await hook(page);
  console.log(`\n== ${backend}: ${modelId}@32, symbolic batch vs a session per batch size (${rounds} A/B rounds of ${runs} timed runs, wall clock) ==`);
  const batches = [1, 4];
  const steps: LaneProbeStep[] = [];
  for (let round = 0; round < rounds; round++) {
    steps.push({ spec: spec(backend, modelId, 4), profile: { batches, warmupRuns: 2, runs } });
    for (const b of batches) steps.push({ spec: spec(backend, modelId, b, b), profile: { batches: [b], warmupRuns: 2, runs } });
  }
  const results = await engine.evaluate((e, s) => e.laneProbe(s), steps);
  for (const b of batches) {
    const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
    const symbolic = results.filter((r) => !r.key.includes(`@32@`)).map((r) => median(r.latenciesMs[String(b)] ?? []));
    const fixed = results.filter((r) => r.key === `${modelId}@32@${String(b)}`).map((r) => median(r.latenciesMs[String(b)] ?? []));
    const ratios = symbolic.map((s, i) => s / (fixed[i] ?? NaN)).filter(Number.isFinite).sort((x, y) => x - y);
    console.log(
      `  batch ${String(b)}: median per round symbolic ${symbolic.map((x) => fmt(x)).join('/')} ms, fixed ${fixed.map((x) => fmt(x)).join('/')} ms; ` +
        `ratio symbolic/fixed median ${fmt(ratios[Math.floor(ratios.length / 2)], 3)} (min ${fmt(ratios[0], 3)}, max ${fmt(ratios.at(-1), 3)})`,
    );
  }
}

async function main(): Promise<void> {
  await withBuiltLab(PORT, async (browser, url) => {
    console.log(`memory bench: ${String(cpus().length)} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; heaps are each lane's onnxruntime-web WebAssembly.Memory (wasm32, at most 4096 MB)`);
    for (const backend of QUICK ? (['wasm'] as const) : (['wasm', 'webgpu'] as const)) {
      const page = await browser.newPage();
      page.setDefaultTimeout(1_800_000);
      await page.goto(url);
      await page.waitForFunction(() => window.__engine !== undefined);
      await layouts(page, backend);
      await symbolicVsFixed(page, backend, 'resnet18', backend === 'wasm' ? 3 : 1, backend === 'wasm' ? 20 : 3);
      await page.close();
    }
    for (const config of CONFIGS) {
      // A fresh page per configuration: its engine worker starts with no lanes.
      const page = await browser.newPage();
      page.setDefaultTimeout(1_800_000);
      await page.goto(url);
      await page.waitForFunction(() => window.__engine !== undefined);
      await threeLessons(page, config);
      await page.close();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
