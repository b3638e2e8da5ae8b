// React access to the lab: the controller through context, its snapshots through useSyncExternalStore.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LabController } from '../app/lab-controller';
import type { LabSnapshot } from '../app/lab-state';

/** Provided once by main.tsx. */
export const LabContext = createContext<LabController | null>(null);

/** The lab controller; throws when rendered outside <LabContext.Provider>. */
export function useLabController(): LabController {
  const controller = useContext(LabContext);
  if (!controller) throw new Error('useLabController: no LabContext.Provider above this component');
  return controller;
}

/** The current frozen snapshot; re-renders on every change. */
export function useLabSnapshot(): LabSnapshot {
  const { store } = useLabController();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
