// A/B rounds in one page: the engine's closed loop against a bare wall-clock loop of session.run in a warm lane of the same kind.
import type { Page } from 'playwright-core';
import type {} from '../src/app/engine-test-hook';
import type { BareLoopResult, EngineRunResult } from '../src/app/engine-test-hook';
import type { ExperimentInput } from '../src/core/experiment';
import type { EngineOptions } from '../src/engine/engine-protocol';
import type { Backend } from '../src/runtime/lane-protocol';
import type { ModelId } from '../src/zoo/model-ids';

/** Untimed runs before each bare loop (the lane itself stays warm between rounds). */
export const BARE_WARMUP_RUNS = 10;

/** What one bench section runs: a model at a resolution on a backend. */
export interface BenchTarget {
  readonly model: ModelId;
  readonly resolution: number;
  readonly backend: Backend;
  readonly options: EngineOptions;
}

/** One A/B round at one dispatch depth. */
export interface AbRound {
  /** Bare loop, wall clock: runs / wall seconds. */
  readonly barePerSec: number;
  /** Bare loop, runs / summed session.run time (the old baseline), for comparison. */
  readonly bareSumPerSec: number;
  /** Engine closed loop: completions learnt in the measured window / its length. */
  readonly enginePerSec: number;
  /** The same engine run with dispatches by message only (EngineOptions.dispatchRing false). */
  readonly messagesOnlyPerSec: number;
  readonly gapMedianMs: number | null;
  readonly gapP99Ms: number | null;
  readonly gapCount: number;
  /** Slices the lane took from the shared dispatch ring in the engine run. */
  readonly fromRing: number;
  /** Dispatch gap median with messages only, ms. */
  readonly messagesOnlyGapMedianMs: number | null;
}

/** Runs an experiment in the page's engine worker to its end; throws when the run failed. */
export async function runEngine(page: Page, input: ExperimentInput, options: EngineOptions): Promise<EngineRunResult> {
  const result = await page.evaluate(([e, o]) => (window.__engine as NonNullable<Window['__engine']>).run(e, o), [input, options] as const);
  if (result.snapshot?.error) throw new Error(`engine run failed: ${result.snapshot.error}`);
  return result;
}

async function bareLoop(page: Page, target: BenchTarget, runs: number): Promise<BareLoopResult> {
  return page.evaluate(
    (spec) => (window.__engine as NonNullable<Window['__engine']>).bareLoop(spec),
    { modelId: target.model, resolution: target.resolution, backend: target.backend, build: 'webgpu-ep', warmupRuns: BARE_WARMUP_RUNS, runs } as const,
  );
}

/** Runs of the bare loop that take about `seconds` (a short calibration loop first, which also makes and warms its lane). */
export async function bareRunsFor(page: Page, target: BenchTarget, seconds: number): Promise<number> {
  const calibration = await bareLoop(page, target, 50);
  return Math.max(20, Math.round((seconds * 1000 * 50) / calibration.wallMs));
}

function closedLoop(target: BenchTarget, depth: number, seconds: number): ExperimentInput {
  return {
    schemaVersion: 1,
    tenants: [{ id: 'solo', model: target.model, resolution: target.resolution, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: depth }, sloMs: 1e6, queueLimit: 16 }],
    scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode: 'time-sliced', dispatchDepth: depth },
    warmupMs: 500, durationMs: seconds * 1000, seed: 3,
  };
}

/** Completions the engine learnt of within [warmupMs, warmupMs + durationMs), per second. */
function windowPerSec(result: EngineRunResult, warmupMs: number, durationMs: number): number {
  let count = 0;
  for (const e of result.events) {
    const learntMs = e.arrivalMs + e.latencyMs;
    if (learntMs >= warmupMs && learntMs < warmupMs + durationMs) count++;
  }
  return (count * 1000) / durationMs;
}

/**
 * `rounds` A/B rounds at dispatch depth `depth` (closed loop of `depth` outstanding): a bare loop of
 * `bareRuns` runs and an engine run of `seconds` (and one with dispatches by message only), their order
 * alternating round by round so that a drift in the machine's load does not favour one side.
 */
export async function abRounds(page: Page, target: BenchTarget, depth: number, rounds: number, seconds: number, bareRuns: number): Promise<AbRound[]> {
  const out: AbRound[] = [];
  const input = closedLoop(target, depth, seconds);
  for (let round = 0; round < rounds; round++) {
    let bare: BareLoopResult | null = null;
    let messagesOnly: EngineRunResult | null = null;
    const withoutRing = (): Promise<EngineRunResult> => runEngine(page, input, { ...target.options, dispatchRing: false });
    if (round % 2 === 0) {
      bare = await bareLoop(page, target, bareRuns);
      messagesOnly = await withoutRing();
    }
    const engine = await runEngine(page, input, target.options);
    bare ??= await bareLoop(page, target, bareRuns);
    messagesOnly ??= await withoutRing();
    const gap = engine.snapshot?.dispatchGapMs;
    out.push({
      barePerSec: (bare.latenciesMs.length * 1000) / bare.wallMs,
      bareSumPerSec: (bare.latenciesMs.length * 1000) / bare.latenciesMs.reduce((a, b) => a + b, 0),
      enginePerSec: windowPerSec(engine, 500, seconds * 1000),
      messagesOnlyPerSec: windowPerSec(messagesOnly, 500, seconds * 1000),
      gapMedianMs: gap?.medianMs ?? null,
      gapP99Ms: gap?.p99Ms ?? null,
      gapCount: gap?.count ?? 0,
      fromRing: gap?.fromRing ?? 0,
      messagesOnlyGapMedianMs: messagesOnly.snapshot?.dispatchGapMs.medianMs ?? null,
    });
  }
  return out;
}
