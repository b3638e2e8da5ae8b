// The analysis worker: capacity, comparison, curves, cost and plan from the pure core, off the main thread, with progress.
import { errorMessage } from '../../core/error-message';
import { analyzeExperiment } from '../../core/analysis/analyze-report';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';

const post = (response: AnalysisResponse): void => self.postMessage(response);

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const { id, ...request } = event.data;
  try {
    let last = -1;
    const result = analyzeExperiment({
      ...request,
      onProgress: (fraction, step) => {
        // At most one message per 0.5% of progress: the page needs no more.
        if (fraction - last < 0.005 && fraction < 1) return;
        last = fraction;
        post({ id, kind: 'progress', fraction, step });
      },
    });
    post(result.ok ? { id, kind: 'done', report: result.report } : { id, kind: 'failed', issues: result.issues });
  } catch (error) {
    post({ id, kind: 'failed', issues: [{ path: '', message: `the analysis failed: ${errorMessage(error)}` }] });
  }
};
