// Runtime benchmark in headless Chromium: engine vs bare loop (A/B rounds), dispatch gap, depth vs tail with the engine's overhead, concurrent slowdowns.
// Usage: npm run bench:runtime [-- --models tiny-cnn,resnet18 --resolution 64 --backends wasm,webgpu --rounds 5]
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { ExperimentInput } from '../src/core/experiment';
import { nearestRank } from '../src/core/metrics';
import type { EngineOptions, EngineTimers } from '../src/engine/engine-protocol';
import { BACKENDS, type Backend } from '../src/runtime/lane-protocol';
import { isModelId, type ModelId } from '../src/zoo/model-ids';
import { abRounds, BARE_WARMUP_RUNS, bareRunsFor, runEngine, type AbRound, type BenchTarget } from './runtime-ab';
import { withBuiltLab } from './browser-harness';
import { runOverhead } from './runtime-overhead';

const PORT = 5197;
const TARGET_RATIO = 0.98;
const TARGET_GAP_MEDIAN_MS = 0.2;
const TARGET_OVERHEAD_P99_MS = 2;

/** `--name VALUE`, or `fallback`. */
function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const MODELS: ModelId[] = flag('models', flag('model', 'tiny-cnn,resnet18')).split(',').map((m) => {
  if (!isModelId(m)) throw new Error(`--models: expected zoo model ids, got '${m}'`);
  return m;
});
const RESOLUTION = Number(flag('resolution', '64'));
if (!(Number.isInteger(RESOLUTION) && RESOLUTION >= 32 && RESOLUTION % 32 === 0)) throw new Error('--resolution: expected a multiple of 32 px, at least 32');
const BACKEND_LIST: Backend[] = flag('backends', 'wasm,webgpu').split(',').map((b) => {
  const found = BACKENDS.find((x) => x === b);
  if (found === undefined) throw new Error(`--backends: expected wasm and/or webgpu, got '${b}'`);
  return found;
});
const ROUNDS = Number(flag('rounds', '5'));
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1)) throw new Error('--rounds: expected a whole number >= 1');
/** Per backend: seconds per side of an A/B round, solo profile runs (SwiftShader is ~80x slower than WASM). */
const PLAN: Record<Backend, { seconds: number; profileRuns: number }> = {
  wasm: { seconds: 2, profileRuns: 100 },
  webgpu: { seconds: 6, profileRuns: 20 },
};

const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
/** `median [min-max]` of the values. */
function spread(values: readonly (number | null)[], digits: number): string {
  const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (xs.length === 0) return 'n/a';
  return `${fmt(nearestRank(xs, 0.5), digits)} [${fmt(nearestRank(xs, 0), digits)}-${fmt(nearestRank(xs, 1), digits)}]`;
}

function report(depth: number, rounds: readonly AbRound[]): void {
  const ratios = rounds.map((r) => r.enginePerSec / r.barePerSec);
  const median = nearestRank(ratios, 0.5) ?? NaN;
  const gapMedian = nearestRank(rounds.map((r) => r.gapMedianMs ?? NaN).filter(Number.isFinite), 0.5);
  console.log(
    `  depth ${depth}: engine/bare ratio ${spread(ratios, 3)} over ${rounds.length} rounds ` +
      `(target >= ${TARGET_RATIO} at depth 2: ${median >= TARGET_RATIO ? 'met' : 'NOT met'}); ` +
      `engine ${spread(rounds.map((r) => r.enginePerSec), 1)} req/s, bare wall clock ${spread(rounds.map((r) => r.barePerSec), 1)} runs/s ` +
      `(bare by summed run times: ${spread(rounds.map((r) => r.bareSumPerSec), 1)}); ` +
      `dispatch gap median ${spread(rounds.map((r) => r.gapMedianMs), 3)} ms (target < ${TARGET_GAP_MEDIAN_MS}: ${gapMedian !== null && gapMedian < TARGET_GAP_MEDIAN_MS ? 'met' : 'NOT met'}), ` +
      `p99 ${spread(rounds.map((r) => r.gapP99Ms), 3)} ms (n=${rounds[0]?.gapCount ?? 0} per round, ${rounds[0]?.fromRing ?? 0} slices from the shared dispatch ring); load ${load()}`,
  );
  console.log(
    `           messages only (no dispatch ring): engine/bare ${spread(rounds.map((r) => r.messagesOnlyPerSec / r.barePerSec), 3)}, ` +
      `with ring / messages only ${spread(rounds.map((r) => r.enginePerSec / r.messagesOnlyPerSec), 3)}; ` +
      `dispatch gap median ${spread(rounds.map((r) => r.messagesOnlyGapMedianMs), 3)} ms`,
  );
}

