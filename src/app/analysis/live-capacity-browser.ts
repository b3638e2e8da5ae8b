// Wires Confirm live to the browser: each confirmation starts an engine worker of its own (given back when it ends).
import { EngineClient } from '../../engine/engine-client';
import { LiveCapacityController } from './live-capacity';

/** A live capacity controller whose probes run in a fresh engine worker per confirmation. */
export function createBrowserLiveCapacity(): LiveCapacityController {
  return new LiveCapacityController(() => new EngineClient());
}
