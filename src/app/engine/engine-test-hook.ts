// The window.__engine hook that e2e tests and the runtime benchmark use: run an experiment to its end, no fixed sleeps.
import type { ExperimentInput } from '../../core/experiment';
import { EngineClient } from './engine-client';
import type { EngineOptions, EngineSnapshot, RequestEvent } from './engine-protocol';

/** What a headless run returns: the final snapshot and every completed request. */
export interface EngineRunResult {
  readonly snapshot: EngineSnapshot | null;
  readonly events: readonly RequestEvent[];
}

/** Installed on window by main.tsx. */
export interface EngineTestHook {
  /** Runs the experiment in the engine worker and resolves when the run is over. */
  run(experiment: ExperimentInput, options: EngineOptions): Promise<EngineRunResult>;
}

declare global {
  interface Window {
    __engine?: EngineTestHook;
  }
}

let client: EngineClient | null = null;

/** Puts {@link EngineTestHook} on window; the engine worker starts on the first run. */
export function installEngineTestHook(): void {
  window.__engine = {
    async run(experiment, options) {
      client ??= new EngineClient();
      const events: RequestEvent[] = [];
      const unsubscribe = client.onEvents((batch) => events.push(...batch));
      client.start(experiment, options);
      const snapshot = await client.finished();
      unsubscribe();
      return { snapshot, events };
    },
  };
}
