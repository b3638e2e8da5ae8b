// Tests for the presets' lessons: every preset has one, its variants validate, its promise names a tenant of the preset.
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

  it("the default preset's lesson is FCFS, priority, then priority with 4 layer blocks, the camera's p99 falling at each step", () => {
    const preset = PRESETS.find((p) => p.id === 'rt-beside-be');
    const lesson = lessonFor('rt-beside-be');
    if (preset === undefined || lesson === undefined) throw new Error('default preset');
    const result = lessonVariants(preset.experiment, lesson);
    if (!result.ok) throw new Error('valid');
    expect(result.variants.map((v) => v.experiment.scheduler)).toEqual([
      { policy: 'fcfs', granularity: 'inference' },
      { policy: 'priority', granularity: 'inference' },
      { policy: 'priority', granularity: 'layer-blocks', blocks: 4 },
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
});
