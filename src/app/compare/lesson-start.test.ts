// Tests for Compare's Lesson on this device's settings: the same device fit as Run live (WASM, smallest inputs on a slow device), its notice, and the request built from the fitted experiment.
import { describe, expect, it } from 'vitest';
import type { WebGpuProbe } from '../../runtime/probe-webgpu';
import { findPreset } from '../presets/catalog';
import { fittedResolutions, SMALLEST_RESOLUTION_PX } from '../run/device-fit';
import { adapter, fitSetup, probe } from '../run/device-fit.test-support';
import { fittedLessonRequest } from './lesson-start';
import { LESSONS } from './lessons';

/** The page's controllers on a device described by `p`, a preset loaded, and the Lesson's deps wired as CompareSection wires them. */
function setup(p: WebGpuProbe, presetId: string) {
  const { run, editor, fitter, started } = fitSetup(p, presetId);
  const deps = { applyFit: () => fitter.apply('lesson'), form: () => run.store.getSnapshot().form };
  return { run, editor, fitter, deps, started };
}

const SOFTWARE = probe(true, adapter(true));
const NO_WEBGPU = probe(false, null);
const REAL_GPU = probe(true, adapter(false));

describe('fittedLessonRequest', () => {
  it.each([...LESSONS.keys()].flatMap((id) => [[id, 'a software adapter', SOFTWARE], [id, 'no WebGPU', NO_WEBGPU]] as const))(
    '%s on %s: WASM and the inputs of every variant scaled down to the smallest size (ratios kept), with the fit shown and nothing started by Run live',
    (presetId, _, p) => {
      const { run, deps, started } = setup(p, presetId);
      const lesson = LESSONS.get(presetId);
      if (lesson === undefined) throw new Error(presetId);
      const out = fittedLessonRequest(deps, lesson, 2);
      if (!out.ok) throw new Error(JSON.stringify(out.issues));
      expect(out.request.engine).toMatchObject({ backend: 'wasm', allowFallback: true });
      expect(out.request.repeats).toBe(2);
      expect(out.request.lesson).toBe(lesson);
      expect(out.request.variants.map((v) => v.label)).toEqual(lesson.variants.map((v) => v.label));
      const preset = findPreset(presetId)?.experiment;
      for (const v of out.request.variants) expect(v.experiment.tenants.map((t) => t.resolution)).toEqual(fittedResolutions(preset?.tenants.map((t) => t.resolution) ?? []));
      expect(Math.min(...(out.request.variants[0]?.experiment.tenants.map((t) => t.resolution) ?? []))).toBe(SMALLEST_RESOLUTION_PX);
      expect(run.store.getSnapshot().fit?.changes.length).toBeGreaterThan(0);
      // The notice names the Lesson, not Run live, as what picked the settings.
      expect(run.store.getSnapshot().fit?.by).toBe('lesson');
      expect(started).toEqual([]);
    },
  );

  it('on a real GPU, runs the preset as it is (WebGPU, its own input sizes) and shows no fit', () => {
    const { run, deps } = setup(REAL_GPU, 'rt-beside-be');
    const lesson = LESSONS.get('rt-beside-be');
    if (lesson === undefined) throw new Error('rt-beside-be');
    const out = fittedLessonRequest(deps, lesson, 1);
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    expect(out.request.engine.backend).toBe('webgpu');
    const sizes = findPreset('rt-beside-be')?.experiment.tenants.map((t) => t.resolution);
    for (const v of out.request.variants) expect(v.experiment.tenants.map((t) => t.resolution)).toEqual(sizes);
    expect(run.store.getSnapshot().fit).toBeNull();
  });

  it('leaves a backend chosen by hand alone, and Undo after a fitted lesson restores the form and the editor for the next run', () => {
    const chosen = setup(SOFTWARE, 'policy-compare');
    chosen.run.setForm({ backend: 'webgpu', backendChosen: true });
    const lesson = LESSONS.get('policy-compare');
    if (lesson === undefined) throw new Error('policy-compare');
    const kept = fittedLessonRequest(chosen.deps, lesson, 1);
    expect(kept.ok && kept.request.engine.backend).toBe('webgpu');

    const fitted = setup(SOFTWARE, 'policy-compare');
    expect(fittedLessonRequest(fitted.deps, lesson, 1).ok).toBe(true);
    fitted.fitter.undo();
    expect(fitted.run.store.getSnapshot().form).toMatchObject({ backend: 'webgpu', backendChosen: true });
    expect(fitted.editor.store.getSnapshot().editor.experiment?.tenants.map((t) => t.resolution)).toEqual(findPreset('policy-compare')?.experiment.tenants.map((t) => t.resolution));
  });

  it('says so when the experiment in the editor is not valid', () => {
    const { editor, deps } = setup(SOFTWARE, 'policy-compare');
    editor.edit((draft) => ({ ...draft, durationMs: -1 }));
    const lesson = LESSONS.get('policy-compare');
    if (lesson === undefined) throw new Error('policy-compare');
    const out = fittedLessonRequest(deps, lesson, 1);
    expect(out.ok).toBe(false);
  });
});
