// Tests of the analysis worker client with a fake worker: progress streamed to its call, answers by id, crash and cancel.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../../core/experiment';
import { FakeEndpoint } from '../../core/rpc/fake-endpoint.test-support';
import { createWorkerAnalyzer } from './analysis-client';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';

type FakeWorker = FakeEndpoint<AnalysisRequest, AnalysisResponse>;

const request = (): Omit<AnalysisRequest, 'id'> => ({
  experiment: exampleExperiment(), serviceModel: { kind: 'table', points: [] } as unknown as AnalysisRequest['serviceModel'],
  serviceTimeSource: 'test', sloRate: 0.99, policies: ['fcfs'], pricePerHour: undefined, plan: false,
});

function setup() {
  const workers: FakeWorker[] = [];
  const analyzer = createWorkerAnalyzer(() => {
    const w: FakeWorker = new FakeEndpoint();
    workers.push(w);
    return w;
  });
  return { analyzer, workers };
}

describe('createWorkerAnalyzer', () => {
  it("streams progress to its own call only, then resolves with the worker's issues", async () => {
    const { analyzer, workers } = setup();
    const seen: [string, number][] = [];
    const first = analyzer.analyze(request(), (fraction) => seen.push(['first', fraction]));
    const second = analyzer.analyze(request(), (fraction) => seen.push(['second', fraction]));
    const w = workers[0] as FakeWorker;
    w.reply({ id: 2, kind: 'progress', fraction: 0.5, step: 'capacity' });
    w.reply({ id: 1, kind: 'progress', fraction: 0.25, step: 'capacity' });
    w.reply({ id: 1, kind: 'failed', issues: [{ path: 'tenants', message: 'none' }] });
    w.reply({ id: 1, kind: 'progress', fraction: 0.9, step: 'late' });
    await expect(first).resolves.toEqual({ ok: false, issues: [{ path: 'tenants', message: 'none' }] });
    expect(seen).toEqual([['second', 0.5], ['first', 0.25]]);
    analyzer.cancel();
    await expect(second).rejects.toThrow('analysis cancelled');
  });

  it('a crash fails the analysis in flight; the next call starts a fresh worker', async () => {
    const { analyzer, workers } = setup();
    const pending = analyzer.analyze(request(), () => undefined);
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toThrow('the analysis worker crashed: out of memory');
    void analyzer.analyze(request(), () => undefined).catch(() => undefined);
    expect(workers).toHaveLength(2);
  });
});
