// The window.__lab hook that e2e tests use to wait for the lab instead of sleeping (perfetto's waitForPerfettoIdle).
import type { LabSnapshot } from './lab-state';

/** Installed on window by main.tsx. */
export interface LabTestHook {
  /** Resolves when no Run (and no probe) is in progress. */
  idle(): Promise<void>;
  /** The current frozen snapshot. */
  snapshot(): LabSnapshot;
}

declare global {
  interface Window {
    __lab?: LabTestHook;
  }
}
