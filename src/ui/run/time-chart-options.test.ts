// Tests of the run time charts' uPlot options: round axis tops, the x range from 0, stacked bands, fixed ticks, hooks and readout.
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { niceCeil, timeChartOptions, type TimeChartSpec } from './time-chart-options';

const THEME = { axis: '#5d6676', grid: '#e3e7ee', text: '#1d2330', background: '#ffffff', reference: '#9b1c1c', shade: '#5d6676' };

const spec = (over: Partial<TimeChartSpec> = {}): TimeChartSpec => ({
  theme: THEME,
  phases: { warmupS: 2, arrivalsEndS: 17 },
  lines: [{ label: 'a', color: '#4e79a7' }, { label: 'b', color: '#f28e2b' }, { label: 'runs', color: '#7f7f7f', dashPx: [5, 3] }],
  y: { widthPx: 48, format: (v) => `${String(v)}/s`, range: (max) => [0, niceCeil(max)] },
  unit: '/s',
  ...over,
});

/** A scale's range function, called as uPlot calls it. */
function rangeOf(options: ReturnType<typeof timeChartOptions>, key: 'x' | 'y', min: number, max: number): uPlot.Range.MinMax {
  const range = options.scales?.[key]?.range;
  if (typeof range !== 'function') throw new Error(`no range function for ${key}`);
  return range({} as uPlot, min, max, key);
}

describe('niceCeil', () => {
  it.each<[number, number]>([
    [0, 1], [-3, 1], [Number.NaN, 1], [0.3, 0.3], [0.31, 0.4], [1, 1], [1.1, 1.2], [7, 8], [37, 40], [104, 120], [999, 1000], [1001, 1200],
  ])('%d -> %d', (max, top) => {
    expect(niceCeil(max)).toBe(top);
  });
});

describe('timeChartOptions', () => {
  it('x from 0 to the last point (0-1 s before any), y from the spec\'s range of the largest value', () => {
    const options = timeChartOptions(spec());
    expect(rangeOf(options, 'x', 0, 12.4)).toEqual([0, 12.4]);
    expect(rangeOf(options, 'x', Number.NaN, Number.NaN)).toEqual([0, 1]);
    expect(rangeOf(options, 'y', 0, 104)).toEqual([0, 120]);
    expect(rangeOf(options, 'y', Number.NaN, Number.NaN)).toEqual([0, 1]);
  });

  it('one series per line after x, no points, gaps not bridged, no legend and no drag zoom', () => {
    const options = timeChartOptions(spec());
    expect(options.series.map((s) => s.label)).toEqual(['t', 'a', 'b', 'runs']);
    expect(options.series.slice(1).every((s) => s.points?.show === false && s.spanGaps === false)).toBe(true);
    expect(options.legend?.show).toBe(false);
    expect(options.cursor?.drag?.setScale).toBe(false);
  });

  it('stacked lines: each above the first filled down to the one below it', () => {
    expect(timeChartOptions(spec({ stacked: 2 })).bands).toEqual([{ series: [2, 1] }]);
    expect(timeChartOptions(spec({ stacked: 3 })).bands).toEqual([{ series: [2, 1] }, { series: [3, 2] }]);
    expect(timeChartOptions(spec()).bands).toEqual([]);
  });

  it('fixed ticks and formats on the y axis; seconds on the x axis', () => {
    const options = timeChartOptions(spec({ y: { widthPx: 48, format: (v) => `${String(v)}%`, range: () => [-6, 100], ticks: [0, 25, 50, 75, 100] } }));
    const [x, y] = options.axes ?? [];
    const u = {} as uPlot;
    expect(typeof y?.splits === 'function' ? y.splits(u, 1, -6, 100, 25, 50) : null).toEqual([0, 25, 50, 75, 100]);
    expect(typeof y?.values === 'function' ? y.values(u, [0, 50], 1, 50, 50) : null).toEqual(['0%', '50%']);
    expect(typeof x?.values === 'function' ? x.values(u, [0, 2.5, 10], 0, 50, 1) : null).toEqual(['0 s', '2.5 s', '10 s']);
    expect(rangeOf(options, 'y', 0, 100)).toEqual([-6, 100]);
  });

  it('draws the phase bands under the lines and the labels and references over them, with a hover readout', () => {
    const options = timeChartOptions(spec({ references: [{ y: 50, color: THEME.reference, label: 'SLO 50 ms' }] }));
    expect(options.hooks?.drawClear).toHaveLength(1);
    expect(options.hooks?.draw).toHaveLength(1);
    expect(options.plugins).toHaveLength(1);
  });
});
