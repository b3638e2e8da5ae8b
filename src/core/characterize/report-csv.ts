// CSV files of a report: solo points, interference cells, held-out predictions, capacity (simulated, and live when confirmed), the user's own models. RFC 4180 quoting.
import { dimsLabel } from '../experiment/custom-model-schema';
import type { CharacterizeReport, Stat } from './report-schema';

const cell = (v: string | number | boolean | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (values: readonly (string | number | boolean | null)[]): string => values.map(cell).join(',');
const statCols = (name: string) => [`${name}_mean`, `${name}_ci95_low`, `${name}_ci95_high`, `${name}_cv`, `${name}_n`];
const statVals = (s: Stat | null) => (s === null ? [null, null, null, null, 0] : [s.mean, s.ci95Low, s.ci95High, s.cv, s.n]);

/** File name -> CSV text (header row first, CRLF-free). */
export function reportCsvFiles(report: CharacterizeReport): Map<string, string> {
  const files = new Map<string, string>();
  files.set('solo.csv', [line(['model', 'batch', ...statCols('p50_ms'), ...statCols('p99_ms'), ...statCols('throughput_per_sec'), ...statCols('gpu_ms'), 'repeats', 'unstable_repeats', 'partial_repeats', 'samples']),
    ...report.solo.map((p) => line([p.model, p.batch, ...statVals(p.p50Ms), ...statVals(p.p99Ms), ...statVals(p.throughputPerSec), ...statVals(p.gpuMs), p.repeats, p.unstableRepeats, p.partialRepeats ?? 0, p.samples]))].join('\n') + '\n');
  files.set('cells.csv', [line(['mode', 'tenant', 'beside', ...statCols('p50_ms'), ...statCols('p99_ms'), ...statCols('throughput_per_sec'), ...statCols('slowdown'), 'repeats', 'unstable_repeats', 'partial_repeats', 'samples']),
    ...report.cells.flatMap((c) => ([0, 1] as const).map((t) => {
      const x = c.tenants[t];
      return line([c.mode, x.model, c.tenants[t === 0 ? 1 : 0].model, ...statVals(x.p50Ms), ...statVals(x.p99Ms), ...statVals(x.throughputPerSec), ...statVals(x.slowdown), c.repeats, c.unstableRepeats, c.partialRepeats ?? 0, c.samples]);
    }))].join('\n') + '\n');
  files.set('predictions.csv', [line(['mode', 'cell', 'tenant', 'p50_pred_ms', 'p50_meas_ms', 'p50_err_pct', 'p99_pred_ms', 'p99_meas_ms', 'p99_err_pct', 'thr_pred', 'thr_meas', 'thr_err_pct']),
    ...(report.model?.predictions ?? []).map((p) => line([p.mode, p.cell.join(' + '), p.cell[p.tenant] ?? '', p.predicted.p50Ms, p.measured.p50Ms, p.errorPct.p50Ms, p.predicted.p99Ms, p.measured.p99Ms, p.errorPct.p99Ms, p.predicted.throughputPerSec, p.measured.throughputPerSec, p.errorPct.throughputPerSec]))].join('\n') + '\n');
  const live = report.liveCapacity;
  files.set('capacity.csv', [line(['policy', 'figures', 'outcome', 'holds_factor', 'fails_factor', 'note']), ...report.capacity.map((c) => line([c.policy, 'simulated', c.outcome, c.holdsFactor, c.failsFactor, c.note])),
    ...(live === null || live === undefined ? [] : [line([live.policy, 'live', live.outcome, live.holdsFactor, live.failsFactor, live.note ?? `${String(live.probes)} probes on ${live.backendUsed ?? '?'}`])])].join('\n') + '\n');
  const custom = report.customModels ?? [];
  if (custom.length > 0) {
    files.set('custom-models.csv', [line(['model', 'file_name', 'byte_length', 'sha256', 'inputs', 'chosen_dims']),
      ...custom.map((m) => line([`custom:${m.name}`, m.fileName, m.byteLength, m.sha256, m.inputs.map((i) => `${i.name}:${i.type}[${i.dims.map((d) => (d === null ? '?' : String(d))).join(' ')}]`).join(' '), dimsLabel(m)]))].join('\n') + '\n');
  }
  return files;
}
