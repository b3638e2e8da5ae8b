// Tests of characterization options: defaults, the quick preset, several sizes, custom models and their entries.
import { describe, expect, it } from 'vitest';
import { exampleCustomModel } from './custom-entry.test-support';
import { resolveOptions } from './characterize-options';

describe('resolveOptions', () => {
  it('resolves the full-run defaults and the quick preset', () => {
    expect(resolveOptions({})).toEqual({ ok: true, options: { models: ['tiny-cnn', 'squeezenet1_1', 'mobilenet_v2'], backend: 'webgpu', resolution: 224, resolutions: [224], repeats: 3, maxBatch: 64, windowMs: 500, maxWindows: 10, quick: false, confirmLive: false, customModels: [] } });
    const quick = resolveOptions({ quick: true });
    expect(quick.ok && quick.options).toMatchObject({ backend: 'wasm', resolution: 32, maxBatch: 8 });
  });

  it('lets explicit values win over the quick preset and drops repeated models', () => {
    const r = resolveOptions({ quick: true, backend: 'webgpu', models: ['tiny-cnn', 'tiny-cnn'] });
    expect(r.ok && r.options).toMatchObject({ backend: 'webgpu', models: ['tiny-cnn'] });
  });

  it('takes several input sizes (the first is `resolution`), without repeats, and refuses both forms at once', () => {
    expect(resolveOptions({ quick: true, resolutions: [64, 32, 64] })).toMatchObject({ ok: true, options: { resolution: 64, resolutions: [64, 32] } });
    expect(resolveOptions({ resolution: 32, resolutions: [64] })).toMatchObject({ ok: false, issues: [{ path: 'resolutions' }] });
    expect(resolveOptions({ resolutions: [] })).toMatchObject({ ok: false, issues: [{ path: 'resolutions' }] });
  });

  it('takes the entry of every custom: id in models, and names the model whose entry is missing', () => {
    const hw = exampleCustomModel('hw');
    const r = resolveOptions({ models: ['tiny-cnn', 'custom:hw'], customModels: [exampleCustomModel('other'), hw] });
    expect(r.ok && r.options.customModels).toEqual([hw]);
    expect(resolveOptions({ models: ['tiny-cnn', 'custom:hw'] })).toMatchObject({ ok: false, issues: [{ path: 'models[1]', message: expect.stringContaining('no file for custom:hw') as unknown }] });
    expect(resolveOptions({ models: ['custom:hw'], customModels: [{ ...hw, sha256: 'x' }] })).toMatchObject({ ok: false, issues: [{ path: 'customModels[0].sha256' }] });
  });
});
