// The Triton zip: every repository file inside, zoo tensors in each config, custom models left to Triton.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../../core/experiment';
import { tritonZip, zooModelIo } from './triton-zip';

const EXAMPLE_EXPERIMENT = exampleExperiment();

describe('tritonZip', () => {
  it('holds a config.pbtxt per tenant with the zoo tensors, perf_analyzer.sh and a README', () => {
    const byModel = Object.fromEntries(EXAMPLE_EXPERIMENT.tenants.map((t) => [t.model, { kind: 'fixed' as const, ms: 5, perExtraItemMs: 1 }]));
    const zipped = tritonZip(EXAMPLE_EXPERIMENT, { byModel, contentionPerExtraLane: 1 }, 0.99, 'a test');
    if (!zipped.ok) throw new Error(JSON.stringify(zipped.issues));
    const files = unzipSync(zipped.bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['triton/README.md', 'triton/perf_analyzer.sh', ...EXAMPLE_EXPERIMENT.tenants.map((t) => `triton/${t.id}/config.pbtxt`)].sort(),
    );
    const first = EXAMPLE_EXPERIMENT.tenants[0];
    if (first === undefined) throw new Error('the example has tenants');
    const config = strFromU8(files[`triton/${first.id}/config.pbtxt`] ?? new Uint8Array());
    expect(config).toContain(`dims: [ 3, ${String(first.resolution)}, ${String(first.resolution)} ]`);
    expect(strFromU8(files['triton/README.md'] ?? new Uint8Array())).toContain('# Triton model repository: a test');
  });

  it('names a capacity-fraction rate it cannot turn into req/s without service times', () => {
    const zipped = tritonZip(EXAMPLE_EXPERIMENT, undefined, 0.99, 'a test');
    expect(zipped.ok ? [] : zipped.issues.map((i) => i.path)).toContain('tenants[0].arrival.rate');
  });

  it("leaves a custom model's tensors to Triton", () => {
    expect(zooModelIo({ model: 'custom:mine', resolution: 224 })).toBeNull();
    expect(zooModelIo({ model: 'resnet18', resolution: 64 })).toEqual({ inputName: 'input', inputDims: [3, 64, 64], outputName: 'logits', outputDims: [1000] });
  });
});
