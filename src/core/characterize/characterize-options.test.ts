// Tests of characterization options: defaults, the quick preset, and command-line parsing with flag-named problems (fast-check fuzz).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCharacterizeArgs, resolveOptions } from './characterize-options';

describe('resolveOptions', () => {
  it('resolves the full-run defaults and the quick preset', () => {
    expect(resolveOptions({})).toEqual({ ok: true, options: { models: ['tiny-cnn', 'squeezenet1_1', 'mobilenet_v2'], backend: 'webgpu', resolution: 224, resolutions: [224], repeats: 3, maxBatch: 64, windowMs: 500, maxWindows: 10, quick: false, confirmLive: false } });
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
});

describe('parseCharacterizeArgs', () => {
  it.each<[string[], object]>([
    [['--quick'], { input: { quick: true }, outDir: 'characterization' }],
    [['--models', 'tiny-cnn,resnet18', '--backend=wasm', '--repeats', '2', '--out', 'x'], { input: { models: ['tiny-cnn', 'resnet18'], backend: 'wasm', repeats: 2 }, outDir: 'x' }],
    [['--resolution=64', '--max-batch', '4'], { input: { resolution: 64, maxBatch: 4 } }],
    [['--resolutions', '32, 64', '--confirm-live'], { input: { resolutions: [32, 64], confirmLive: true } }],
    [['--quick', '--resolutions=32'], { input: { quick: true, resolutions: [32] } }],
  ])('%j', (args, expected) => {
    expect(parseCharacterizeArgs(args)).toMatchObject({ ok: true, ...expected });
  });

  it.each<[string[], string]>([
    [['--repeats', 'three'], '--repeats'],
    [['--repeats'], '--repeats'],
    [['--backend', 'cuda'], '--backend'],
    [['--resolution', '33'], '--resolution'],
    [['--max-batch', '65'], '--max-batch'],
    [['--models', 'Bad Name'], '--models'],
    [['--fast'], '--fast'],
    [['--resolutions', '32,x'], '--resolutions'],
    [['--resolutions', '32,33'], '--resolutions'],
    [['--resolutions', '32,64,96,128,160'], '--resolutions'],
    [['--resolution', '32', '--resolutions', '64'], '--resolutions'],
    [['--confirm-live=yes'], '--confirm-live'],
  ])('refuses %j naming %s', (args, flag) => {
    const r = parseCharacterizeArgs(args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toBe(flag);
  });

  it('never throws on any argument list (fast-check)', () => {
    const token = fc.oneof(fc.constantFrom('--quick', '--models', '--backend', '--repeats', '--out', '--resolution', '--resolutions', '--confirm-live', '32,64', '64,', 'wasm', '3', '=', '--x=1'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (args) => {
        const r = parseCharacterizeArgs(args);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        else expect(resolveOptions(r.input).ok).toBe(true);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});
