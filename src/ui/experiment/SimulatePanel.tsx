// The Simulate button (enabled with a valid experiment that has a service model) and its result or its issues.
import { useExperimentController, useExperimentSnapshot } from './use-experiment';
import { SimulationSummary } from './SimulationSummary';

/** Simulate runs the core simulator in a worker; the result table is labelled with its service-time source. */
export function SimulatePanel() {
  const controller = useExperimentController();
  const { editor, simulation } = useExperimentSnapshot();
  const blocker =
    editor.experiment === null ? 'Fix the problems above first.'
      : editor.experiment.serviceModel === undefined ? 'Enter assumed service times first: the simulator has no other source of timings.'
        : null;
  return (
    <section className="sim-panel" aria-label="Simulation" data-sim={simulation.status}>
      <div className="xp-row">
        <button type="button" className="primary" disabled={blocker !== null || simulation.status === 'running'}
          onClick={() => void controller.simulate()} data-testid="simulate-button">
          {simulation.status === 'running' ? 'Simulating…' : 'Simulate'}
        </button>
        {simulation.status === 'running' && (
          <button type="button" className="secondary" onClick={() => controller.cancelSimulation()} data-testid="cancel-simulation">Cancel</button>
        )}
        <span className="muted small">{blocker ?? 'A discrete-event simulation of this experiment with the same scheduler code as the live lab.'}</span>
      </div>
      {simulation.status === 'done' && <SimulationSummary report={simulation.report} source={simulation.source} stale={simulation.stale} />}
      {simulation.status === 'failed' && (
        <div className="banner banner-error" role="alert" data-testid="sim-error">
          <h2>The simulation did not run</h2>
          <ul>{simulation.issues.map((i, k) => <li key={k}>{i.path && <code>{i.path}</code>} {i.message}</li>)}</ul>
        </div>
      )}
      {(simulation.status === 'idle' || simulation.status === 'running') && (
        <p className="sim-placeholder muted">{simulation.status === 'running' ? 'Simulating in a worker…' : 'No simulation yet.'}</p>
      )}
    </section>
  );
}
