// React access to the run controller: through context, snapshots through useSyncExternalStore.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RunController, RunSnapshot } from '../../app/run/run-controller';

/** Provided by ExperimentSection (the run section reads the experiment being edited). */
export const RunContext = createContext<RunController | null>(null);

/** The run controller; throws outside <RunContext.Provider>. */
export function useRunController(): RunController {
  const controller = useContext(RunContext);
  if (!controller) throw new Error('useRunController: no RunContext.Provider above this component');
  return controller;
}

/** The current frozen snapshot; re-renders on every change. */
export function useRunSnapshot(): RunSnapshot {
  const { store } = useRunController();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
