// Tests for the solo-profile cache kept across reloads (IndexedDB through fake-indexeddb in Node).
import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { PersistentProfileCache, PROFILE_DB } from './profile-store';
import type { StoredProfilePoint } from './solo-profiler';
import { ms } from '../core/units';

const point = (batch: number, medianMs: number): StoredProfilePoint => ({
  modelKey: 'tiny-cnn@32', batch, warmupRuns: 3, samples: 30, medianMs: ms(medianMs), p99Ms: ms(medianMs * 2),
  throughputPerSec: (batch * 1000) / medianMs, timing: 'wall-clock', measuredAtEpochMs: ms(1_700_000_000_000 + batch),
});

/** Waits until IndexedDB has taken the writes (idb-keyval's set is fire-and-forget in the cache). */
async function settle(db: string): Promise<void> {
  await new PersistentProfileCache(db).ready;
}

let dbCount = 0;
/** A database of its own per test. */
const freshDb = (): string => `profiles-test-${String(++dbCount)}`;

describe('PersistentProfileCache', () => {
  it('keeps points across instances (a reload): same key, same point, with its measurement time', async () => {
    const db = freshDb();
    const first = new PersistentProfileCache(db);
    await first.ready;
    expect(first.get('k1')).toBeUndefined();
    first.set('k1', point(1, 2));
    first.set('k2', point(2, 3));
    await settle(db);
    const reloaded = new PersistentProfileCache(db);
    await reloaded.ready;
    expect(reloaded.persistError).toBeNull();
    expect(reloaded.size).toBe(2);
    expect(reloaded.get('k1')).toEqual(point(1, 2));
    expect(reloaded.get('k2')?.measuredAtEpochMs).toBe(1_700_000_000_002);
  });

  it('clear() forgets every point here and in IndexedDB', async () => {
    const db = freshDb();
    const cache = new PersistentProfileCache(db);
    await cache.ready;
    cache.set('k', point(1, 2));
    await settle(db);
    await cache.clear();
    expect(cache.get('k')).toBeUndefined();
    const reloaded = new PersistentProfileCache(db);
    await reloaded.ready;
    expect(reloaded.size).toBe(0);
  });

  it('without IndexedDB it is a session cache and says why it does not persist', async () => {
    const cache = new PersistentProfileCache(freshDb(), false);
    await cache.ready;
    cache.set('k', point(4, 5));
    expect(cache.get('k')).toEqual(point(4, 5));
    expect(cache.persistError).toBe('IndexedDB is not available here');
  });

  it('skips stored records that are not profile points (an older build, a hand-edited store)', async () => {
    const db = freshDb();
    const cache = new PersistentProfileCache(db);
    await cache.ready;
    // Records of another shape written under the same store.
    const store = createStore(db, PROFILE_DB.store);
    await set('bad-1', { modelKey: 'x' }, store);
    await set('bad-2', { ...point(1, 2), medianMs: -1 }, store);
    await set('bad-3', 'text', store);
    await set('good', point(8, 9), store);
    const reloaded = new PersistentProfileCache(db);
    await reloaded.ready;
    expect(reloaded.get('good')).toEqual(point(8, 9));
    expect([reloaded.get('bad-1'), reloaded.get('bad-2'), reloaded.get('bad-3')]).toEqual([undefined, undefined, undefined]);
  });
});
