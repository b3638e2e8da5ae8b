// The solo-profile cache kept across reloads: IndexedDB (idb-keyval) in the engine worker, loaded once, written through.
import { errorMessage } from '../core/error-message';
import { clear, createStore, entries, set, type UseStore } from 'idb-keyval';
import type { ProfileCache, StoredProfilePoint } from './solo-profiler';

/** IndexedDB database and object store of the cache (one record per profile point, keyed by profileCacheKey). */
export const PROFILE_DB = { database: 'tenancy-lab-profiles', store: 'solo-profiles-v1' } as const;

/** True when a stored record has the shape of a profile point (records of an older build are skipped, not trusted). */
function isPoint(value: unknown): value is StoredProfilePoint {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.modelKey === 'string' && typeof v.batch === 'number' && typeof v.medianMs === 'number' && v.medianMs > 0 &&
    typeof v.p99Ms === 'number' && typeof v.samples === 'number' && typeof v.throughputPerSec === 'number' &&
    typeof v.measuredAtEpochMs === 'number' && v.timing === 'wall-clock' && typeof v.warmupRuns === 'number';
}

/**
 * A {@link ProfileCache} that survives a reload: every point is written to IndexedDB when measured and
 * read back when the worker starts. Without IndexedDB (or when it fails: private mode, quota) it is the
 * session cache it was before, and {@link persistError} says why.
 */
export class PersistentProfileCache implements ProfileCache {
  private readonly points = new Map<string, StoredProfilePoint>();
  private readonly store: UseStore | null;
  readonly ready: Promise<void>;
  /** Why points are not persisted (null while they are). */
  persistError: string | null = null;

  /** `database`: the IndexedDB database name (tests use their own); `available`: whether IndexedDB exists here. */
  constructor(database: string = PROFILE_DB.database, available: boolean = typeof indexedDB !== 'undefined') {
    this.store = available ? createStore(database, PROFILE_DB.store) : null;
    if (this.store === null) this.persistError = 'IndexedDB is not available here';
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    if (this.store === null) return;
    try {
      for (const [key, value] of await entries(this.store)) {
        if (typeof key === 'string' && isPoint(value) && !this.points.has(key)) this.points.set(key, value);
      }
    } catch (error) {
      this.persistError = `IndexedDB could not be read: ${errorMessage(error)}`;
    }
  }

  get(key: string): StoredProfilePoint | undefined {
    return this.points.get(key);
  }

  set(key: string, point: StoredProfilePoint): void {
    this.points.set(key, point);
    if (this.store === null || this.persistError !== null) return;
    set(key, point, this.store).catch((error: unknown) => {
      this.persistError = `IndexedDB could not be written: ${errorMessage(error)}`;
    });
  }

  /** Forgets every point, here and in IndexedDB. */
  async clear(): Promise<void> {
    this.points.clear();
    if (this.store !== null) await clear(this.store).catch(() => undefined);
  }

  get size(): number {
    return this.points.size;
  }
}
