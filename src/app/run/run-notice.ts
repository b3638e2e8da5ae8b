// The run's notice from what it measured: the summary's arrivals, the series' service inflation and service time per request.
import { runNotice, type MetricsSnapshot, type NoticeTenant, type RunNotice } from '../../core/metrics';
import type { Experiment } from '../../core/experiment';
import type { RunSeries } from './run-series';

/** What {@link noticeOfRun} reads of a run on screen. */
export interface NoticeSource {
  readonly experiment: Experiment;
  readonly summary: MetricsSnapshot | null;
  readonly series: RunSeries | null;
  /** True when the lanes ran on WASM (the CPU). */
  readonly cpu: boolean;
}

/**
 * The notice of a run (see {@link runNotice}), or null when it kept the profile's promise or has no
 * measurements yet. Arrival rates are measured: arrivals over the measured time up to the end of
 * arrivals (so draining does not dilute them).
 */
export function noticeOfRun({ experiment, summary, series, cpu }: NoticeSource): RunNotice | null {
  if (summary === null || series === null) return null;
  const measuredS = Math.min(summary.measuredMs, experiment.durationMs) / 1000;
  if (!(measuredS > 0)) return null;
  const tenants: NoticeTenant[] = experiment.tenants.map((t, i) => {
    const m = summary.tenants.find((x) => x.id === t.id);
    return {
      id: t.id,
      inflationP50: series.serviceInflation[i]?.p50.value ?? null,
      arrivalPerSec: (m?.measured.arrivals ?? 0) / measuredS,
      servicePerRequestMs: series.servicePerRequestMs[i] ?? null,
      queueDrops: m?.measured.droppedByReason['queue-full'] ?? 0,
      arrivals: m?.measured.arrivals ?? 0,
      servedPerSec: m?.meanThroughputPerSec ?? 0,
    };
  });
  return runNotice({ tenants, laneMode: experiment.lanes.mode, device: cpu ? 'CPU' : 'GPU' });
}
