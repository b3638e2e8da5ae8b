// Top-level lab page: a skip button to Run live, what the lab is, device bar, fallback banner, model panel, your own file, results, the experiment editor, live run, analysis and device characterization.
import { AnalyzeSection } from './analysis/AnalyzeSection';
import { CharacterizeSection } from './characterize/CharacterizeSection';
import { CompareSection } from './compare/CompareSection';
import { DeviceBar } from './DeviceBar';
import { ExperimentSection } from './experiment/ExperimentSection';
import { FallbackBanner } from './FallbackBanner';
import { FilePanel } from './FilePanel';
import { ModelPanel } from './ModelPanel';
import { ResultsPanel } from './ResultsPanel';
import { RUN_BUTTON_ID } from './run/run-button-id';
import { useLabSnapshot } from './use-lab';
import './lab.css';

/** Scrolls to an element and moves focus to it (a heading takes it through tabIndex -1). */
function jumpTo(id: string): void {
  const target = document.getElementById(id);
  target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  target?.focus({ preventScroll: true });
}

/** Jumps to a section. A button, not a link: the URL hash holds the experiment and must not change. */
function JumpTo({ id, children }: { id: string; children: string }) {
  return <button type="button" className="link-button" onClick={() => jumpTo(id)}>{children}</button>;
}

/** The whole page; `data-phase` on the root tells tests what the lab is doing. */
export function App() {
  const { phase } = useLabSnapshot();
  return (
    <div className="lab" data-testid="lab" data-phase={phase}>
      {/* First in the tab order, shown when focused: Run live in two key presses (the button also has accesskey R). */}
      <button type="button" className="skip-link" onClick={() => jumpTo(RUN_BUTTON_ID)} data-testid="skip-to-run">Skip to Run live</button>
      <header className="masthead">
        <h1>Tenancy Lab</h1>
        <p className="muted">
          Several CNNs share this device&apos;s GPU through a scheduler the lab owns (onnxruntime-web, WebGPU or WASM). Pick a preset
          under <JumpTo id="experiment-title">Experiment</JumpTo>, press <JumpTo id={RUN_BUTTON_ID}>Run live</JumpTo>, and watch what sharing does to
          latency, SLO satisfaction and throughput. First: this device, and one model on its own.
        </p>
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
      <ExperimentSection>
        <AnalyzeSection />
        <CompareSection />
      </ExperimentSection>
      <CharacterizeSection />
    </div>
  );
}
