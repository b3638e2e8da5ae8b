// Small experiments with known queueing answers, shared by the analysis tests.
import { SCHEMA_VERSION, type Experiment, type ServiceTime } from '../experiment';

/** One FCFS tenant: `arrival` kind at `ratePerSec`, the given service time and SLO, a large queue. */
export function singleTenant(kind: 'constant' | 'poisson', ratePerSec: number, service: ServiceTime, sloMs: number, seed = 1): Experiment {
  return {
    schemaVersion: SCHEMA_VERSION,
    tenants: [
      {
        id: 'only',
        model: 'm',
        resolution: 32,
        batch: { kind: 'none' },
        arrival: { kind, rate: { unit: 'per-sec', value: ratePerSec } },
        sloMs,
        weight: 1,
        priority: 'best-effort',
        queueLimit: 1_000_000,
        overflow: 'drop-newest',
      },
    ],
    scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs: 0,
    durationMs: 1000,
    seed,
    serviceModel: { byModel: { m: service }, contentionPerExtraLane: 1 },
  };
}

/**
 * A light tenant with a tight SLO (`light`, fixed 1 ms, SLO 6 ms) beside a heavy one with a loose SLO
 * (`heavy`, fixed 8 ms, SLO 200 ms), both Poisson, FCFS on one time-sliced lane.
 */
export function lightAndHeavy(seed = 1): Experiment {
  const base = singleTenant('poisson', 100, { kind: 'fixed', ms: 1, perExtraItemMs: 0 }, 6, seed);
  const light = base.tenants[0];
  if (light === undefined) throw new Error('one tenant');
  return {
    ...base,
    tenants: [
      { ...light, id: 'light', model: 'light', queueLimit: 256 },
      { ...light, id: 'heavy', model: 'heavy', sloMs: 200, queueLimit: 256, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 30 } } },
    ],
    serviceModel: {
      byModel: { light: { kind: 'fixed', ms: 1, perExtraItemMs: 0 }, heavy: { kind: 'fixed', ms: 8, perExtraItemMs: 0 } },
      contentionPerExtraLane: 1,
    },
  };
}
