// Wires the run controller to the browser: the engine worker (started on the first run), the clock, the page's environment.
import { EngineClient } from '../../engine/engine-client';
import { RunController } from './run-controller';
import { localRunFormStorage } from './run-form-storage';

/** A run controller whose engine worker starts on the first Run live. */
export function createBrowserRunController(): RunController {
  return new RunController({
    createEngine: () => new EngineClient(),
    nowIso: () => new Date().toISOString(),
    environment: { userAgent: navigator.userAgent, crossOriginIsolated: globalThis.crossOriginIsolated },
    formStorage: localRunFormStorage(),
  });
}
