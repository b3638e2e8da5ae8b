// Tests of what a repeat keeps: a finished one as measured, one cut short by Stop marked partial, one cut before any window dropped.
import { describe, expect, it } from 'vitest';
import type { MeasureResult } from './measure';
import { keptRepeat } from './step-context';

const result = (verdict: MeasureResult['verdict'], aborted: boolean, windows: number): MeasureResult => ({
  figures: [{ p50Ms: 2, p99Ms: 3, throughputPerSec: 500, gpuMs: null, completed: 100 }], verdict, aborted, windows, snapshot: null, error: null,
});

describe('keptRepeat', () => {
  it.each<[string, MeasureResult, object | null]>([
    ['a stable repeat', result('stable', false, 3), { p50Ms: 2, samples: 100, stable: true }],
    ['a capped repeat', result('unstable', false, 5), { stable: false }],
    ['a repeat stopped after 2 windows', result('unstable', true, 2), { p50Ms: 2, stable: false, partial: true }],
    ['a repeat stopped before its first window closed', result('unstable', true, 0), null],
  ])('%s', (_name, r, expected) => {
    const kept = keptRepeat(r, 0);
    if (expected === null) expect(kept).toBeNull();
    else expect(kept).toMatchObject(expected);
    if (kept !== null && !r.aborted) expect(kept).not.toHaveProperty('partial');
  });
});
