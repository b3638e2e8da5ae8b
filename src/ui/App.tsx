// Top-level lab page: device bar, fallback banner, model panel, your own file, results, the experiment editor.
import { DeviceBar } from './DeviceBar';
import { ExperimentSection } from './experiment/ExperimentSection';
import { FallbackBanner } from './FallbackBanner';
import { FilePanel } from './FilePanel';
import { ModelPanel } from './ModelPanel';
import { ResultsPanel } from './ResultsPanel';
import { useLabSnapshot } from './use-lab';
import './lab.css';

/** The whole page; `data-phase` on the root tells tests what the lab is doing. */
export function App() {
  const { phase } = useLabSnapshot();
  return (
    <div className="lab" data-testid="lab" data-phase={phase}>
      <header className="masthead">
        <h1>Tenancy Lab</h1>
        <p className="muted">CNN inference on your GPU with onnxruntime-web: device facts, per-run latency, WebGPU vs WASM.</p>
      </header>
      <FallbackBanner />
      <DeviceBar />
      <div className="columns">
        <div className="column">
          <ModelPanel />
          <FilePanel />
        </div>
        <ResultsPanel />
      </div>
      <ExperimentSection />
    </div>
  );
}
