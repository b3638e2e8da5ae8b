// Fuzz support: experiments valid by construction, with values drawn up to the schema's bounds (the simulator's stress inputs).
import fc from 'fast-check';

const ms = fc.oneof(fc.constantFrom(0.001, 0.01, 1, 50, 3_600_000, 86_400_000), fc.double({ min: 0.001, max: 86_400_000, noNaN: true }));
const rate = fc.oneof(
  fc.record({ unit: fc.constant('per-sec'), value: fc.oneof(fc.constantFrom(1e-6, 1, 1000, 1_000_000), fc.double({ min: 1e-6, max: 1_000_000, noNaN: true })) }),
  fc.record({ unit: fc.constant('capacity-fraction'), value: fc.oneof(fc.constantFrom(0.01, 1, 100), fc.double({ min: 1e-6, max: 100, noNaN: true })) }),
);
const stateRate = fc.oneof(fc.record({ unit: fc.constant('per-sec'), value: fc.constantFrom(0, 1, 1e3, 1e6) }), fc.record({ unit: fc.constant('capacity-fraction'), value: fc.constantFrom(0, 0.5, 100) }));
const arrival = fc.oneof(
  fc.record({ kind: fc.constant('closed-loop'), outstanding: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({ kind: fc.constantFrom('constant', 'poisson'), rate }),
  fc.record({ kind: fc.constant('gamma'), rate, cv: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
  fc.record({ kind: fc.constant('mmpp'), rates: fc.tuple(stateRate, fc.record({ unit: fc.constant('per-sec'), value: fc.constantFrom(1, 1e3, 1e6) })), meanDwellMs: fc.tuple(ms, ms) }),
  fc.record({ kind: fc.constant('trace'), timestampsMs: fc.array(fc.double({ min: 0, max: 86_400_000, noNaN: true }), { minLength: 1, maxLength: 200 }).map((ts) => ts.sort((a, b) => a - b)) }),
);
const batch = fc.oneof(
  fc.constant({ kind: 'none' }),
  fc.record({ kind: fc.constant('dynamic'), maxBatch: fc.integer({ min: 1, max: 256 }), maxQueueDelayMs: fc.oneof(fc.constant(0), ms) }),
  fc.record({ kind: fc.constant('adaptive'), maxBatch: fc.integer({ min: 1, max: 256 }) }),
);
const serviceTime = fc.oneof(
  fc.record({ kind: fc.constant('fixed'), ms, perExtraItemMs: fc.oneof(fc.constant(0), ms) }),
  fc.tuple(ms, fc.double({ min: 1, max: 1000, noNaN: true })).map(([medianMs, spread]) => ({ kind: 'distribution', shape: 'lognormal', medianMs, p99Ms: Math.min(86_400_000, medianMs * spread) })),
  fc.uniqueArray(fc.integer({ min: 1, max: 256 }), { minLength: 1, maxLength: 6 }).chain((batches) =>
    fc.tuple(...batches.sort((a, b) => a - b).map((b) => fc.record({ batch: fc.constant(b), medianMs: ms }))).map((byBatch) => ({ kind: 'profile', byBatch })),
  ),
);

/** A valid experiment (as JSON data) of 1-4 tenants on 1-2 models, any policy, lanes and durations up to a day. */
export const validExperiment: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    tenants: fc.array(fc.record({ model: fc.constantFrom('resnet18', 'constructor', '__proto__'), arrival, batch, sloMs: ms, weight: fc.constantFrom(0.001, 1, 1000), priority: fc.constantFrom('real-time', 'best-effort'), queueLimit: fc.constantFrom(1, 64, 1_000_000), overflow: fc.constantFrom('drop-newest', 'drop-oldest') }), { minLength: 1, maxLength: 4 }),
    policy: fc.constantFrom('fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware'),
    blocks: fc.option(fc.integer({ min: 2, max: 64 })),
    lanes: fc.record({ mode: fc.constantFrom('time-sliced', 'concurrent'), dispatchDepth: fc.integer({ min: 1, max: 16 }) }),
    warmupMs: fc.oneof(fc.constant(0), ms),
    durationMs: ms,
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    times: fc.tuple(serviceTime, serviceTime, serviceTime),
    contention: fc.constantFrom(0, 1, 100),
  })
  .map((x) => {
    const runMs = x.warmupMs + x.durationMs;
    const tenants = x.tenants.map((t, i) => {
      // Keep MMPP dwell times within the switch bound, as the schema requires.
      const arrival = t.arrival.kind === 'mmpp' ? { ...t.arrival, meanDwellMs: t.arrival.meanDwellMs.map((d) => Math.max(d, runMs / 1e7)) } : t.arrival;
      return { id: i === 0 ? '__proto__' : `t${String(i)}`, resolution: 32, ...t, arrival };
    });
    const [a, b, c] = x.times;
    const byModel: Record<string, unknown> = { resnet18: a, constructor: b };
    Object.defineProperty(byModel, '__proto__', { value: c, enumerable: true, writable: true, configurable: true });
    return {
      schemaVersion: 1,
      tenants,
      scheduler: x.blocks === null ? { policy: x.policy, granularity: 'inference' } : { policy: x.policy, granularity: 'layer-blocks', blocks: x.blocks },
      lanes: x.lanes,
      warmupMs: x.warmupMs,
      durationMs: x.durationMs,
      seed: x.seed,
      serviceModel: { byModel, contentionPerExtraLane: x.contention },
    };
  });
