// The real-traffic preset in simulation at the rates this lab meets: its trace's first burst falls inside the run, with about Poisson's count of arrivals, and the trace tenant's p99 is far above Poisson's.
import { describe, expect, it } from 'vitest';
import { simulateExperiment } from '../../core/sim';
import { findPreset } from './catalog';

const preset = findPreset('real-traffic');

describe('real-traffic preset, simulated with a fixed service time at load 0.3 per lane', () => {
  // Mean rates 0.3 x capacity: from a loaded 2-core CPU (SqueezeNet at 32 px on WASM, ~50 req/s) to a quiet one.
  it.each([[15], [20], [30], [40]])('%d req/s: the window holds 0.8-2x Poisson\'s arrivals and the trace\'s p99 is over 4x Poisson\'s', (ratePerSec) => {
    if (preset === undefined) throw new Error('no real-traffic preset');
    const serviceMs = (0.3 * 1000) / ratePerSec;
    const result = simulateExperiment({ ...preset.experiment, serviceModel: { byModel: { squeezenet1_1: { kind: 'fixed', ms: serviceMs, perExtraItemMs: 0 } }, contentionPerExtraLane: 0 } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [trace, poisson] = [result.report.perTenant.trace, result.report.perTenant.poisson];
    if (trace === undefined || poisson === undefined) throw new Error('a tenant is missing');
    const countRatio = trace.measured.arrivals / poisson.measured.arrivals;
    expect(countRatio).toBeGreaterThan(0.8);
    expect(countRatio).toBeLessThan(2);
    expect(trace.latencyMs.p99.value).toBeGreaterThan(4 * (poisson.latencyMs.p99.value ?? Infinity));
  });
});
