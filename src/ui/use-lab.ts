// React access to the lab: the controller through context (provided once by main.tsx), its snapshots through useSyncExternalStore.
import type { LabController } from '../app/lab-controller';
import type { LabSnapshot } from '../app/lab-state';
import { storeContext } from './store-context';

const lab = storeContext<LabController, LabSnapshot>('Lab');
export const LabContext = lab.Context;
export const useLabController = lab.useController;
export const useLabSnapshot = lab.useSnapshot;
