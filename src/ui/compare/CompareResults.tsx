// Compare's summary: per variant and tenant, the measured means with 95% intervals and the simulator's prediction beside them; the lesson's verdict.
import type { RepeatStats } from '../../core/characterize/repeat-stats';
import type { ComparisonView } from '../../app/compare/compare-view';
import type { TenantFigures, TenantSummary } from '../../app/compare/compare-stats';
import { VERDICT_RULE } from '../../core/metrics';

/** A mean with its 95% interval, e.g. `41.2 (38.0-44.4)`; `scale` turns a fraction into a percentage. */
function withCi(stat: RepeatStats, scale = 1, digits = 1): string {
  if (stat.mean === null) return '—';
  const mean = (stat.mean * scale).toFixed(digits);
  if (stat.ci95Low === null || stat.ci95High === null) return mean;
  return `${mean} (${(stat.ci95Low * scale).toFixed(digits)}–${(stat.ci95High * scale).toFixed(digits)})`;
}

const predictedOf = (f: TenantFigures | undefined, pick: (f: TenantFigures) => number | null, scale = 1): string => {
  const v = f === undefined ? null : pick(f);
  return v === null ? '—' : (v * scale).toFixed(1);
};

/** The variant's verdict (the worst of its repeats), each repeat's in brackets when there are several, each reason in the title. */
function VerdictCell({ m, prefix }: { m: TenantSummary; prefix: string }) {
  if (m.verdict === null) return <td className="num" data-testid={`${prefix}-verdict`} title="no verdict recorded (a comparison from before verdicts)">—</td>;
  const each = m.verdicts.length > 1 ? ` (${m.verdicts.map((k) => k ?? '—').join(', ')})` : '';
  const reasons = m.verdictReasons.map((r, i) => `repeat ${String(i + 1)}: ${m.verdicts[i] ?? '—'}, ${r ?? 'no verdict'}`).join('\n');
  return (
    <td className={`num verdict verdict-${m.verdict.toLowerCase()}`} data-testid={`${prefix}-verdict`} data-verdict={m.verdict} data-verdicts={m.verdicts.join(',')} title={reasons}>
      {m.verdict}{each}
    </td>
  );
}

/** The verdict line (lessons only) and the summary table. */
export function CompareResults({ view }: { view: ComparisonView }) {
  return (
    <div className="compare-results">
      {view.verdict !== null && (
        <p className={view.verdict.status === 'shown' ? 'banner' : 'banner banner-warn'} data-testid="compare-verdict" data-status={view.verdict.status}>
          <strong>Lesson:</strong> {view.verdict.text}
        </p>
      )}
      <div className="table-scroll">
        <table className="summary-table" data-testid="compare-table">
          <caption className="muted small">
            Measured: mean over the repeats, 95% interval (Student t) in brackets once there are two or more; verdict: MLPerf-style p99 against the SLO, judged per repeat
            (LoadGen's 662 samples hold per run, so repeats are not pooled) and the variant given the worst (FAIL, then INVALID, then PASS), each repeat's in brackets, the reasons in
            its title; mean batch: requests per slice over every repeat pooled (total requests / total slices); predicted: the simulator from the measured solo profiles, same seed and arrivals.
          </caption>
          <thead>
            <tr>
              <th>Variant</th><th>Runs</th><th>Tenant</th><th>p50 ms</th><th>p99 ms</th><th>SLO %</th><th title={VERDICT_RULE}>Verdict (p99)</th><th>req/s</th>
              <th title="requests per slice over the measured requests of every repeat">Mean batch</th><th>predicted p99 ms</th><th>predicted SLO %</th>
            </tr>
          </thead>
          <tbody>
            {view.variants.flatMap((v, i) => v.measured.map((m) => {
              const p = v.predicted?.find((f) => f.tenant === m.tenant);
              return (
                <tr key={`${String(i)}-${m.tenant}`} data-testid={`compare-row-${String(i)}-${m.tenant}`} data-p99={m.p99Ms.mean ?? ''} data-slo={m.sloRate.mean ?? ''} data-mean-batch={m.meanBatch ?? ''}>
                  <td>{v.label}</td><td>{String(v.runs)}</td><td>{m.tenant}</td>
                  <td>{withCi(m.p50Ms)}</td>
                  <td>{withCi(m.p99Ms)}{m.p99Ms.mean !== null && !m.p99Valid && <span className="muted small" title="fewer than LoadGen's 662 samples in a run"> (few samples)</span>}</td>
                  <td>{withCi(m.sloRate, 100)}</td><VerdictCell m={m} prefix={`compare-${String(i)}-${m.tenant}`} /><td>{withCi(m.throughputPerSec)}</td>
                  <td className="num" data-testid={`compare-${String(i)}-${m.tenant}-mean-batch`}>{m.meanBatch === null ? '—' : m.meanBatch.toFixed(2)}</td>
                  <td>{predictedOf(p, (f) => f.p99Ms)}</td><td>{predictedOf(p, (f) => f.sloRate, 100)}</td>
                </tr>
              );
            }))}
          </tbody>
        </table>
      </div>
      <ul className="muted small">{view.variants.map((v, i) => <li key={i}>{v.label}: {v.predictionNote}</li>)}</ul>
      {view.arrivals !== null && (
        <div className="small" data-testid="compare-arrivals">
          <p>Arrivals: the same seed in every run, and every capacity fraction fixed in req/s once, from {view.arrivals.source}, so each variant saw the same arrival times{view.arrivals.lines.length === 0 ? ' (every rate was already in req/s)' : ':'}</p>
          {view.arrivals.lines.length > 0 && <ul>{view.arrivals.lines.map((line) => <li key={line}>{line}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
