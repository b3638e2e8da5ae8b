// Tests of where the warm-up and drain bands go on a run chart's time axis.
import { describe, expect, it } from 'vitest';
import { phaseBands, type PhaseBand } from './phase-bands';

const warmup = (toS: number): PhaseBand => ({ label: 'warm-up', fromS: 0, toS, opacity: 0.12, labelAt: 'left' });
const drain = (fromS: number, toS: number): PhaseBand => ({ label: 'draining', fromS, toS, opacity: 0.07, labelAt: 'right' });

describe('phaseBands', () => {
  it.each<[string, number, number, number, PhaseBand[]]>([
    ['nothing drawn yet', 2, 17, 0, []],
    ['inside the warm-up: the band ends at the last point', 2, 17, 1.2, [warmup(1.2)]],
    ['measuring: the whole warm-up', 2, 17, 10, [warmup(2)]],
    ['at the last arrival: no drain yet', 2, 17, 17, [warmup(2)]],
    ['draining: from the last arrival to the last point, labelled at its right end', 2, 17, 18.4, [warmup(2), drain(17, 18.4)]],
    ['no warm-up', 0, 15, 16, [drain(15, 16)]],
  ])('%s', (_name, warmupS, arrivalsEndS, endS, bands) => {
    expect(phaseBands({ warmupS, arrivalsEndS }, endS)).toEqual(bands);
  });
});
