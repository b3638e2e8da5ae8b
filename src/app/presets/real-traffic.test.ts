// The real-traffic preset in simulation at the rates this lab meets: its trace's first burst falls inside the run, the window holds about as many arrivals as Poisson's (the replay is scaled to its rate over the run), and the trace tenant's p99 is far above Poisson's.
import { describe, expect, it } from 'vitest';
import { simulateExperiment } from '../../core/sim';
import { findPreset } from './catalog';

const preset = findPreset('real-traffic');

describe('real-traffic preset, simulated with a fixed service time at load 0.3 per lane', () => {
  // Mean rates 0.3 x capacity: from a loaded 2-core CPU (ResNet-18 at 32 px on WASM measured at 4-8 req/s of capacity) to a quiet one and beyond.
  it.each([[1], [2], [3], [5], [9], [18], [35]])('%d req/s: about Poisson\'s arrivals in the window (0.7-1.5x), and the trace\'s p99 over 2x Poisson\'s', (ratePerSec) => {
    if (preset === undefined) throw new Error('no real-traffic preset');
    const serviceMs = (0.3 * 1000) / ratePerSec;
    const result = simulateExperiment({ ...preset.experiment, serviceModel: { byModel: { resnet18: { kind: 'fixed', ms: serviceMs, perExtraItemMs: 0 } }, contentionPerExtraLane: 0 } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [trace, poisson] = [result.report.perTenant.trace, result.report.perTenant.poisson];
    if (trace === undefined || poisson === undefined) throw new Error('a tenant is missing');
    const countRatio = trace.measured.arrivals / poisson.measured.arrivals;
    expect(countRatio).toBeGreaterThan(0.7);
    expect(countRatio).toBeLessThan(1.5);
    expect(trace.latencyMs.p99.value).toBeGreaterThan(2 * (poisson.latencyMs.p99.value ?? Infinity));
  });
});
