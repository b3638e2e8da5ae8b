// Random valid experiments through plan, simulator and recorder: every run ends drained with a balanced ledger.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExperiment } from '../experiment/parse';
import { POLICIES, SCHEMA_VERSION } from '../experiment/schema';
import { simulateExperiment } from './simulate-experiment';

const MODELS = ['resnet18', 'resnet50', 'vgg16'] as const;

const serviceArb = fc.oneof(
  fc.record({ kind: fc.constant('fixed'), ms: fc.double({ min: 0.2, max: 8, noNaN: true }), perExtraItemMs: fc.double({ min: 0, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('distribution'), shape: fc.constant('lognormal'), medianMs: fc.constant(2), p99Ms: fc.double({ min: 2, max: 10, noNaN: true }) }),
  fc.record({ kind: fc.constant('profile'), byBatch: fc.constant([{ batch: 1, medianMs: 1.5, p99Ms: 2 }, { batch: 4, medianMs: 3 }]) }),
);
const arrivalArb = fc.oneof(
  fc.record({ kind: fc.constant('poisson'), rate: fc.record({ unit: fc.constant('capacity-fraction'), value: fc.double({ min: 0.05, max: 1.2, noNaN: true }) }) }),
  fc.record({ kind: fc.constant('closed-loop'), outstanding: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('gamma'), rate: fc.record({ unit: fc.constant('per-sec'), value: fc.integer({ min: 10, max: 400 }) }), cv: fc.constantFrom(0.5, 2) }),
);
const batchArb = fc.oneof(
  fc.constant({ kind: 'none' }),
  fc.record({ kind: fc.constant('dynamic'), maxBatch: fc.integer({ min: 1, max: 8 }), maxQueueDelayMs: fc.constantFrom(0, 1, 5) }),
  fc.record({ kind: fc.constant('adaptive'), maxBatch: fc.integer({ min: 1, max: 8 }) }),
);
const experimentArb = fc.record({
  schemaVersion: fc.constant(SCHEMA_VERSION),
  tenants: fc.array(
    fc.record({
      model: fc.constantFrom(...MODELS),
      resolution: fc.constant(224),
      batch: batchArb,
      arrival: arrivalArb,
      sloMs: fc.integer({ min: 1, max: 60 }),
      weight: fc.integer({ min: 1, max: 4 }),
      priority: fc.constantFrom('real-time', 'best-effort'),
      queueLimit: fc.integer({ min: 1, max: 40 }),
      overflow: fc.constantFrom('drop-newest', 'drop-oldest'),
    }),
    { minLength: 1, maxLength: 5 },
  ).map((ts) => ts.map((t, i) => ({ id: `t${i}`, ...t }))),
  scheduler: fc.oneof(
    fc.record({ policy: fc.constantFrom(...POLICIES), granularity: fc.constant('inference') }),
    fc.record({ policy: fc.constantFrom(...POLICIES), granularity: fc.constant('layer-blocks'), blocks: fc.integer({ min: 2, max: 6 }) }),
  ),
  lanes: fc.record({ mode: fc.constantFrom('time-sliced', 'concurrent'), dispatchDepth: fc.integer({ min: 1, max: 3 }) }),
  warmupMs: fc.constantFrom(0, 100),
  durationMs: fc.constantFrom(300, 1500),
  seed: fc.nat(),
  serviceModel: fc.record({
    byModel: fc.record({ resnet18: serviceArb, resnet50: serviceArb, vgg16: serviceArb }),
    contentionPerExtraLane: fc.constantFrom(0, 0.5, 1),
  }),
});

describe('simulateExperiment over random experiments', () => {
  it('ends every run drained, balanced, with every request accounted for', () => {
    fc.assert(
      fc.property(experimentArb, (input) => {
        const parsed = parseExperiment(input);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        const result = simulateExperiment(parsed.experiment);
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        const { report } = result;
        let arrivals = 0;
        for (const m of Object.values(report.perTenant)) {
          expect([m.ledger.queued, m.ledger.running]).toEqual([0, 0]);
          expect(m.ledger.completed + m.ledger.dropped).toBe(m.ledger.arrivals);
          arrivals += m.ledger.arrivals;
        }
        expect(report.simulatedRequests).toBe(arrivals);
        expect(report.ledgerChecks).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 2026 },
    );
  });
});
