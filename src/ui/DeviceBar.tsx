// The device bar: adapter facts, features, key limits vs spec defaults, backend in use, cross-origin isolation.
import type { LabSnapshot } from '../app/lab-state';
import { formatBytes } from './format';
import { useLabSnapshot } from './use-lab';

const BYTE_LIMITS = new Set(['maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupStorageSize']);
const HIGHLIGHT_FEATURES = ['timestamp-query', 'shader-f16'];

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="fact">
      <span className="fact-label">{label}</span>
      <span className="fact-value" data-testid={testId}>{value || '—'}</span>
    </div>
  );
}

type Adapter = NonNullable<NonNullable<LabSnapshot['probe']>['adapter']>;

function AdapterSummary({ adapter, highPerformance }: { adapter: Adapter; highPerformance: string | null }) {
  const fallback = adapter.isFallbackAdapter === null ? 'not exposed' : adapter.isFallbackAdapter ? 'yes (software)' : 'no';
  return (
    <div>
      <div className="facts">
        <Fact label="Vendor" value={adapter.vendor} testId="device-vendor" />
        <Fact label="Architecture" value={adapter.architecture} testId="device-architecture" />
        <Fact label="Description" value={adapter.description || adapter.device} testId="device-description" />
        <Fact label="Fallback adapter" value={fallback} testId="device-fallback-adapter" />
        {highPerformance && <Fact label="High-performance adapter" value={highPerformance} testId="device-high-performance" />}
      </div>
      <div className="feature-row">
        {HIGHLIGHT_FEATURES.map((feature) => (
          <span key={feature} className={`pill ${adapter.features.includes(feature) ? 'pill-yes' : 'pill-no'}`} data-testid={`feature-${feature}`}>
            {adapter.features.includes(feature) ? '✓' : '✗'} {feature}
          </span>
        ))}
      </div>
      {adapter.isFallbackAdapter && (
        <p className="note" data-testid="software-adapter-note">
          A software adapter (CPU emulation of a GPU): WebGPU runs correctly here but far slower than WASM, so its timings say little about real GPUs.
        </p>
      )}
      <details className="feature-list">
        <summary>All {adapter.features.length} adapter features</summary>
        <ul data-testid="device-features">
          {adapter.features.map((feature) => <li key={feature}>{feature}</li>)}
        </ul>
      </details>
    </div>
  );
}

function LimitsTable({ adapter }: { adapter: Adapter }) {
  return (
    <table className="limits" data-testid="device-limits">
      <thead><tr><th>Limit</th><th className="num">Adapter</th><th className="num">Spec default</th></tr></thead>
      <tbody>
        {adapter.limits.map((limit) => {
          const show = BYTE_LIMITS.has(limit.name) ? formatBytes : String;
          return (
            <tr key={limit.name} data-testid={`limit-${limit.name}`}>
              <td>{limit.name}</td>
              <td className={`num ${limit.value > limit.specDefault ? 'better' : ''}`} data-value={limit.value}>{show(limit.value)}</td>
              <td className="num muted">{show(limit.specDefault)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Shows what this browser offers for inference. */
export function DeviceBar() {
  const { probe, crossOriginIsolated, results } = useLabSnapshot();
  const lastRun = results[0];
  const backend = probe === null ? 'probing…' : probe.available ? 'webgpu' : 'wasm';
  return (
    <section className="panel device-bar" aria-label="Device">
      <header className="panel-header">
        <h2>Device</h2>
        <div className="status-row">
          <span className={`pill ${probe?.available ? 'pill-yes' : 'pill-warn'}`}>
            Backend: <strong data-testid="device-backend">{backend}</strong>
          </span>
          {lastRun && (
            <span className={`pill ${lastRun.backendUsed === lastRun.backendRequested ? '' : 'pill-warn'}`} data-testid="device-last-backend">
              Last run on: <strong>{lastRun.backendUsed}</strong>&nbsp;({lastRun.build})
            </span>
          )}
          <span className={`pill ${crossOriginIsolated ? 'pill-yes' : 'pill-no'}`} data-testid="isolation">
            crossOriginIsolated: {String(crossOriginIsolated)}
          </span>
        </div>
      </header>
      {probe === null && <p className="muted">Probing WebGPU…</p>}
      {probe !== null && !probe.adapter && <p className="muted">No WebGPU adapter: see the reasons above.</p>}
      {probe?.adapter && (
        <div className="device-grid">
          <AdapterSummary adapter={probe.adapter} highPerformance={probe.highPerformanceDescription} />
          <LimitsTable adapter={probe.adapter} />
        </div>
      )}
    </section>
  );
}
