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