async function benchAb(page: Page, target: BenchTarget): Promise<void> {
  const { seconds } = PLAN[target.backend];
  const bareRuns = await bareRunsFor(page, target, seconds);
  console.log(
    `\n== ${target.backend}: ${target.model} @${target.resolution}px, 'webgpu-ep' build: engine closed loop vs bare loop, ${ROUNDS} A/B rounds ` +
      `(bare: ${bareRuns} back-to-back session.run after ${BARE_WARMUP_RUNS} warm-up in a warm lane, wall clock; engine: ${seconds} s after 0.5 s warm-up) ==`,
  );
  for (const depth of [1, 2]) report(depth, await abRounds(page, target, depth, ROUNDS, seconds, bareRuns));
}

async function benchConcurrent(page: Page, target: BenchTarget): Promise<void> {
  const alone = { kind: 'closed-loop', outstanding: 1 } as const;
  const tenant = (id: string): ExperimentInput['tenants'][number] => ({ id, model: target.model, resolution: target.resolution, batch: { kind: 'none' }, arrival: alone, sloMs: 1e6, queueLimit: 16 });
  const input: ExperimentInput = {
    schemaVersion: 1, tenants: [tenant('a'), tenant('b')], scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode: 'concurrent', dispatchDepth: 1 }, warmupMs: 500, durationMs: PLAN[target.backend].seconds * 1000, seed: 3,
  };
  const { snapshot } = await runEngine(page, input, target.options);
  const solo = snapshot?.soloProfiles[0];
  console.log(`  concurrent, 2 tenants (closed loop, 1 outstanding each) vs alone (solo median ${fmt(solo?.medianMs, 3)} ms, n=${solo?.samples ?? 0}); load ${load()}:`);
  for (const t of snapshot?.metrics?.tenants ?? []) {
    const soloPerSec = solo ? 1000 / solo.medianMs : NaN;
    console.log(
      `    ${t.id}: ${t.measured.completed} done, slowdown p50 ${fmt(t.slowdown?.p50.value)} p99 ${fmt(t.slowdown?.p99.value)}, ` +
        `throughput ${fmt(t.meanThroughputPerSec, 1)} req/s = ${fmt(t.meanThroughputPerSec / soloPerSec, 3)} of alone`,
    );
  }
}

const OPEN_LOAD = 0.4;

/** The depth test's experiment: an open Poisson tenant at 0.4 of capacity beside a closed loop of 4, FCFS, time-sliced. */
function depthExperiment(model: ModelId, depth: number): ExperimentInput {
  const tenant = (id: string, arrival: ExperimentInput['tenants'][number]['arrival'], sloMs: number): ExperimentInput['tenants'][number] => ({
    id, model, resolution: RESOLUTION, batch: { kind: 'none' }, arrival, sloMs, queueLimit: 16,
  });
  return {
    schemaVersion: 1,
    tenants: [tenant('open', { kind: 'poisson', rate: { unit: 'capacity-fraction', value: OPEN_LOAD } }, 50), tenant('closed', { kind: 'closed-loop', outstanding: 4 }, 1e6)],
    scheduler: { policy: 'fcfs', granularity: 'inference' }, lanes: { mode: 'time-sliced', dispatchDepth: depth }, warmupMs: 500, durationMs: 4000, seed: 3,
  };
}

