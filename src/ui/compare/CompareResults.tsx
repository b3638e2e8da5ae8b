// Compare's summary: per variant and tenant, the measured means with 95% intervals and the simulator's prediction beside them; the lesson's verdict.
import type { RepeatStats } from '../../core/characterize/repeat-stats';
import type { ComparisonView } from '../../app/compare/compare-view';
import type { TenantFigures } from '../../app/compare/compare-stats';

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
          <caption className="muted small">Measured: mean over the repeats, 95% interval (Student t) in brackets once there are two or more; predicted: the simulator from the measured solo profiles, same seed and arrivals.</caption>
          <thead>
            <tr><th>Variant</th><th>Runs</th><th>Tenant</th><th>p50 ms</th><th>p99 ms</th><th>SLO %</th><th>req/s</th><th>predicted p99 ms</th><th>predicted SLO %</th></tr>
          </thead>
          <tbody>
            {view.variants.flatMap((v, i) => v.measured.map((m) => {
              const p = v.predicted?.find((f) => f.tenant === m.tenant);
              return (
                <tr key={`${String(i)}-${m.tenant}`} data-testid={`compare-row-${String(i)}-${m.tenant}`} data-p99={m.p99Ms.mean ?? ''} data-slo={m.sloRate.mean ?? ''}>
                  <td>{v.label}</td><td>{String(v.runs)}</td><td>{m.tenant}</td>
                  <td>{withCi(m.p50Ms)}</td>
                  <td>{withCi(m.p99Ms)}{m.p99Ms.mean !== null && !m.p99Valid && <span className="muted small" title="fewer than LoadGen's 662 samples in a run"> (few samples)</span>}</td>
                  <td>{withCi(m.sloRate, 100)}</td><td>{withCi(m.throughputPerSec)}</td>
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
