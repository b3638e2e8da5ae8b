// Tests of `npm run characterize` arguments: flags, model files with their dims, flag-named problems (fast-check fuzz).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCharacterizeArgs, parseDimsText } from './characterize-args';
import { resolveOptions } from './characterize-options';

describe('parseCharacterizeArgs', () => {
  it.each<[string[], object]>([
    [['--quick'], { input: { quick: true }, outDir: 'characterization' }],
    [['--models', 'tiny-cnn,resnet18', '--backend=wasm', '--repeats', '2', '--out', 'x'], { input: { models: ['tiny-cnn', 'resnet18'], backend: 'wasm', repeats: 2 }, outDir: 'x' }],
    [['--resolution=64', '--max-batch', '4'], { input: { resolution: 64, maxBatch: 4 } }],
    [['--resolutions', '32, 64', '--confirm-live'], { input: { resolutions: [32, 64], confirmLive: true } }],
    [['--quick', '--resolutions=32'], { input: { quick: true, resolutions: [32] } }],
    [['--quick'], { modelFiles: [] }],
    [['--model-file', 'a.onnx', '--quick'], { input: { quick: true }, modelFiles: [{ path: 'a.onnx', dims: [] }] }],
    [['--model-file=m/a b.onnx', '--dims', 'height=224, width=320', '--model-file', 'c.onnx', '--dims=seq=7'],
      { modelFiles: [{ path: 'm/a b.onnx', dims: [{ name: 'height', size: 224 }, { name: 'width', size: 320 }] }, { path: 'c.onnx', dims: [{ name: 'seq', size: 7 }] }] }],
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
    [['--model-file'], '--model-file'],
    [['--model-file='], '--model-file'],
    [['--dims', 'height=32'], '--dims'],
    [['--model-file', 'a.onnx', '--dims', 'height'], '--dims'],
    [['--model-file', 'a.onnx', '--dims', 'height=0'], '--dims'],
    [['--model-file', 'a.onnx', '--dims', 'height=65537'], '--dims'],
    [['--model-file', 'a.onnx', '--dims', 'height=32,height=64'], '--dims'],
    [['--model-file', 'a.onnx', '--dims', 'height=32', '--dims', 'width=32'], '--dims'],
    [['--model-file', 'a.onnx', '--dims', '=32'], '--dims'],
    [['--models', 'a,b,c,d,e,f,g', '--model-file', 'x.onnx', '--model-file', 'y.onnx'], '--model-file'],
    [['--models', 'custom:hw'], '--models'],
  ])('refuses %j naming %s', (args, flag) => {
    const r = parseCharacterizeArgs(args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toBe(flag);
  });

  it('never throws on any argument list (fast-check)', () => {
    const token = fc.oneof(
      fc.constantFrom('--quick', '--models', '--backend', '--repeats', '--out', '--resolution', '--resolutions', '--confirm-live', '32,64', '64,', 'wasm', '3', '=', '--x=1'),
      fc.constantFrom('--model-file', '--dims', 'a.onnx', 'height=32', 'h=1,w=65536', 'h=0', 'h=32,h=32', '--dims=w=7', '--model-file=', '__proto__=3'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (args) => {
        const r = parseCharacterizeArgs(args);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        else {
          expect(resolveOptions(r.input).ok).toBe(true);
          for (const f of r.modelFiles) for (const d of f.dims) expect(d.size >= 1 && d.size <= 65_536).toBe(true);
        }
        if (!r.ok) for (const issue of r.issues) expect(issue.message.length).toBeGreaterThan(0);
      }),
      { seed: 13, numRuns: 400 },
    );
  });
});

describe('parseDimsText', () => {
  it.each<[string, string]>([
    ['h', 'expected name=N'],
    ['h=', 'h: expected a whole number'],
    ['h=1.5', 'h: expected a whole number'],
    ['h w=3', 'expected name=N'],
    ['h=3,,w=4', 'expected name=N'],
  ])('refuses %j: %s', (text, message) => {
    const r = parseDimsText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('keeps user keys such as __proto__ as plain names', () => {
    expect(parseDimsText('__proto__=3,constructor=4')).toEqual({ ok: true, dims: [{ name: '__proto__', size: 3 }, { name: 'constructor', size: 4 }] });
  });
});
