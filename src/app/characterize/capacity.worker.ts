// The characterization's capacity worker: the default mix's capacity search per policy (pure core), off the page thread.
import { mixCapacitySearch } from '../../core/characterize/default-mix';
import { errorMessage } from '../../core/error-message';
import type { CapacityRequest, CapacityResponse } from './capacity-protocol';

const post = (response: CapacityResponse): void => self.postMessage(response);

self.onmessage = (event: MessageEvent<CapacityRequest>) => {
  const { id, models } = event.data;
  try {
    post({ id, kind: 'done', search: mixCapacitySearch(models) });
  } catch (error) {
    post({ id, kind: 'failed', error: `the capacity search failed: ${errorMessage(error)}` });
  }
};
