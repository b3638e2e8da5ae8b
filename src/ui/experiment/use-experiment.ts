// React access to the experiment editor: its controller through context, snapshots through useSyncExternalStore.
import type { ExperimentController, ExperimentSnapshot } from '../../app/experiment-controller';
import { getIn, issuesAt, type FieldPath } from '../../app/experiment-draft';
import { storeContext } from '../store-context';

/** Provided by ExperimentSection. */
const experiment = storeContext<ExperimentController, ExperimentSnapshot>('Experiment');
export const ExperimentContext = experiment.Context;
export const useExperimentController = experiment.useController;
export const useExperimentSnapshot = experiment.useSnapshot;

/** A draft field as an input shows it: the typed text, and the issues at exactly this path. */
export function useField(path: FieldPath): { readonly text: string; readonly errors: string[] } {
  const { editor } = useExperimentSnapshot();
  const value = getIn(editor.draft, path);
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  return { text, errors: issuesAt(editor.issues, path) };
}
