// Tests for the presets' lessons: every preset has one, its variants validate, its promise names a tenant of the preset; edited experiments never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets/catalog';
import { describePromise, lessonFor, lessonVariants, LESSONS } from './lessons';

describe('lessons', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s: a lesson of 2-4 valid variants about one of its tenants', (id, preset) => {
    const lesson = lessonFor(id);
    if (lesson === undefined) throw new Error(`no lesson for ${id}`);
    expect(preset.experiment.tenants.map((t) => t.id)).toContain(lesson.promise.tenant);
    const result = lessonVariants(preset.experiment, lesson);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.variants.length).toBeGreaterThanOrEqual(2);
    expect(result.variants.length).toBeLessThanOrEqual(4);
    for (const v of result.variants) expect(v.experiment.seed).toBe(preset.experiment.seed);
    // Variants differ from each other.
    expect(new Set(result.variants.map((v) => JSON.stringify({ ...v.experiment, name: '' }))).size).toBe(result.variants.length);
  });

  it('has no lesson for a preset that does not exist, or none loaded', () => {
    expect(lessonFor('nope')).toBeUndefined();
    expect(lessonFor(null)).toBeUndefined();
    expect(LESSONS.size).toBe(PRESETS.length);
  });

  it("the default preset's lesson is FCFS, priority, then priority with 4 layer blocks of equal measured time, the camera's p99 falling at each step", () => {
    const preset = PRESETS.find((p) => p.id === 'rt-beside-be');
    const lesson = lessonFor('rt-beside-be');
    if (preset === undefined || lesson === undefined) throw new Error('default preset');
    const result = lessonVariants(preset.experiment, lesson);
    if (!result.ok) throw new Error('valid');
    expect(result.variants.map((v) => v.experiment.scheduler)).toEqual([
      { policy: 'fcfs', granularity: 'inference' },
      { policy: 'priority', granularity: 'inference' },
      { policy: 'priority', granularity: 'layer-blocks', blocks: 4, blockBalance: 'measured' },
    ]);
    expect(describePromise(lesson.promise)).toBe("camera's p99 falls at each step");
  });

  it('names the lesson when the promised tenant was removed from the experiment', () => {
    const preset = PRESETS.find((p) => p.id === 'rt-beside-be');
    const lesson = lessonFor('rt-beside-be');
    if (preset === undefined || lesson === undefined) throw new Error('default preset');
    const result = lessonVariants({ ...preset.experiment, tenants: preset.experiment.tenants.slice(1) }, lesson);
    expect(result).toEqual({ ok: false, issues: [{ path: 'compare.lesson', message: 'the lesson is about tenant camera, which the experiment no longer has' }] });
  });

  it("real traffic's lesson sets the trace tenant's Poisson twin (same rate) against the trace itself; the other tenant stays", () => {
    const preset = PRESETS.find((p) => p.id === 'real-traffic');
    const lesson = lessonFor('real-traffic');
    if (preset === undefined || lesson === undefined) throw new Error('real-traffic');
    const result = lessonVariants(preset.experiment, lesson);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [twin, real] = result.variants.map((v) => v.experiment.tenants);
    const trace = preset.experiment.tenants[0];
    if (twin === undefined || real === undefined || trace === undefined || !('rate' in trace.arrival)) throw new Error('two variants of a replay');
    expect(twin[0]?.arrival).toEqual({ kind: 'poisson', rate: trace.arrival.rate });
    expect(real[0]?.arrival).toEqual(trace.arrival);
    expect(twin[1]).toEqual(preset.experiment.tenants[1]);
  });

  it('an edited experiment (tenants dropped or reordered, fields changed) gives valid variants or field-named issues, never a throw', () => {
    const ids = PRESETS.map((p) => p.id);
    fc.assert(fc.property(fc.constantFrom(...ids), fc.constantFrom(...ids), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.double({ min: 0, max: 200, noNaN: true }), (from, lessonOf, drop, reverse, rate) => {
      const preset = PRESETS.find((p) => p.id === from);
      const lesson = lessonFor(lessonOf);
      if (preset === undefined || lesson === undefined) throw new Error('preset');
      const kept = preset.experiment.tenants.filter((_, i) => i !== drop).map((t) => ('rate' in t.arrival ? { ...t, arrival: { ...t.arrival, rate: { ...t.arrival.rate, value: rate } } } : t));
      const tenants = reverse ? [...kept].reverse() : kept;
      const result = lessonVariants({ ...preset.experiment, tenants }, lesson);
      if (result.ok) for (const v of result.variants) expect(v.experiment.tenants.map((t) => t.id)).toEqual(tenants.map((t) => t.id));
      else for (const issue of result.issues) expect(issue.path).toMatch(/^compare\.lesson/);
    }), { seed: 14, numRuns: 300 });
  });
});
