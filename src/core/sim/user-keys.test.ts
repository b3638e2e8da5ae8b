// Tests that user-chosen names (tenant ids, model ids) that collide with Object.prototype stay ordinary keys in the simulator's report.
import { describe, expect, it } from 'vitest';
import { parseExperimentJson, type ExperimentInput } from '../experiment';
import { simulateExperiment } from './simulate-experiment';

function experimentWith(ids: readonly [string, string], model: string): ExperimentInput {
  return {
    schemaVersion: 1,
    tenants: ids.map((id) => ({
      id,
      model,
      resolution: 32,
      batch: { kind: 'none' },
      arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.3 } },
      sloMs: 20,
      queueLimit: 16,
    })),
    scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode: 'time-sliced' },
    warmupMs: 0,
    durationMs: 2000,
    seed: 7,
    serviceModel: { byModel: { [model]: { kind: 'fixed', ms: 2 } } },
  };
}

describe('user-chosen keys in the simulator', () => {
  it.each<[string, string]>([
    ['__proto__', 'camera'],
    ['constructor', 'toString'],
    ['hasOwnProperty', '__proto__'],
  ])('tenants %s and %s both appear in the report and add up to overall', (a, b) => {
    // Through JSON text, as the CLI reads it: JSON.parse keeps `__proto__` as an own key.
    const parsed = parseExperimentJson(JSON.stringify(experimentWith([a, b], 'constructor')));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const result = simulateExperiment(parsed.experiment);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const report = result.report;
    expect(Object.keys(report.perTenant)).toEqual([a, b]);
    const sum = Object.values(report.perTenant).reduce((total, t) => total + t.ledger.arrivals, 0);
    expect(sum).toBe(report.overall.ledger.arrivals);
    expect(report.perTenant[a]?.ledger.arrivals).toBeGreaterThan(0);
    const json = JSON.parse(JSON.stringify(report)) as { perTenant: Record<string, unknown> };
    expect(Object.keys(json.perTenant)).toEqual([a, b]);
  });
});
