// Keeps the run settings (backend, ORT build, solo profile runs) across reloads: validated when read, never trusted.
import { BACKENDS, ORT_BUILDS, type Backend, type OrtBuild } from '../../runtime/lane-protocol';
import type { RunForm } from './run-controller';

/** Where the run controller keeps its settings between page loads. */
export interface RunFormStorage {
  /** The stored settings, or null when none (or none readable) are stored. */
  load(): RunForm | null;
  save(form: RunForm): void;
}

/** The localStorage key (versioned: a later format gets a new key instead of misreading this one). */
export const RUN_FORM_KEY = 'tenancy-lab.run-form.v1';

const isBackend = (x: unknown): x is Backend => typeof x === 'string' && (BACKENDS as readonly string[]).includes(x);
const isBuild = (x: unknown): x is OrtBuild => typeof x === 'string' && (ORT_BUILDS as readonly string[]).includes(x);

/**
 * Reads stored settings (a JSON string, as localStorage holds it). Anything but a whole, valid form
 * (JSON, an object, a known backend and build, a whole number of profile runs from 5 to 500) gives
 * null: the page then starts from its defaults. Never throws.
 */
export function parseStoredRunForm(text: string | null): RunForm | null {
  if (text === null || text.length > 10_000) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { backend, build, profileRuns } = value as Record<string, unknown>;
  if (!isBackend(backend) || !isBuild(build)) return null;
  if (typeof profileRuns !== 'number' || !Number.isInteger(profileRuns) || profileRuns < 5 || profileRuns > 500) return null;
  return { backend, build, profileRuns };
}

/** The browser's localStorage as a {@link RunFormStorage}; storage that throws (private mode, quota) is ignored. */
export function localRunFormStorage(storage: Storage | undefined = globalThis.localStorage): RunFormStorage {
  return {
    load() {
      try {
        return parseStoredRunForm(storage?.getItem(RUN_FORM_KEY) ?? null);
      } catch {
        return null;
      }
    },
    save(form) {
      try {
        storage?.setItem(RUN_FORM_KEY, JSON.stringify({ backend: form.backend, build: form.build, profileRuns: form.profileRuns }));
      } catch {
        // Settings that cannot be kept are only lost on reload.
      }
    },
  };
}
