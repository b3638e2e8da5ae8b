// What the phases of a characterization share: the options, the stability rule, Stop, and one measured repeat with its progress and timing.
import type { RepeatFigures } from '../../core/characterize/assemble-report';
import type { CharacterizeOptions } from '../../core/characterize/characterize-options';
import type { StabilityRule } from '../../core/characterize/stability';
import type { WindowedFigures } from '../../core/characterize/windows';
import type { EngineOptions } from '../../engine/engine-protocol';
import type { MeasureResult, MeasureSpec } from './measure';

/** The phases' view of the run in progress (the controller implements it). */
export interface StepContext {
  readonly options: CharacterizeOptions;
  readonly rule: StabilityRule;
  /** Warm-up of every run, ms. */
  readonly warmupMs: number;
  /** True once Stop was asked. */
  stopAsked(): boolean;
  /** Runs one repeat: publishes `label` as the step in progress, records where its time went, counts it done. */
  measure(phase: 'solo' | 'cells', label: string, spec: MeasureSpec): Promise<MeasureResult>;
  /** Planned steps that will not run (a sweep ended early). */
  dropSteps(count: number): void;
  /** Engine options of a run whose solo profiles cover `profileBatches` (batch 1 among them). */
  engineOptions(profileBatches: readonly number[]): EngineOptions;
}

/**
 * A repeat's figures for the report, or null when there is nothing to keep: a repeat Stop cut short
 * before its first window closed. One cut short later is kept, marked partial (and so not stable).
 */
export function keptRepeat(result: MeasureResult, tenant: number): RepeatFigures | null {
  if (result.aborted && result.windows === 0) return null;
  const f: WindowedFigures | undefined = result.figures[tenant];
  return {
    p50Ms: f?.p50Ms ?? null, p99Ms: f?.p99Ms ?? null, throughputPerSec: f?.throughputPerSec ?? null, gpuMs: f?.gpuMs ?? null, samples: f?.completed ?? 0,
    stable: result.verdict === 'stable' && !result.aborted,
    ...(result.aborted ? { partial: true } : {}),
  };
}
