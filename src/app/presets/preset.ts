// What a preset is (an experiment that teaches one thing) and a builder for its tenants.
import { SCHEMA_VERSION, type Experiment, type Tenant } from '../../core/experiment';

/** A ready experiment with a title and a two-sentence explanation of what it shows. */
export interface Preset {
  /** Stable id, used in tests and the picker. */
  readonly id: string;
  readonly title: string;
  /** Two sentences: what the setup is, and what to change and watch. */
  readonly explanation: string;
  /** Rates are fractions of the device's measured solo capacity; no service model (times come from a stated source). */
  readonly experiment: Experiment;
}

/** A tenant at 224 px with a Poisson rate of `fraction` of solo capacity; the rest from `fields`. */
export function tenant(id: string, model: string, fraction: number, fields: Partial<Tenant> = {}): Tenant {
  return {
    id,
    model,
    resolution: 224,
    batch: { kind: 'none' },
    arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: fraction } },
    sloMs: 100,
    weight: 1,
    priority: 'best-effort',
    queueLimit: 64,
    overflow: 'drop-newest',
    ...fields,
  };
}

/** An experiment on one time-sliced lane, whole-inference slices, 2 s warm-up, 15 s measured (a later run ends within 20 s); `fields` override. */
export function experiment(name: string, tenants: Tenant[], fields: Partial<Experiment> = {}): Experiment {
  return {
    schemaVersion: SCHEMA_VERSION,
    name,
    tenants,
    scheduler: { policy: 'fcfs', granularity: 'inference' },
    lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs: 2000,
    durationMs: 15000,
    seed: 1,
    ...fields,
  };
}
