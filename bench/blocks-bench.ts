// Layer-block overhead in headless Chromium: a model whole against the same model cut into K blocks, in one lane (the chain
// alone) and through the engine (a slice per block, at dispatch depth 1 and 2), A/B interleaved, the latency decomposed.
// Usage: npm run bench:blocks [-- --model resnet18 --resolution 224 --blocks 4 --backends wasm --rounds 5 --runs 20]
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { EngineRunResult, LaneProbeStep } from '../src/app/engine-test-hook';
import type { ExperimentInput } from '../src/core/experiment';
import { nearestRank } from '../src/core/metrics';
import { BACKENDS, sessionKey, type Backend, type PrepareSpec } from '../src/runtime/lane-protocol';
import { isModelId, type ModelId } from '../src/zoo/model-ids';
import { withBuiltLab } from './browser-harness';
import { runEngine } from './runtime-ab';

const PORT = 5193;
/** The target: K blocks cost at most 5% more wall clock than the whole model. */
const TARGET_OVERHEAD = 0.05;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
function positiveInt(name: string, fallback: string): number {
  const n = Number(flag(name, fallback));
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`--${name}: expected a whole number >= 1, got '${flag(name, fallback)}'`);
  return n;
}
const MODEL_FLAG = flag('model', 'resnet18');
if (!isModelId(MODEL_FLAG)) throw new Error(`--model: expected a zoo model id, got '${MODEL_FLAG}'`);
const MODEL: ModelId = MODEL_FLAG;
const RESOLUTION = positiveInt('resolution', '224');
if (RESOLUTION < 32 || RESOLUTION % 32 !== 0) throw new Error('--resolution: expected a multiple of 32 px, at least 32');
const BLOCKS = positiveInt('blocks', '4');
if (BLOCKS < 2) throw new Error('--blocks: expected at least 2');
const ROUNDS = positiveInt('rounds', '5');
const RUNS = positiveInt('runs', '20');
const BACKEND_LIST: Backend[] = flag('backends', 'wasm').split(',').map((b) => {
  const found = BACKENDS.find((x) => x === b);
  if (found === undefined) throw new Error(`--backends: expected wasm and/or webgpu, got '${b}'`);
  return found;
});

const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (xs: readonly number[]): number => nearestRank(xs, 0.5) ?? NaN;
function spread(xs: readonly number[], digits: number): string {
  if (xs.length === 0) return 'n/a';
  return `${fmt(median(xs), digits)} [${fmt(nearestRank(xs, 0), digits)}-${fmt(nearestRank(xs, 1), digits)}]`;
}

function spec(backend: Backend, blocks: number): PrepareSpec {
  return { source: { kind: 'zoo', modelId: MODEL, resolution: RESOLUTION, seed: 1 }, blocks, maxBatch: 1, backend, build: 'webgpu-ep', allowFallback: false, inputSeed: 1, gpuTiming: false };
}

/**
 * In one lane: the whole model and its K-block chain (every block in turn, each output fed to the next,
 * as the lane's profile loop runs them), `RUNS` timed runs each per round, the order alternating.
 * Returns per round the median run time of each, ms.
 */
async function laneRounds(page: Page, backend: Backend): Promise<{ wholeMs: number[]; chainMs: number[] }> {
  const keys = [sessionKey(MODEL, RESOLUTION), sessionKey(MODEL, RESOLUTION, { blocks: BLOCKS })];
  const steps: LaneProbeStep[] = [
    { spec: spec(backend, 1), profile: { batches: [1], warmupRuns: 3, runs: 0 } },
    { spec: spec(backend, BLOCKS), profile: { batches: [1], warmupRuns: 3, runs: 0 } },
  ];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [1, BLOCKS] : [BLOCKS, 1];
    for (const blocks of order) steps.push({ spec: spec(backend, blocks), retain: keys, profile: { batches: [1], warmupRuns: 1, runs: RUNS } });
  }
  const results = await page.evaluate((s) => (window.__engine as NonNullable<Window['__engine']>).laneProbe(s), steps);
  const failed = results.find((r) => r.error !== null);
  if (failed) throw new Error(`lane probe ${failed.key}: ${failed.error ?? ''}`);
  const wholeMs: number[] = [];
  const chainMs: number[] = [];
  for (const r of results.slice(2)) (r.key === keys[0] ? wholeMs : chainMs).push(median(r.latenciesMs['1'] ?? []));
  return { wholeMs, chainMs };
}

function closedLoop(backend: Backend, blocks: number, depth: number, seconds: number): ExperimentInput {
  return {
    schemaVersion: 1,
    tenants: [{ id: 'solo', model: MODEL, resolution: RESOLUTION, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 1 }, sloMs: 1e6, queueLimit: 16 }],
    scheduler: blocks === 1 ? { policy: 'fcfs', granularity: 'inference' } : { policy: 'fcfs', granularity: 'layer-blocks', blocks },
    lanes: { mode: 'time-sliced', dispatchDepth: depth },
    warmupMs: 1000, durationMs: seconds * 1000, seed: 3,
  };
}

/**
 * One engine run's figures, medians over the requests that arrived in the measured window (ms). A
 * request's latency = queue (its arrival to its first block's start on the lane) + its blocks' service
 * + the time between its blocks (each block's end to the next one's start: the dispatch path) + the
 * report (its last block's end to the engine learning of it).
 */
