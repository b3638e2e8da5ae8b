// The page's side of the analysis worker: one lazily started worker, progress and answers paired by id, cancel by terminating it.
import type { AnalysisReport } from '../../core/analysis/analyze-report';
import type { ConfigIssue } from '../../core/experiment';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';

/** The part of a Worker the client uses (a fake in tests). */
export interface AnalysisWorker {
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: AnalysisRequest): void;
  terminate(): void;
}

export type AnalysisAnswer = { readonly ok: true; readonly report: AnalysisReport } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Analyses in a Web Worker. */
export interface WorkerAnalyzer {
  /** Resolves with the report or issues; rejects when the worker crashes or is cancelled. */
  analyze(request: Omit<AnalysisRequest, 'id'>, onProgress: (fraction: number, step: string) => void): Promise<AnalysisAnswer>;
  /** Stops the analysis in flight (the worker is terminated; the next call starts a fresh one). */
  cancel(): void;
}

interface Pending {
  readonly resolve: (answer: AnalysisAnswer) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: (fraction: number, step: string) => void;
}

const startModuleWorker = (): AnalysisWorker =>
  new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'lab-analysis' });

/** An analyzer whose worker starts on first use; `startWorker` defaults to the bundled analysis.worker.ts. */
export function createWorkerAnalyzer(startWorker: () => AnalysisWorker = startModuleWorker): WorkerAnalyzer {
  let worker: AnalysisWorker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const stop = (reason: string): void => {
    worker?.terminate();
    worker = null;
    for (const waiter of pending.values()) waiter.reject(new Error(reason));
    pending.clear();
  };
  const start = (): AnalysisWorker => {
    const w = startWorker();
    w.onmessage = (event) => {
      const answer = event.data;
      const waiter = pending.get(answer.id);
      if (waiter === undefined) return;
      if (answer.kind === 'progress') {
        waiter.onProgress(answer.fraction, answer.step);
        return;
      }
      pending.delete(answer.id);
      waiter.resolve(answer.kind === 'done' ? { ok: true, report: answer.report } : { ok: false, issues: answer.issues });
    };
    w.onerror = (event) => stop(`analysis worker crashed: ${event.message}`);
    return w;
  };
  return {
    analyze: (request, onProgress) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        const id = nextId++;
        pending.set(id, { resolve, reject, onProgress });
        worker.postMessage({ ...request, id });
      }),
    cancel: () => stop('analysis cancelled'),
  };
}
