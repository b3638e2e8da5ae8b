// React access to a controller that publishes frozen snapshots: the controller through context, its snapshots through useSyncExternalStore.
import { createContext, useContext, useSyncExternalStore, type Context } from 'react';
import type { ReadableStore } from '../app/store';

/** A controller's context and the two hooks that read it. */
export interface StoreContext<C, S> {
  readonly Context: Context<C | null>;
  /** The controller; throws outside the provider. */
  readonly useController: () => C;
  /** The current frozen snapshot; re-renders on every change. */
  readonly useSnapshot: () => S;
}

/** Makes the context and hooks of a controller kind; `name` (e.g. 'Lab') names them in errors. */
export function storeContext<C extends { readonly store: ReadableStore<S> }, S>(name: string): StoreContext<C, S> {
  const Context = createContext<C | null>(null);
  const useController = (): C => {
    const controller = useContext(Context);
    if (!controller) throw new Error(`use${name}Controller: no ${name}Context.Provider above this component`);
    return controller;
  };
  const useSnapshot = (): S => {
    const { store } = useController();
    return useSyncExternalStore(store.subscribe, store.getSnapshot);
  };
  return { Context, useController, useSnapshot };
}
