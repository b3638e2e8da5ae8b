// Wires the characterization to the browser: one controller per page (its own engine worker, a capacity worker, live probes in a fresh engine), and the window.__characterize hook.
import type { CharacterizeReport } from '../../core/characterize/report-schema';
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
  };
}
