// Tests for fitting Run live to a slow device: when it applies, what it changes in the form and the editor, and that Undo restores it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../core/experiment';
import type { WebGpuProbe } from '../../runtime/probe-webgpu';
import { findPreset } from '../presets/catalog';
import { fittedResolutions, planDeviceFit, slowDeviceReason, SMALLEST_RESOLUTION_PX, withResolutions } from './device-fit';
import { DEFAULT_RUN_FORM } from './run-controller';
import { adapter, fitSetup, probe } from './device-fit.test-support';

const SOFTWARE = probe(true, adapter(true));
const REAL_GPU = probe(true, adapter(false));
const preset = findPreset('policy-compare')?.experiment as Experiment;

describe('slowDeviceReason / planDeviceFit', () => {
  it.each([
    ['no probe answer yet', null, false],
    ['a real GPU', REAL_GPU, false],
    ['a software adapter', SOFTWARE, true],
    ['SwiftShader named, flag not exposed', probe(true, adapter(null, 'SwiftShader Device (Subzero)')), true],
    ['no WebGPU at all', probe(false, null), true],
  ])('%s: slow = %s', (_, p, slow) => {
    expect(slowDeviceReason(p) !== null).toBe(slow);
    expect(planDeviceFit(p, DEFAULT_RUN_FORM, preset) !== null).toBe(slow);
  });

  it('changes the backend and every larger input, and remembers what was there', () => {
    const fit = planDeviceFit(SOFTWARE, DEFAULT_RUN_FORM, preset);
    expect(fit?.changes).toHaveLength(2);
    expect(fit?.undo).toEqual({ backend: 'webgpu', resolutions: preset.tenants.map((t) => t.resolution) });
    expect(fit?.resolutions).toEqual(preset.tenants.map(() => SMALLEST_RESOLUTION_PX));
  });

  it('says when the tenants keep their ratios (rt-beside-be: its VGG-16 at twice the camera\'s side)', () => {
    const rt = findPreset('rt-beside-be')?.experiment as Experiment;
    const fit = planDeviceFit(SOFTWARE, DEFAULT_RUN_FORM, rt);
    expect(fit?.resolutions).toEqual([32, 64]);
    expect(fit?.changes).toContain('input size: 2 tenant(s) from up to 448 px to 32-64 px (the same factor for every tenant, so their relative costs stay)');
  });

  it('leaves a backend chosen by hand alone, and has nothing to do when already on WASM at the smallest size', () => {
    expect(planDeviceFit(SOFTWARE, { ...DEFAULT_RUN_FORM, backendChosen: true }, preset)).toBeNull();
    const small = { ...preset, tenants: preset.tenants.map((t) => ({ ...t, resolution: SMALLEST_RESOLUTION_PX })) };
    expect(planDeviceFit(SOFTWARE, { ...DEFAULT_RUN_FORM, backend: 'wasm' }, small)).toBeNull();
  });
});

describe('fittedResolutions', () => {
  it.each([
    ['every tenant at 224 px', [224, 224, 224], [32, 32, 32]],
    ['a heavy job at twice the side keeps twice the side', [224, 448], [32, 64]],
    ['already small: nothing changes', [32, 64], [32, 64]],
    ['a side between multiples rounds to the nearest', [224, 320, 1024], [32, 32, 160]],
    ['no tenants', [], []],
  ])('%s', (_, sizes, fitted) => {
    expect(fittedResolutions(sizes)).toEqual(fitted);
  });

  it('keeps the order of the sides, never raises one, and gives the schema\'s multiples of 32 from the smallest up', () => {
    const side = fc.integer({ min: 1, max: 32 }).map((k) => k * 32);
    fc.assert(fc.property(fc.array(side, { minLength: 1, maxLength: 16 }), (sizes) => {
      const fitted = fittedResolutions(sizes);
      expect(fitted).toHaveLength(sizes.length);
      expect(Math.min(...fitted)).toBe(SMALLEST_RESOLUTION_PX);
      sizes.forEach((a, i) => {
        const fa = fitted[i] ?? NaN;
        expect(fa % SMALLEST_RESOLUTION_PX).toBe(0);
        expect(fa).toBeLessThanOrEqual(a);
        sizes.forEach((b, j) => {
          if (a <= b) expect(fa).toBeLessThanOrEqual(fitted[j] ?? NaN);
        });
      });
    }), { seed: 41, numRuns: 300 });
  });
});

describe('withResolutions', () => {
  it('never throws on any draft, and leaves a draft without a tenant list as it is', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (draft) => {
      const out = withResolutions(draft, () => 32);
      if (!Array.isArray(draft.tenants)) expect(out).toBe(draft);
    }), { seed: 14, numRuns: 300 });
  });
});

describe('DeviceFitter', () => {
  const setup = (p: WebGpuProbe) => fitSetup(p, 'policy-compare');

  it('on a software adapter, starts the run on WASM at the smallest size, says why, and Undo restores both', () => {
    const { run, editor, fitter, started } = setup(SOFTWARE);
    fitter.start();
    expect(run.store.getSnapshot().fit?.reason).toContain('software');
    expect(run.store.getSnapshot().form.backend).toBe('wasm');
    expect(started[0]?.tenants.every((t) => t.resolution === SMALLEST_RESOLUTION_PX)).toBe(true);
    fitter.undo();
    expect(run.store.getSnapshot().fit).toBeNull();
    expect(run.store.getSnapshot().form).toMatchObject({ backend: 'webgpu', backendChosen: true });
    expect(editor.store.getSnapshot().editor.experiment?.tenants.map((t) => t.resolution)).toEqual(preset.tenants.map((t) => t.resolution));
  });

  it('keeps the tenants\' ratios in the editor, and Undo restores the sides it set (rt-beside-be: 32 and 64 px, back to 224 and 448)', () => {
    const { editor, fitter, started } = fitSetup(SOFTWARE, 'rt-beside-be');
    fitter.start();
    expect(started[0]?.tenants.map((t) => t.resolution)).toEqual([32, 64]);
    fitter.undo();
    expect(editor.store.getSnapshot().editor.experiment?.tenants.map((t) => t.resolution)).toEqual([224, 448]);
  });

  it('on a real GPU, starts the experiment as it is', () => {
    const { run, fitter, started } = setup(REAL_GPU);
    fitter.start();
    expect(run.store.getSnapshot().fit).toBeNull();
    expect(started[0]?.tenants.map((t) => t.resolution)).toEqual(preset.tenants.map((t) => t.resolution));
  });
});
