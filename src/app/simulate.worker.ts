// The simulator worker: runs the pure core simulator off the main thread, one experiment per message.
import { errorMessage } from '../core/error-message';
import { simulateExperiment } from '../core/sim/simulate-experiment';
import type { SimulateRequest, SimulateResponse } from './simulate-protocol';

const post = (response: SimulateResponse): void => self.postMessage(response);

self.onmessage = (event: MessageEvent<SimulateRequest>) => {
  const { id, experiment } = event.data;
  try {
    post({ id, ok: true, result: simulateExperiment(experiment) });
  } catch (error) {
    post({ id, ok: false, error: errorMessage(error) });
  }
};
