// The page's side of the analysis worker: one lazily started worker on the RPC client, progress streamed to the call; cancel by terminating it.
import type { AnalysisReport } from '../../core/analysis/analyze-report';
import type { ConfigIssue } from '../../core/experiment';
import { RpcClient, rpcStep, type RpcEndpoint } from '../../core/rpc/rpc-client';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';

/** The part of a Worker the client uses (a fake in tests). */
export type AnalysisWorker = RpcEndpoint<AnalysisRequest, AnalysisResponse>;

export type AnalysisAnswer = { readonly ok: true; readonly report: AnalysisReport } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Analyses in a Web Worker. */
export interface WorkerAnalyzer {
  /** Resolves with the report or issues; rejects when the worker crashes or is cancelled. */
  analyze(request: Omit<AnalysisRequest, 'id'>, onProgress: (fraction: number, step: string) => void): Promise<AnalysisAnswer>;
  /** Stops the analysis in flight (the worker is terminated; the next call starts a fresh one). */
  cancel(): void;
}

const startModuleWorker = (): AnalysisWorker =>
  new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'lab-analysis' });

type AnalysisRpc = RpcClient<AnalysisRequest, AnalysisResponse, Omit<AnalysisRequest, 'id'>>;

/**
 * An analyzer whose worker starts on first use; `startWorker` defaults to the bundled analysis.worker.ts.
 * A crash fails the analyses in flight; the next call starts a fresh worker (the analysis keeps no state).
 */
export function createWorkerAnalyzer(startWorker: () => AnalysisWorker = startModuleWorker): WorkerAnalyzer {
  let rpc: AnalysisRpc | null = null;
  const start = (): AnalysisRpc =>
    new RpcClient(startWorker(), {
      name: 'the analysis worker',
      stamp: (request, id) => ({ ...request, id }),
      idOf: (response) => response.id,
    });
  return {
    analyze: (request, onProgress) => {
      if (rpc === null || rpc.failure !== null) rpc = start();
      return rpc.call(request, (answer) => {
        switch (answer.kind) {
          case 'progress':
            onProgress(answer.fraction, answer.step);
            return rpcStep.progress;
          case 'done':
            return rpcStep.done<AnalysisAnswer>({ ok: true, report: answer.report });
          case 'failed':
            return rpcStep.done<AnalysisAnswer>({ ok: false, issues: answer.issues });
        }
      }, { label: 'analyze' });
    },
    cancel: () => {
      rpc?.close(new Error('analysis cancelled'));
      rpc = null;
    },
  };
}
