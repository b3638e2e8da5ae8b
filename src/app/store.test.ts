// Tests for the snapshot store: frozen snapshots, notifications, unsubscribe.
import { describe, expect, it, vi } from 'vitest';
import { createStore, deepFreeze } from './store';

describe('createStore', () => {
  it('publishes a new frozen snapshot on every update', () => {
    const store = createStore({ count: 0, items: [{ id: 1 }] });
    const first = store.getSnapshot();
    store.update((s) => ({ ...s, count: s.count + 1 }));
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.count).toBe(1);
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second.items[0])).toBe(true);
  });

  it('notifies subscribers until they unsubscribe', () => {
    const store = createStore({ n: 0 });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.update((s) => ({ n: s.n + 1 }));
    unsubscribe();
    store.update((s) => ({ n: s.n + 1 }));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('deepFreeze', () => {
  it('leaves typed arrays writable (freezing them throws)', () => {
    const frozen = deepFreeze({ values: new Float64Array([1, 2]) });
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(frozen.values)).toBe(false);
  });
});
