// Runtime benchmark in headless Chromium: engine vs bare onnxruntime-web loop, dispatch gap, depth vs tail, concurrent slowdowns.
// Usage: npm run bench:runtime [-- --model resnet18 --resolution 64]
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type {} from '../src/app/engine-test-hook';
import type { EngineRunResult } from '../src/app/engine-test-hook';
import type { EngineOptions } from '../src/engine/engine-protocol';
import type { ExperimentInput } from '../src/core/experiment';
import type { Backend } from '../src/runtime/lane-protocol';
import { isModelId, type ModelId } from '../src/zoo/model-ids';
import { withBuiltLab } from './browser-harness';

const PORT = 5197;
const TARGET_RATIO = 0.98;
/** `--model ID` and `--resolution PX` (defaults tiny-cnn, 64). */
function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const MODEL_FLAG = flag('model', 'tiny-cnn');
if (!isModelId(MODEL_FLAG)) throw new Error(`--model: expected a zoo model id, got '${MODEL_FLAG}'`);
const MODEL: ModelId = MODEL_FLAG;
const RESOLUTION = Number(flag('resolution', '64'));
if (!(Number.isInteger(RESOLUTION) && RESOLUTION >= 32 && RESOLUTION % 32 === 0)) throw new Error('--resolution: expected a multiple of 32 px, at least 32');
/** Per backend: measured seconds per engine run and bare-loop runs (SwiftShader is ~80x slower than WASM). */
const PLAN: Record<Backend, { seconds: number; bareRuns: number; profileRuns: number }> = {
  wasm: { seconds: 4, bareRuns: 2000, profileRuns: 100 },
  webgpu: { seconds: 6, bareRuns: 30, profileRuns: 20 },
};

type TenantInput = ExperimentInput['tenants'][number];
const tenant = (id: string, arrival: TenantInput['arrival'], sloMs: number): TenantInput => ({
  id, model: MODEL, resolution: RESOLUTION, batch: { kind: 'none' }, arrival, sloMs, queueLimit: 16,
});

function experiment(tenants: TenantInput[], mode: 'time-sliced' | 'concurrent', depth: number, seconds: number): ExperimentInput {
  return {
    schemaVersion: 1, tenants, scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode, dispatchDepth: depth }, warmupMs: 500, durationMs: seconds * 1000, seed: 3,
  };
}

async function runEngine(page: Page, input: ExperimentInput, options: EngineOptions): Promise<EngineRunResult> {
  const result = await page.evaluate(([e, o]) => (window.__engine as NonNullable<Window['__engine']>).run(e, o), [input, options] as const);
  if (result.snapshot?.error) throw new Error(`engine run failed: ${result.snapshot.error}`);
  return result;
}

const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined ? 'n/a' : x.toFixed(digits));

const BARE_WARMUP_RUNS = 10;

/** Throughput of a bare onnxruntime-web loop in a fresh lane of the same page, runs/s. */
async function bareLoopPerSec(page: Page, backend: Backend, runs: number): Promise<number> {
  const latenciesMs = await page.evaluate(
    (spec) => (window.__engine as NonNullable<Window['__engine']>).bareLoop(spec),
    { modelId: MODEL, resolution: RESOLUTION, backend, build: 'webgpu-ep', warmupRuns: BARE_WARMUP_RUNS, runs } as const,
  );
  return (latenciesMs.length * 1000) / latenciesMs.reduce((a, b) => a + b, 0);
}

async function benchBackend(page: Page, backend: Backend): Promise<void> {
  const plan = PLAN[backend];
  const options: EngineOptions = { backend, allowFallback: false, profileBatches: [1], profileRuns: plan.profileRuns, profileWarmupRuns: BARE_WARMUP_RUNS };
  console.log(`\n== ${backend}: ${MODEL} @${RESOLUTION}px, onnxruntime-web 'webgpu-ep' build, wall clock ==`);
  for (const depth of [1, 2]) {
    // The bare loop runs right before each engine run, so both see the same machine load.
    const barePerSec = await bareLoopPerSec(page, backend, plan.bareRuns);
    const { snapshot } = await runEngine(page, experiment([tenant('solo', { kind: 'closed-loop', outstanding: depth }, 1e6)], 'time-sliced', depth, plan.seconds), options);
    const perSec = snapshot?.metrics?.overall.meanThroughputPerSec ?? NaN;
    const ratio = perSec / barePerSec;
    const gap = snapshot?.dispatchGapMs;
    console.log(
      `bare loop ${fmt(barePerSec, 1)} runs/s (${plan.bareRuns} runs after ${BARE_WARMUP_RUNS} warm-up, sum of session.run times); ` +
        `engine closed loop (outstanding ${depth}, depth ${depth}) ${fmt(perSec, 1)} req/s over ${plan.seconds} s: ratio ${fmt(ratio, 3)} ` +
        `(target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}); dispatch gap median ${fmt(gap?.medianMs, 3)} ms, ` +
        `p99 ${fmt(gap?.p99Ms, 3)} ms (n=${gap?.count ?? 0})`,
    );
  }
  const alone = { kind: 'closed-loop', outstanding: 1 } as const;
  const { snapshot } = await runEngine(page, experiment([tenant('a', alone, 1e6), tenant('b', alone, 1e6)], 'concurrent', 1, plan.seconds), options);
  const solo = snapshot?.soloProfiles[0];
  console.log(`concurrent, 2 tenants (closed loop, 1 outstanding each) vs alone (solo median ${fmt(solo?.medianMs, 3)} ms, n=${solo?.samples ?? 0}):`);
  for (const t of snapshot?.metrics?.tenants ?? []) {
    const soloPerSec = solo ? 1000 / solo.medianMs : NaN;
    console.log(
      `  ${t.id}: ${t.measured.completed} done, slowdown p50 ${fmt(t.slowdown?.p50.value)} p99 ${fmt(t.slowdown?.p99.value)}, ` +
        `throughput ${fmt(t.meanThroughputPerSec, 1)} req/s = ${fmt(t.meanThroughputPerSec / soloPerSec, 3)} of alone`,
    );
  }
}

/** Dispatch depth vs the tail of an open-loop tenant beside a closed loop, time-sliced (WASM). */
async function benchDepth(page: Page): Promise<void> {
  console.log('\n== wasm: dispatch depth vs tail latency (time-sliced, fcfs; open Poisson at 0.4 of capacity beside a closed loop of 4) ==');
  for (const depth of [1, 2, 4]) {
    const tenants = [
      tenant('open', { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.4 } }, 50),
      tenant('closed', { kind: 'closed-loop', outstanding: 4 }, 1e6),
    ];
    const { snapshot } = await runEngine(page, experiment(tenants, 'time-sliced', depth, 4), { backend: 'wasm', profileBatches: [1], profileRuns: 100 });
    const open = snapshot?.metrics?.tenants[0];
    console.log(
      `  depth ${depth}: open p50 ${fmt(open?.latencyMs.p50.value)} ms p99 ${fmt(open?.latencyMs.p99.value)} ms (n=${open?.measured.completed ?? 0}), ` +
        `dispatch gap median ${fmt(snapshot?.dispatchGapMs.medianMs, 3)} ms`,
    );
  }
}

async function main(): Promise<void> {
  await withBuiltLab(PORT, async (browser, url) => {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(url);
    await page.waitForFunction(() => window.__engine !== undefined);
    console.log(`runtime bench: ${String(cpus().length)} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine skews wall-clock figures)`);
    for (const backend of ['wasm', 'webgpu'] as const) await benchBackend(page, backend);
    await benchDepth(page);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
