// Wires the experiment controller to the browser: the URL hash through history.replaceState, the simulator worker.
import { ExperimentController } from './experiment-controller';
import { createWorkerSimulator } from './simulate-client';

/** A controller reading the page's hash now and writing it on every valid change (no history entries). */
export function createBrowserExperimentController(): ExperimentController {
  const simulator = createWorkerSimulator();
  return new ExperimentController({
    readHash: () => window.location.hash,
    writeHash: (hash) => window.history.replaceState(window.history.state, '', `#${hash}`),
    simulate: (experiment) => simulator.simulate(experiment),
    cancelSimulation: () => simulator.cancel(),
  });
}
