// Pinned comparisons kept across reloads: IndexedDB (idb-keyval), validated when read back, never trusted.
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { errorMessage } from '../../core/error-message';
import { parseComparison, type Comparison } from './compare-file';

/** IndexedDB database and object store of the pins (one record per comparison, keyed by its id). */
export const PIN_DB = { database: 'tenancy-lab-comparisons', store: 'pinned-v1' } as const;
/** Most comparisons kept pinned (the oldest goes first past it). */
export const MAX_PINS = 20;

/** Where pinned comparisons live (IndexedDB in the browser; a Map in tests that need none). */
export interface PinStore {
  /** Every readable pin, oldest first; records that do not validate are skipped. */
  list(): Promise<Comparison[]>;
  put(comparison: Comparison): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Pins in IndexedDB; without it (or when it fails) calls reject with the reason, which the controller shows. */
export function indexedDbPinStore(database: string = PIN_DB.database): PinStore {
  let store: UseStore | null = null;
  const db = (): UseStore => {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available here: pins last until the page is closed');
    store ??= createStore(database, PIN_DB.store);
    return store;
  };
  return {
    async list() {
      const pins: Comparison[] = [];
      for (const [key, value] of await entries(db())) {
        const parsed = parseComparison(value);
        if (typeof key === 'string' && parsed.ok && parsed.comparison.id === key) pins.push(parsed.comparison);
      }
      return pins.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async put(comparison) {
      try {
        await set(comparison.id, comparison, db());
      } catch (error) {
        throw new Error(`the pin could not be kept: ${errorMessage(error)}`, { cause: error });
      }
    },
    async remove(id) {
      await del(id, db());
    },
  };
}

/** Pins in memory (tests, and a page without IndexedDB). */
export function memoryPinStore(): PinStore {
  const pins = new Map<string, Comparison>();
  return {
    list: () => Promise.resolve([...pins.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt))),
    put: (comparison) => {
      pins.set(comparison.id, comparison);
      return Promise.resolve();
    },
    remove: (id) => {
      pins.delete(id);
      return Promise.resolve();
    },
  };
}
