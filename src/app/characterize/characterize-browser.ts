// Wires the characterization to the browser: one controller per page (its own engine worker, a capacity worker, live probes in a fresh engine, the experiment's own models), and the window.__characterize hook.
import type { CharacterizeReport } from '../../core/characterize/report-schema';
import type { CustomModel } from '../../core/experiment';
import { browserCustomModels } from '../custom-models/custom-models-browser';
import { EngineClient } from '../../engine/engine-client';
import { createWorkerCapacitySearcher } from './capacity-client';
import { createLiveConfirmer } from './live-confirm';
import { CharacterizeController, type CharacterizeProgress } from './characterize-controller';

/** Installed on window by main.tsx: the characterization, headless (the CLI and e2e tests drive it). */
export interface CharacterizeTestHook {
  /** Runs a characterization (CharacterizeOptionsInput) and resolves with its report; rejects with the field-named problems. */
  run(options: unknown): Promise<CharacterizeReport>;
  /** Stops the characterization in progress; its run resolves with what was measured. */
  stop(): void;
  /** The current progress (label, steps, time left). */
  progress(): CharacterizeProgress;
  /** The page experiment's own models (entries: file, hash, inputs, chosen dims), each with where its bytes are. */
  customModels(): readonly (CustomModel & { readonly state: 'ready' | 'loading' | 'missing' | 'unknown' })[];
}

declare global {
  interface Window {
    __characterize?: CharacterizeTestHook;
  }
}

let controller: CharacterizeController | null = null;

/** The page's one characterization controller (the section and the hook share it). */
export function browserCharacterizeController(): CharacterizeController {
  return (controller ??= new CharacterizeController({
    createEngine: () => new EngineClient(),
    searchCapacity: createWorkerCapacitySearcher(),
    // Live probes get an engine worker of their own (disposed after), so they never share lanes with the sweep's.
    liveConfirmer: createLiveConfirmer(() => new EngineClient()),
    // `custom:` ids in the options take their entries from the page's experiment (the engine client carries their bytes).
    customModels: () => browserCustomModels().entries(),
    nowMs: () => performance.now(),
    nowIso: () => new Date().toISOString(),
    environment: { userAgent: navigator.userAgent, logicalCores: Number.isInteger(navigator.hardwareConcurrency) ? navigator.hardwareConcurrency : null },
  }));
}

/** Puts {@link CharacterizeTestHook} on window. */
export function installCharacterizeHook(): void {
  window.__characterize = {
    run: (options) => browserCharacterizeController().start(options),
    stop: () => browserCharacterizeController().stop(),
    progress: () => browserCharacterizeController().snapshot(),
    customModels: () => {
      const custom = browserCustomModels();
      const files = custom.store.getSnapshot().files;
      return custom.entries().map((m) => ({ ...m, state: files.find((f) => f.sha256 === m.sha256)?.state ?? 'unknown' }));
    },
  };
}
