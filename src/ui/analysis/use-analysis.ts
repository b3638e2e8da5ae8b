// React access to the Analyze controller: through context, snapshots through useSyncExternalStore.
import type { AnalysisController, AnalysisSnapshot } from '../../app/analysis/analysis-controller';
import { storeContext } from '../store-context';

const analysis = storeContext<AnalysisController, AnalysisSnapshot>('Analysis');
export const AnalysisContext = analysis.Context;
export const useAnalysisController = analysis.useController;
export const useAnalysisSnapshot = analysis.useSnapshot;
