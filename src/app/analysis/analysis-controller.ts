// The Analyze section's controller (no React): settings, the analysis in a worker with its progress, the report and its exports.
import { errorMessage } from '../../core/error-message';
import { analysisToCsv } from '../../core/analysis/analysis-csv';
import type { AnalysisReport } from '../../core/analysis/analyze-report';
import { DEFAULT_PRICE } from '../../core/analysis/cost';
import { POLICIES, type ConfigIssue, type Experiment, type PolicyName, type ServiceModel } from '../../core/experiment';
import { createStore, type ReadableStore } from '../store';
import type { AnalysisAnswer, WorkerAnalyzer } from './analysis-client';
import type { LiveCapacityController } from './live-capacity';
import { liveCapacityCsv } from './live-capacity-csv';
import { chooseServiceTimes, type MeasuredSoloPoint } from './service-times';

/** What the user sets: typed text kept as typed, so a bad value shows next to its field. */
export interface AnalysisSettings {
  readonly sloRate: string;
  readonly pricePerHour: string;
  readonly policies: readonly PolicyName[];
  readonly plan: boolean;
}

export type AnalysisState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly fraction: number; readonly step: string }
  | { readonly status: 'done'; readonly report: AnalysisReport; readonly experiment: Experiment; readonly serviceModel: ServiceModel }
  | { readonly status: 'failed'; readonly issues: readonly ConfigIssue[] };

export interface AnalysisSnapshot {
  readonly settings: AnalysisSettings;
  /** Problems with the settings, by field (`sloRate`, `pricePerHour`, `policies`). */
  readonly settingIssues: readonly ConfigIssue[];
  readonly state: AnalysisState;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = { sloRate: '0.99', pricePerHour: String(DEFAULT_PRICE.perHour), policies: POLICIES, plan: true };

/** Checks the typed settings; each problem names its field. */
export function settingIssues(s: AnalysisSettings): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const slo = Number(s.sloRate.trim() === '' ? Number.NaN : s.sloRate);
  if (!(slo > 0 && slo < 1)) issues.push({ path: 'sloRate', message: 'expected a number in (0, 1), e.g. 0.99' });
  const price = Number(s.pricePerHour.trim() === '' ? Number.NaN : s.pricePerHour);
  if (!(Number.isFinite(price) && price > 0)) issues.push({ path: 'pricePerHour', message: 'expected a price above 0' });
  if (s.policies.length === 0) issues.push({ path: 'policies', message: 'expected at least one policy' });
  return issues;
}

/** Owns the analysis state; the UI reads `store` and calls the methods. */
export class AnalysisController {
  private readonly state = createStore<AnalysisSnapshot>({ settings: DEFAULT_ANALYSIS_SETTINGS, settingIssues: [], state: { status: 'idle' } });
  /** Counts runs and cancels, so that an answer to an older run is dropped. */
  private run = 0;

  /** `live` confirms the simulated capacity on real lanes (Confirm live); its report joins the JSON export. */
  constructor(
    private readonly analyzer: WorkerAnalyzer,
    readonly live: LiveCapacityController | null = null,
  ) {}

  get store(): ReadableStore<AnalysisSnapshot> {
    return this.state;
  }

  /** Changes settings (as typed); the issues follow. */
  setSettings(change: Partial<AnalysisSettings>): void {
    this.state.update((s) => {
      const settings = { ...s.settings, ...change };
      return { ...s, settings, settingIssues: settingIssues(settings) };
    });
  }

  /** Adds or removes a policy from the comparison, keeping the schema's order. */
  togglePolicy(policy: PolicyName): void {
    const current = this.state.getSnapshot().settings.policies;
    this.setSettings({ policies: POLICIES.filter((p) => (p === policy ? !current.includes(p) : current.includes(p))) });
  }

  /** Analyses `experiment` with the run's solo profiles when they cover it, else its assumed service times. */
  async analyze(experiment: Experiment, soloPoints: readonly MeasuredSoloPoint[]): Promise<void> {
    const { settings } = this.state.getSnapshot();
    const issues = settingIssues(settings);
    const times = chooseServiceTimes(experiment, soloPoints);
    if (issues.length > 0 || !times.ok) {
      this.setState({ status: 'failed', issues: [...issues, ...(times.ok ? [] : times.issues)] });
      return;
    }
    const run = ++this.run;
    // A live confirmation belongs to the simulated bracket it started from.
    this.live?.reset();
    this.setState({ status: 'running', fraction: 0, step: 'starting' });
    const answer = await this.analyzer
      .analyze(
        {
          experiment,
          serviceModel: times.serviceModel,
          serviceTimeSource: times.source,
          sloRate: Number(settings.sloRate),
          policies: settings.policies,
          // The default price keeps its stated source; any other is labelled as the user's.
          pricePerHour: Number(settings.pricePerHour) === DEFAULT_PRICE.perHour ? undefined : Number(settings.pricePerHour),
          plan: settings.plan,
        },
        (fraction, step) => {
          if (run === this.run) this.setState({ status: 'running', fraction, step });
        },
      )
      .catch((error: unknown): AnalysisAnswer => ({ ok: false, issues: [{ path: '', message: errorMessage(error) }] }));
    if (run !== this.run) return;
    this.setState(answer.ok ? { status: 'done', report: answer.report, experiment, serviceModel: times.serviceModel } : { status: 'failed', issues: answer.issues });
  }

  /** Stops a running analysis; the section goes back to empty. */
  cancel(): void {
    if (this.state.getSnapshot().state.status !== 'running') return;
    this.run++;
    this.analyzer.cancel();
    this.setState({ status: 'idle' });
  }

  /** The report as pretty JSON (with the live confirmation, labelled live, when there is one), or null without one. */
  reportJson(): string | null {
    const s = this.state.getSnapshot().state;
    return s.status === 'done' ? `${JSON.stringify({ ...s.report, liveCapacity: this.live?.report() ?? null }, null, 2)}\n` : null;
  }

  /** The report's tables as CSV (then the live confirmation's, labelled live, when there is one), or null without one. */
  reportCsv(): string | null {
    const s = this.state.getSnapshot().state;
    if (s.status !== 'done') return null;
    const live = this.live?.report() ?? null;
    return live === null ? analysisToCsv(s.report) : `${analysisToCsv(s.report)}\n${liveCapacityCsv(live)}`;
  }

  private setState(state: AnalysisState): void {
    this.state.update((s) => ({ ...s, state }));
  }
}