interface EngineSide {
  readonly perSec: number;
  readonly latencyMs: number;
  readonly queueMs: number;
  readonly serviceMs: number;
  readonly betweenMs: number;
  readonly reportMs: number;
  /** The engine's dispatch gap median (a slice's end to the next slice's start on the lane while work waited), ms. */
  readonly gapMedianMs: number;
  /** Load average (1 min) when the run ended. */
  readonly load: number;
}

function engineSide(result: EngineRunResult, seconds: number): EngineSide {
  const done = result.events.filter((e) => e.arrivalMs >= 1000);
  const of = (f: (e: (typeof done)[number]) => number): number => median(done.map(f));
  return {
    perSec: done.length / seconds,
    latencyMs: of((e) => e.latencyMs),
    queueMs: of((e) => e.startMs - e.arrivalMs),
    serviceMs: of((e) => e.serviceMs),
    betweenMs: of((e) => e.endMs - e.startMs - e.serviceMs),
    reportMs: of((e) => e.latencyMs - (e.endMs - e.arrivalMs)),
    gapMedianMs: result.snapshot?.dispatchGapMs.medianMs ?? NaN,
    load: loadavg()[0] ?? NaN,
  };
}

/** The engine's arms: the whole model, then K blocks at dispatch depth 1 (a round trip between blocks) and 2 (the next block committed ahead). */
const ARMS = [{ name: 'whole', blocks: 1, depth: 1 }, { name: `${String(BLOCKS)} blocks depth 1`, blocks: BLOCKS, depth: 1 }, { name: `${String(BLOCKS)} blocks depth 2`, blocks: BLOCKS, depth: 2 }] as const;

/**
 * Through the engine: a closed loop of one, whole against K blocks (one slice per block) at depth 1 and
 * 2, the arms' order rotating round by round. A closed loop of one has no queue, so a request's latency
 * is its K slices plus the engine's path between them and to the engine.
 */
async function engineRounds(page: Page, backend: Backend, seconds: number): Promise<EngineSide[][]> {
  const sides: EngineSide[][] = ARMS.map(() => []);
  const options = { backend, profileRuns: 5, profileWarmupRuns: 2 } as const;
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < ARMS.length; k++) {
      const arm = (round + k) % ARMS.length;
      const { blocks, depth } = ARMS[arm] as (typeof ARMS)[number];
      (sides[arm] as EngineSide[]).push(engineSide(await runEngine(page, closedLoop(backend, blocks, depth, seconds), options), seconds));
    }
  }
  return sides;
}

/** One arm's line: its medians over rounds, and its latency against the whole model's, round by round. */
function armLine(backend: Backend, name: string, side: readonly EngineSide[], whole: readonly EngineSide[]): string {
  const pick = (f: (s: EngineSide) => number, digits = 2): string => spread(side.map(f), digits);
  const ratios = side.map((s, i) => s.latencyMs / (whole[i] as EngineSide).latencyMs);
  const overhead = median(ratios) - 1;
  const vsWhole = side === whole ? '' : `; latency/whole ${spread(ratios, 3)} -> overhead ${fmt(overhead * 100, 1)}% (target <= ${String(TARGET_OVERHEAD * 100)}%: ${overhead <= TARGET_OVERHEAD ? 'met' : 'NOT met'})`;
  return `${backend}, engine, ${name}: ${pick((s) => s.perSec)} req/s, latency ${pick((s) => s.latencyMs, 1)} ms = queue ${pick((s) => s.queueMs)} + service ${pick((s) => s.serviceMs, 1)} + between blocks ${pick((s) => s.betweenMs)} + report ${pick((s) => s.reportMs)} ms; gap median ${pick((s) => s.gapMedianMs, 3)} ms${vsWhole}; load ${pick((s) => s.load)}`;
}

async function main(): Promise<void> {
  console.log(`bench:blocks: ${MODEL}@${String(RESOLUTION)}px whole vs ${String(BLOCKS)} layer blocks, batch 1, ${String(ROUNDS)} A/B rounds; ${String(cpus().length)} CPUs, load ${load()}`);
  await withBuiltLab(PORT, async (browser, url) => {
    for (const backend of BACKEND_LIST) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__engine !== undefined);
      const lane = await laneRounds(page, backend);
      const laneRatios = lane.chainMs.map((c, i) => c / (lane.wholeMs[i] as number));
      const laneOverhead = median(laneRatios) - 1;
      console.log(`${backend}, one lane, ${String(RUNS)} runs a side a round (medians per round): whole ${spread(lane.wholeMs, 1)} ms, ${String(BLOCKS)}-block chain ${spread(lane.chainMs, 1)} ms; chain/whole ${spread(laneRatios, 3)} -> overhead ${fmt(laneOverhead * 100, 1)}% (target <= ${String(TARGET_OVERHEAD * 100)}%: ${laneOverhead <= TARGET_OVERHEAD ? 'met' : 'NOT met'}); load ${load()}`);
      const seconds = Math.max(3, Math.ceil((median(lane.wholeMs) * RUNS * 3) / 1000));
      const sides = await engineRounds(page, backend, seconds);
      console.log(`${backend}, engine closed loop of 1, ${String(seconds)} s a side a round, ${String(ROUNDS)} rounds (medians per round: median [min-max]):`);
      ARMS.forEach((arm, i) => console.log(armLine(backend, arm.name, sides[i] as EngineSide[], sides[0] as EngineSide[])));
      await context.close();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
