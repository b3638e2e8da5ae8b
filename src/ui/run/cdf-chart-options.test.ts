// Tests of the latency CDF's uPlot options: 1-2-5 ticks and ranges on the log axis (SLOs always in range), the share axis, step curves, SLO lines and readout.
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { cdfChartOptions, formatShare, logLabels, logRange125, ticks125 } from './cdf-chart-options';
import { tenantColor } from './chart-theme';

const THEME = { axis: '#5d6676', grid: '#e3e7ee', text: '#1d2330', background: '#ffffff', reference: '#9b1c1c', shade: '#5d6676' };
const u = {} as uPlot;

describe('ticks125', () => {
  it.each<[number, number, number[]]>([
    [1, 100, [1, 2, 5, 10, 20, 50, 100]],
    [3, 40, [5, 10, 20]],
    [0.012, 0.6, [0.02, 0.05, 0.1, 0.2, 0.5]],
    [900, 12000, [1000, 2000, 5000, 10000]],
    [2, 2, [2]],
    [3, 4, []],
    [0, 10, []],
    [10, 1, []],
  ])('[%d, %d] -> %j', (low, high, ticks) => {
    expect(ticks125(low, high)).toEqual(ticks);
  });

  it('takes a bound a rounding error off a tick (bucket edges are products of 10 ** (k / 40))', () => {
    expect(ticks125(0.01 * 10 ** (200 / 40), 1e3)).toEqual([1000]);
    expect(ticks125(1, 0.01 * 10 ** (80 / 40))).toEqual([1]);
  });
});

describe('logRange125', () => {
  it.each<[string, number[], [number, number]]>([
    ['from the 1-2-5 number below the lowest to the one above the highest', [3.2, 240], [2, 500]],
    ['values on ticks are the ends', [1, 100], [1, 100]],
    ['one value: a step wider each way', [5, 5], [2, 10]],
    ['one value off a tick', [3, 3], [2, 5]],
    ['non-finite and non-positive values left out (uPlot passes null without data)', [Number.NaN, 0, -4, Infinity, 12], [10, 20]],
    ['nothing to show', [], [1, 100]],
  ])('%s', (_name, values, range) => {
    expect(logRange125(values)).toEqual(range);
  });
});

describe('cdfChartOptions', () => {
  const options = cdfChartOptions(THEME, ['a', 'b'], [50, 20]);

  it('log latency axis whose range holds the data and every SLO; the share from 0 to 1', () => {
    const x = options.scales?.x;
    expect(x?.distr).toBe(3);
    const range = x?.range;
    if (typeof range !== 'function') throw new Error('no x range function');
    expect(range(u, 3.2, 180, 'x')).toEqual([2, 200]);
    expect(range(u, 1.1, 4, 'x')).toEqual([1, 50]);
    expect(range(u, null as unknown as number, null as unknown as number, 'x')).toEqual([20, 50]);
    const yRange = options.scales?.y?.range;
    expect(typeof yRange === 'function' ? yRange(u, 0.2, 0.9, 'y') : null).toEqual([0, 1]);
  });

  it('1-2-5 latency ticks in ms and s, the share in per cent', () => {
    const [x, y] = options.axes ?? [];
    expect(typeof x?.splits === 'function' ? x.splits(u, 0, 2, 2000, 0, 0) : null).toEqual([2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]);
    expect(typeof x?.values === 'function' ? x.values(u, [0.5, 20, 2000], 0, 0, 0) : null).toEqual(['0.5 ms', '20 ms', '2 s']);
    expect(typeof y?.splits === 'function' ? y.splits(u, 1, 0, 1, 0, 0) : null).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(typeof y?.values === 'function' ? y.values(u, [0, 0.25, 1], 1, 0, 0) : null).toEqual(['0%', '25%', '100%']);
  });

  it('a step curve per tenant in its colour, no points, no legend, no drag zoom; SLO lines drawn with the axes; a readout', () => {
    expect(options.series.map((s) => s.label)).toEqual(['latency', 'a', 'b']);
    expect(options.series.slice(1).map((s) => s.stroke)).toEqual([tenantColor(0), tenantColor(1)]);
    expect(options.series.slice(1).every((s) => typeof s.paths === 'function' && s.points?.show === false)).toBe(true);
    expect(options.legend?.show).toBe(false);
    expect(options.cursor?.drag?.setScale).toBe(false);
    expect(options.hooks?.drawAxes).toHaveLength(1);
    expect(options.plugins).toHaveLength(1);
  });
});

describe('formatShare', () => {
  it.each<[number | null | undefined, string]>([[0.934, '93.4%'], [1, '100.0%'], [0, '0.0%'], [null, '—'], [undefined, '—']])('%s -> %s', (fraction, text) => {
    expect(formatShare(fraction)).toBe(text);
  });
});

describe('logLabels', () => {
  const splits = [2, 5, 10, 20, 50, 100, 200, 500, 1000];
  it.each<[string, number, (number | null)[]]>([
    ['every 1-2-5 tick where 1 and 2 stand 48 px apart', 160, splits],
    ['only the decades where they would crowd', 120, [null, null, 10, null, null, 100, null, null, 1000]],
    ['every other decade where even decades crowd', 30, [null, null, null, null, null, 100, null, null, null]],
  ])('%s', (_name, pxPerDecade, labelled) => {
    expect(logLabels(splits, pxPerDecade)).toEqual(labelled);
  });
});
