// Tests of the uPlot host's life cycle with a fake chart and size observer: built once, new data only, resizes, destroyed.
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { ChartHost, type ChartSize, type HostPorts } from './uplot-host';

/** Ports that record what the host asked for; `resize` plays the size observer. */
function fakePorts(initial: ChartSize) {
  const calls: string[] = [];
  let onSize: ((size: ChartSize) => void) | null = null;
  const ports: HostPorts = {
    create(options, data) {
      calls.push(`create ${String(options.width)}x${String(options.height)} ${String(data[0].length)} points`);
      return {
        setData: (next) => calls.push(`setData ${String(next[0].length)} points`),
        setSize: (size) => calls.push(`setSize ${String(size.width)}x${String(size.height)}`),
        destroy: () => calls.push('destroy'),
      };
    },
    sizeOf: () => initial,
    observeSize(_element, listener) {
      onSize = listener;
      calls.push('observe');
      return () => {
        onSize = null;
        calls.push('unobserve');
      };
    },
  };
  return { ports, calls, resize: (size: ChartSize) => onSize?.(size) };
}

const element = {} as HTMLElement;
const data = (n: number): uPlot.AlignedData => [Array.from({ length: n }, (_, i) => i), Array.from({ length: n }, () => 1)];

describe('ChartHost', () => {
  it('builds the chart once at the element\'s size, then hands it each new data (the same data again is not redrawn)', () => {
    const { ports, calls } = fakePorts({ width: 600, height: 220 });
    const first = data(3);
    const host = new ChartHost(element, { series: [] }, first, ports);
    host.setData(first);
    host.setData(data(4));
    host.setData(data(5));
    expect(calls).toEqual(['create 600x220 3 points', 'observe', 'setData 4 points', 'setData 5 points']);
  });

  it('follows the element\'s size, ignoring an unchanged or empty one (a hidden element)', () => {
    const { ports, calls, resize } = fakePorts({ width: 600, height: 220 });
    new ChartHost(element, { series: [] }, data(1), ports);
    resize({ width: 600, height: 220 });
    resize({ width: 0, height: 220 });
    resize({ width: 480, height: 220 });
    expect(calls.slice(2)).toEqual(['setSize 480x220']);
  });

  it('destroy stops watching the size and destroys the chart', () => {
    const { ports, calls, resize } = fakePorts({ width: 600, height: 220 });
    const host = new ChartHost(element, { series: [] }, data(1), ports);
    host.destroy();
    resize({ width: 300, height: 220 });
    expect(calls.slice(2)).toEqual(['unobserve', 'destroy']);
  });
});
