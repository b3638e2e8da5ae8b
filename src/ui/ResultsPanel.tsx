// Results: live latencies while measuring, the newest Run in detail, and a table of every Run so far.
import { formatFloat, formatMs } from './format';
import { ResultDetail, whereItRan } from './ResultDetail';
import { useLabSnapshot } from './use-lab';

function EmptyResults() {
  return (
    <div className="muted">
      <p>No runs yet: pick a model and press Run.</p>
      <ul className="hints">
        <li>The model is generated in a worker in your browser, then loaded into its own ONNX Runtime instance (a lane).</li>
        <li>Warm-up runs come first and are left out of the statistics: on WebGPU the first one compiles the shaders.</li>
        <li>Each run is one dispatch of one request to the lane (a session with its batch fixed to 1), through the lane API the live engine uses.</li>
        <li>Latency is wall clock around each <code>session.run</code>, outputs read back to the CPU, so GPU time is included.</li>
        <li>With the check on, the same input then runs on WASM and the two outputs are compared.</li>
      </ul>
    </div>
  );
}

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
      {latest ? <ResultDetail result={latest} /> : <EmptyResults />}
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
