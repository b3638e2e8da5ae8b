// A tiny external store: one frozen snapshot at a time, for React's useSyncExternalStore.

/** Subscribe/getSnapshot pair, the shape useSyncExternalStore expects. */
export interface ReadableStore<T> {
  readonly getSnapshot: () => T;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  readonly subscribe: (listener: () => void) => () => void;
}

/** A store whose state is replaced (never mutated) by `update`. */
export interface Store<T> extends ReadableStore<T> {
  /** Replaces the snapshot with `change(current)` (deep-frozen) and notifies listeners. */
  readonly update: (change: (current: T) => T) => void;
}

/**
 * Freezes plain objects and arrays recursively. Typed arrays are left as they
 * are: the spec forbids freezing a non-empty one (it throws).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

/** Creates a store holding `initial` (deep-frozen). */
export function createStore<T>(initial: T): Store<T> {
  let snapshot = deepFreeze(initial);
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(change) {
      snapshot = deepFreeze(change(snapshot));
      for (const listener of [...listeners]) listener();
    },
  };
}
