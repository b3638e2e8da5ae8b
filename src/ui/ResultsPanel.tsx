// Results: live latencies while measuring, the newest Run in detail, and a table of every Run so far.
import { formatFloat, formatMs } from './format';
import { ResultDetail, whereItRan } from './ResultDetail';
import { useLabSnapshot } from './use-lab';

/** Every finished Run, newest first, plus live progress. */
export function ResultsPanel() {
  const { results, liveLatenciesMs, phase } = useLabSnapshot();
  const latest = results[0];
  return (
    <section className="panel results" aria-label="Results">
      <header className="panel-header"><h2>Results</h2></header>
      {phase === 'measuring' && liveLatenciesMs.length > 0 && (
        <ol className="latency-list live" aria-label="Latencies so far (ms)">
          {liveLatenciesMs.map((latencyMs, index) => <li key={index}>{formatMs(latencyMs)}</li>)}
        </ol>
      )}
      {latest ? <ResultDetail result={latest} /> : <p className="muted">No runs yet: pick a model and press Run.</p>}
      {results.length > 1 && (
        <table className="history" data-testid="history">
          <thead>
            <tr><th>#</th><th>Model</th><th>Where</th><th>Median</th><th>p90</th><th>n</th><th>First run</th><th>max |Δ| vs WASM</th></tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.index}>
                <td>{r.index}</td>
                <td>{r.modelLabel}</td>
                <td>{whereItRan(r)}</td>
                <td className="num">{formatMs(r.stats.medianMs)}</td>
                <td className="num">{formatMs(r.stats.p90Ms)}</td>
                <td className="num">{r.stats.count}</td>
                <td className="num">{formatMs(r.firstRunMs)}</td>
                <td className="num">{r.comparison ? formatFloat(r.comparison.maxAbsDiff) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
