// Wires Compare to the browser: an engine worker of its own per comparison, the simulator worker, pins in IndexedDB.
import { EngineClient } from '../../engine/engine-client';
import { createWorkerSimulator } from '../simulate-client';
import { CompareController } from './compare-controller';
import { indexedDbPinStore } from './pin-store';

/** A Compare controller for the page; its pins are read at once. */
export function createBrowserCompareController(): CompareController {
  const simulator = createWorkerSimulator();
  const controller = new CompareController({
    createEngine: () => new EngineClient(),
    simulate: (experiment) => simulator.simulate(experiment),
    pins: indexedDbPinStore(),
    nowIso: () => new Date().toISOString(),
    newId: () => crypto.randomUUID(),
  });
  void controller.loadPins();
  return controller;
}
