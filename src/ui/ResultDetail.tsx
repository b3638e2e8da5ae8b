// One Run in detail: latency summary (wall clock, sample count), per-run latencies, output check against WASM.
import type { BenchResult } from '../app/lab-state';
import { formatBytes, formatFloat, formatMs, formatShape } from './format';

function Stat({ label, valueMs, testId }: { label: string; valueMs: number; testId: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId} data-value={valueMs}>{formatMs(valueMs)}</span>
    </div>
  );
}

/** "google swiftshader (fallback adapter)", or '' on WASM. */
function adapterName(result: BenchResult): string {
  const adapter = result.adapter;
  if (!adapter) return '';
  return `${[adapter.vendor, adapter.architecture].filter(Boolean).join(' ')}${adapter.isFallbackAdapter ? ' (fallback adapter)' : ''}`;
}

/** Where a result ran: backend, build and adapter. */
export function whereItRan(result: BenchResult): string {
  const adapter = adapterName(result);
  return `${result.backendUsed} · ${result.build}${adapter ? ` on ${adapter}` : ''}`;
}

/** The newest Run's numbers. */
export function ResultDetail({ result }: { result: BenchResult }) {
  const { stats, comparison } = result;
  return (
    <article className="result" data-testid="result" data-backend={result.backendUsed}>
      <h3>
        {result.modelLabel} <span className="muted">· </span>
        <span data-testid="result-backend">{result.backendUsed}</span>
        <span className="muted"> · {result.build}{result.adapter ? ` · ${adapterName(result)}` : ''}</span>
      </h3>
      <div className="stats">
        <Stat label="Median" valueMs={stats.medianMs} testId="result-median" />
        <Stat label="p90" valueMs={stats.p90Ms} testId="result-p90" />
        <Stat label="Min" valueMs={stats.minMs} testId="result-min" />
        <Stat label="Max" valueMs={stats.maxMs} testId="result-max" />
        <Stat label="Mean" valueMs={stats.meanMs} testId="result-mean" />
        <Stat label="First run" valueMs={result.firstRunMs} testId="result-first-run" />
      </div>
      <p className="muted" data-testid="result-method">
        <strong data-testid="result-count">{stats.count}</strong> measured runs, wall clock (performance.now around session.run, CPU outputs{result.backendUsed === 'wasm'
          ? '; on WASM the whole run is on the CPU'
          : ', so GPU completion and read-back are included'}), after {result.warmupLatenciesMs.length} warm-up run(s) excluded from the stats.
        Session created in {formatMs(result.sessionMs)}{result.buildMs > 0 && <>, model generated in a worker in {formatMs(result.buildMs)} (<span data-testid="result-build-events">{result.buildProgressEvents}</span> progress events)</>} ·{' '}
        {formatBytes(result.modelBytes)} · ORT {result.ortVersion}, {result.wasmThreads} WASM thread(s) · input {result.inputs.map((i) => formatShape(i.dims)).join(', ')} seed {result.inputSeed}.
      </p>
      {comparison && (
        <p className={`check ${comparison.withinTolerance ? 'check-ok' : 'check-bad'}`} data-testid="comparison" data-within={comparison.withinTolerance}
          data-max-abs-diff={comparison.maxAbsDiff}>
          {comparison.withinTolerance ? '✓' : '✗'} WebGPU vs WASM on the same input: max |Δ| = {formatFloat(comparison.maxAbsDiff)} over{' '}
          {comparison.comparedCount} values, {formatFloat(comparison.relativeDiff)} of the output scale {formatFloat(comparison.referenceScale)} (tolerance{' '}
          {formatFloat(comparison.toleranceRelative)} of scale).
        </p>
      )}
      <p className="muted">
        Output <code>{result.output.name}</code> {formatShape(result.output.dims)} {result.output.type}: min {formatFloat(result.output.min)}, max{' '}
        {formatFloat(result.output.max)}, mean {formatFloat(result.output.mean)}.
      </p>
      <ol className="latency-list" data-testid="latency-list" aria-label="Per-run latency (ms)">
        {result.latenciesMs.map((latencyMs, index) => (
          <li key={index} data-testid="latency-run" data-value={latencyMs}>{formatMs(latencyMs)}</li>
        ))}
      </ol>
    </article>
  );
}
