// Tests for the simulator's work budget and finite-time guards: a clear stop with a partial report, never a hang or a crash.
import { describe, expect, it } from 'vitest';
import { parseExperiment, type Experiment, type ExperimentInput } from '../experiment';
import { createRng } from '../rng';
import { ms } from '../units';
import { runSimulateCli } from './cli';
import { derivedTimeProblem, planSimulation } from './plan';
import { createServiceTimeModel } from './service-time';
import { simulateExperiment, type SimReport } from './simulate-experiment';
import { checkedArrivals, checkedService, SimulationStopped } from './work-budget';

function experiment(edit: (e: ExperimentInput) => ExperimentInput = (e) => e): Experiment {
  const input: ExperimentInput = {
    schemaVersion: 1,
    tenants: [
      { id: 'a', model: 'm', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 1_000_000 } }, sloMs: 10, queueLimit: 1_000_000 },
    ],
    scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode: 'time-sliced' },
    warmupMs: 0,
    durationMs: 86_400_000,
    seed: 3,
    serviceModel: { byModel: { m: { kind: 'fixed', ms: 1 } } },
  };
  const parsed = parseExperiment(edit(input));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.experiment;
}

/** The report's ledger adds up: every issued request is completed, dropped, queued or running. */
function expectBalanced(report: SimReport): void {
  const { ledger } = report.overall;
  expect(ledger.completed + ledger.dropped + ledger.queued + ledger.running).toBe(ledger.arrivals);
  expect(ledger.arrivals).toBe(report.simulatedRequests);
}

describe('the work budget', () => {
  it('1e6 requests/s into a 1 ms server for a day stops at the queued budget with a partial report', () => {
    const result = simulateExperiment(experiment(), { maxRequests: 10_000_000, maxQueued: 20_000 });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const report = result.report;
    expect(report.stopped?.reason).toBe('queue-budget');
    expect(report.stopped?.message).toMatch(/^stopped at the work budget of 20000 queued requests .*--max-queued$/);
    expect(report.overall.ledger.queued).toBe(20_000);
    expect(report.stalledClosedLoop).toBeNull();
    expectBalanced(report);
  });

  it('stops at the request budget, counting exactly that many requests', () => {
    const result = simulateExperiment(experiment((e) => ({ ...e, serviceModel: { byModel: { m: { kind: 'fixed', ms: 0.001 } } } })), { maxRequests: 5000, maxQueued: 1_000_000 });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.report.stopped?.reason).toBe('request-budget');
    expect(result.report.simulatedRequests).toBe(5000);
    expect(result.report.simulatedMs).toBeGreaterThan(0);
    expectBalanced(result.report);
  });

  it('a closed loop with a microsecond service for a day stops at the request budget', () => {
    const e = experiment((x) => ({ ...x, tenants: x.tenants.map((t) => ({ ...t, arrival: { kind: 'closed-loop', outstanding: 4 } })), serviceModel: { byModel: { m: { kind: 'fixed', ms: 0.001 } } } }));
    const result = simulateExperiment(e, { maxRequests: 3000, maxQueued: 1_000_000 });
    expect(result.ok && result.report.stopped?.reason).toBe('request-budget');
  });

  it('a run inside the budget reports stopped: null and the budget it had', () => {
    const budget = { maxRequests: 1_000_000, maxQueued: 1000 };
    const result = simulateExperiment(experiment((e) => ({ ...e, durationMs: 100, tenants: e.tenants.map((t) => ({ ...t, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 100 } } })) })), budget);
    expect(result.ok && [result.report.stopped, result.report.workBudget]).toEqual([null, budget]);
  });
});

describe('the simulate command at the budget', () => {
  const file = JSON.stringify(experiment());
  const read = (): string => file;

  it('prints the partial report, one stderr line, and exits 3', () => {
    const result = runSimulateCli(['x.json', '--max-queued', '1000'], read);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^x\.json: stopped at the work budget of 1000 queued requests/);
    expect((JSON.parse(result.stdout) as SimReport).stopped?.reason).toBe('queue-budget');
  });

  it.each([
    [['x.json', '--max-requests'], '--max-requests: expected a whole number from 1 to 1000000000000, got nothing'],
    [['x.json', '--max-requests', '0'], '--max-requests: expected a whole number from 1 to 1000000000000, got "0"'],
    [['x.json', '--max-queued', '1.5'], '--max-queued: expected a whole number from 1 to 1000000000000, got "1.5"'],
    [['x.json', '--max-queued', '1e13'], '--max-queued: expected a whole number from 1 to 1000000000000, got "1e13"'],
  ])('%j exits 2 with one line naming the flag', (args, line) => {
    const result = runSimulateCli(args, read);
    expect([result.exitCode, result.stdout, result.stderr[0]]).toEqual([2, '', line]);
  });
});

describe('finite-time guards', () => {
  it('an arrival source that yields NaN stops the run instead of stalling it', () => {
    const source = checkedArrivals({ mode: 'open', next: () => ms(NaN) }, 'a');
    expect(() => (source.mode === 'open' ? source.next() : undefined)).toThrow(SimulationStopped);
  });

  it('an arrival source that goes back in time stops the run', () => {
    const times = [5, 3];
    const source = checkedArrivals({ mode: 'open', next: () => ms(times.shift() ?? 0) }, 'a');
    if (source.mode !== 'open') throw new Error('open');
    expect(source.next()).toBe(5);
    expect(() => source.next()).toThrow(/not a finite, ordered instant/);
  });

  it('a service sample of Infinity stops the run', () => {
    const model = checkedService({ medianMs: () => ms(1), meanMs: () => ms(1), sampleMs: () => ms(Infinity) }, 'm');
    expect(() => model.sampleMs(1)).toThrow(SimulationStopped);
  });

  it.each([
    ['a log-normal spread past the float range', { kind: 'profile' as const, byBatch: [{ batch: 1, medianMs: 5e-324, p99Ms: 1 }] }],
    ['a median of 5e-324 ms (capacity Infinity)', { kind: 'fixed' as const, ms: 5e-324, perExtraItemMs: 0 }],
    ['a mean that overflows', { kind: 'distribution' as const, shape: 'lognormal' as const, medianMs: 1e300, p99Ms: 1e308, perExtraItemMs: 0 }],
  ])('derivedTimeProblem names %s (a spec past the schema bounds)', (_name, spec) => {
    expect(derivedTimeProblem(createServiceTimeModel(spec, createRng(1)))).toMatch(/must be finite and above 0/);
  });

  it('a plan from an unvalidated experiment with such a spec is refused at the model, not run', () => {
    const e = experiment();
    const bad = { ...e, serviceModel: { byModel: { m: { kind: 'fixed' as const, ms: 5e-324, perExtraItemMs: 0 } }, contentionPerExtraLane: 1 } };
    const planned = planSimulation(bad);
    expect(planned.ok ? [] : planned.issues.map((i) => i.path)).toEqual(['serviceModel.byModel.m']);
  });
});
