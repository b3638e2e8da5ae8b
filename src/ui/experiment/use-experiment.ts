// React access to the experiment editor: its controller through context, snapshots through useSyncExternalStore.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ExperimentController, ExperimentSnapshot } from '../../app/experiment-controller';
import { getIn, issuesAt, type FieldPath } from '../../app/experiment-draft';

/** Provided by ExperimentSection. */
export const ExperimentContext = createContext<ExperimentController | null>(null);

/** The experiment controller; throws outside <ExperimentContext.Provider>. */
export function useExperimentController(): ExperimentController {
  const controller = useContext(ExperimentContext);
  if (!controller) throw new Error('useExperimentController: no ExperimentContext.Provider above this component');
  return controller;
}

/** The current frozen snapshot; re-renders on every change. */
export function useExperimentSnapshot(): ExperimentSnapshot {
  const { store } = useExperimentController();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** A draft field as an input shows it: the typed text, and the issues at exactly this path. */
export function useField(path: FieldPath): { readonly text: string; readonly errors: string[] } {
  const { editor } = useExperimentSnapshot();
  const value = getIn(editor.draft, path);
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  return { text, errors: issuesAt(editor.issues, path) };
}
