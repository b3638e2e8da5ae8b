// React access to the run controller (provided by ExperimentSection): through context, snapshots through useSyncExternalStore.
import type { RunController, RunSnapshot } from '../../app/run/run-controller';
import { storeContext } from '../store-context';

const run = storeContext<RunController, RunSnapshot>('Run');
export const RunContext = run.Context;
export const useRunController = run.useController;
export const useRunSnapshot = run.useSnapshot;