async function depthRun(page: Page, model: ModelId, depth: number, timers: EngineTimers): Promise<void> {
  const input = depthExperiment(model, depth);
  const result = await runEngine(page, input, { backend: 'wasm', profileBatches: [1], profileRuns: 100, timers });
  const { snapshot } = result;
  const open = snapshot?.metrics?.tenants[0];
  const overhead = runOverhead(input, result);
  const lateness = snapshot?.arrivalLateness;
  console.log(
    `  depth ${depth}, ${timers} timers: open p50 ${fmt(open?.latencyMs.p50.value)} ms p99 ${fmt(open?.latencyMs.p99.value)} ms (n=${open?.measured.completed ?? 0}), ` +
      `dispatch gap median ${fmt(snapshot?.dispatchGapMs.medianMs, 3)} ms p99 ${fmt(snapshot?.dispatchGapMs.p99Ms, 3)} ms, ` +
      `arrival lateness p99 ${fmt(lateness?.p99Ms, 3)} ms (late > 1 ms: ${fmt((lateness?.lateShare ?? NaN) * 100, 1)}%); load ${load()}`,
  );
  for (const t of overhead.tenants) {
    const met = t.p99Ms !== null && t.p99Ms < TARGET_OVERHEAD_P99_MS;
    console.log(
      `    ${t.id}: engine overhead p50 ${fmt(t.p50Ms, 3)} ms p99 ${fmt(t.p99Ms, 3)} ms max ${fmt(t.maxMs, 3)} ms (n=${t.count}; ` +
        `replayed latency p50 ${fmt(t.replayP50Ms)} p99 ${fmt(t.replayP99Ms)} ms; lane end to engine p50 ${fmt(t.notifyP50Ms, 3)} p99 ${fmt(t.notifyP99Ms, 3)} ms)${t.id === 'open' ? ` (target p99 < ${TARGET_OVERHEAD_P99_MS} ms: ${met ? 'met' : 'NOT met'})` : ''}`,
    );
  }
  if (overhead.unmatchedSlices > 0) {
    console.log(`    (the replay, free of engine overhead, ran ${overhead.unmatchedSlices} more slices than the run: its closed loop reissued sooner; each charged its tenant's mean measured service)`);
  }
}

/**
 * Dispatch depth vs the tail of an open-loop tenant beside a closed loop, time-sliced (WASM), and the
 * engine's overhead per request; at each depth the engine's task timers and plain setTimeout (the
 * timers of old) in turn, their order alternating, so that both see the same machine.
 */
async function benchDepth(page: Page, model: ModelId): Promise<void> {
  console.log(`\n== wasm: ${model} @${RESOLUTION}px, dispatch depth vs tail latency (time-sliced, fcfs; open Poisson at ${OPEN_LOAD} of capacity beside a closed loop of 4, 4 s) ==`);
  console.log("   overhead = live latency - latency of a replay of the run's own trace (its arrivals, each slice's measured service) through the core event loop");
  for (const depth of [1, 2, 4]) {
    const order: EngineTimers[] = depth % 2 === 0 ? ['timeout', 'task'] : ['task', 'timeout'];
    for (const timers of order) await depthRun(page, model, depth, timers);
  }
}

async function main(): Promise<void> {
  await withBuiltLab(PORT, async (browser, url) => {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(url);
    await page.waitForFunction(() => window.__engine !== undefined);
    console.log(`runtime bench: ${String(cpus().length)} CPUs, load average ${load()} (other work on the machine skews wall-clock figures)`);
    for (const backend of BACKEND_LIST) {
      for (const model of MODELS) {
        const options: EngineOptions = { backend, allowFallback: false, profileBatches: [1], profileRuns: PLAN[backend].profileRuns, profileWarmupRuns: BARE_WARMUP_RUNS };
        const target: BenchTarget = { model, resolution: RESOLUTION, backend, options };
        await benchAb(page, target);
        await benchConcurrent(page, target);
      }
    }
    if (BACKEND_LIST.includes('wasm')) await benchDepth(page, MODELS.includes('tiny-cnn') ? 'tiny-cnn' : (MODELS[0] as ModelId));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
