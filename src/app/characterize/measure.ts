// One repeat of one measurement on the engine: a closed-loop run whose windows repeat until stable (or capped), then stopped.
import type { ExperimentInput } from '../../core/experiment';
import { stabilityVerdict, type StabilityRule, type StabilityVerdict, type WindowFigures } from '../../core/characterize/stability';
import { figuresOver, stabilityFigures, windowIndex, type Completion, type WindowedFigures, type WindowGrid } from '../../core/characterize/windows';
import type { EngineOptions, EngineProgress, EngineSnapshot } from '../../engine/engine-protocol';

/** The engine as a characterization uses it (EngineClient; a fake in tests). */
export interface CharacterizeEngine {
  start(experiment: ExperimentInput, options: EngineOptions): void;
  stop(): void;
  onEvents(listener: (progress: EngineProgress) => void): () => void;
  finished(): Promise<EngineSnapshot | null>;
}

/** What to measure: the experiment (closed-loop tenants), its tenants in report order, the windows and the rule. */
export interface MeasureSpec {
  readonly experiment: ExperimentInput & { readonly warmupMs: number };
  readonly options: EngineOptions;
  readonly tenants: readonly string[];
  readonly windowMs: number;
  readonly rule: StabilityRule;
}

/** One repeat's outcome: each tenant's figures over the settled windows, the verdict, the run's last snapshot. */
export interface MeasureResult {
  readonly figures: readonly WindowedFigures[];
  readonly verdict: StabilityVerdict;
  readonly windows: number;
  /** Stopped by `abort()` before the verdict: the figures come from the windows closed so far (none when `windows` is 0). */
  readonly aborted: boolean;
  readonly snapshot: EngineSnapshot | null;
  /** Why the run failed (a refusal, a lane fault); null when it ran. */
  readonly error: string | null;
}

/** The run length that leaves room for the cap: warm-up, then maxWindows windows and one spare. */
export function runDurationMs(windowMs: number, rule: StabilityRule): number {
  return windowMs * (rule.maxWindows + 1);
}

/**
 * Runs the experiment; after each closed window, checks the stability rule on every tenant's throughput
 * and p50; once stable (or capped) stops the run, which drains. Figures come from the last
 * `rule.windows` closed windows. `abort()` returning true stops the run early (checked on every event
 * message and every 100 ms; the result says `aborted`, and its figures cover the windows closed so far).
 */
export async function measureOnce(engine: CharacterizeEngine, spec: MeasureSpec, abort: () => boolean = () => false): Promise<MeasureResult> {
  const grid: WindowGrid = { startMs: spec.experiment.warmupMs, windowMs: spec.windowMs };
  const completions: Completion[] = [];
  const history: WindowFigures[] = [];
  let latestEndMs = 0;
  // An object, so that the listener's updates are not narrowed away below.
  const state: { verdict: StabilityVerdict } = { verdict: 'measuring' };
  let stopping = false;
  let aborted = false;
  const unsubscribe = engine.onEvents((progress) => {
    for (const e of progress.events) {
      completions.push({ tenant: e.tenant, endMs: e.endMs, latencyMs: e.latencyMs, gpuMs: e.gpuMs });
      latestEndMs = Math.max(latestEndMs, e.endMs);
    }
    // Windows wholly before the latest completion are closed (lanes report completions in order).
    const closed = windowIndex(grid, latestEndMs);
    while (state.verdict === 'measuring' && history.length < closed) {
      history.push(stabilityFigures(completions, spec.tenants, grid, history.length));
      state.verdict = stabilityVerdict(history, spec.rule);
    }
    if (!stopping && (state.verdict !== 'measuring' || abort())) {
      stopping = true;
      aborted = state.verdict === 'measuring';
      engine.stop();
    }
  });
  // Stop asked while the run is still setting up (no events yet): end it now rather than after its first windows.
  const stopWhileSetup = setInterval(() => {
    if (!stopping && abort()) {
      stopping = true;
      aborted = true;
      engine.stop();
    }
  }, 100);
  engine.start(spec.experiment, spec.options);
  const snapshot = await engine.finished().finally(() => clearInterval(stopWhileSetup));
  unsubscribe();
  const n = history.length;
  const from = Math.max(0, n - spec.rule.windows);
  const failed = snapshot === null || snapshot.phase === 'failed';
  const faults = snapshot?.faults ?? [];
  const error = failed ? (snapshot?.error ?? 'the engine gave no result') : faults.length > 0 ? faults.map((f) => f.reason).join('; ') : null;
  return {
    figures: figuresOver(completions, spec.tenants, grid, from, Math.max(from + 1, n)),
    verdict: state.verdict === 'stable' ? 'stable' : 'unstable',
    windows: n,
    aborted,
    snapshot,
    error,
  };
}
