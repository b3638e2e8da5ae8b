// One uPlot chart over its life in an element: built once with its options, handed each new data, sized with the element, destroyed.
import uPlot from 'uplot';

/** A chart's options but its size (the element gives that). */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/** CSS px. */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** What the host asks of a built chart. */
export interface HostedChart {
  setData(data: uPlot.AlignedData): void;
  setSize(size: ChartSize): void;
  destroy(): void;
}

/** How the host builds a chart and watches an element's size: uPlot and a ResizeObserver in the page; fakes in tests. */
export interface HostPorts {
  create(options: uPlot.Options, data: uPlot.AlignedData, element: HTMLElement): HostedChart;
  sizeOf(element: HTMLElement): ChartSize;
  /** Calls `onSize` with the element's content size as it changes; returns what stops it. */
  observeSize(element: HTMLElement, onSize: (size: ChartSize) => void): () => void;
}

/**
 * uPlot draws in a microtask after each change; `batch` draws before it returns, so a chart's refresh
 * (and its performance measure, see refresh-queue.ts) holds its own drawing.
 */
export const BROWSER_PORTS: HostPorts = {
  create(options, data, element) {
    const chart = new uPlot(options, data, (u, init) => {
      element.appendChild(u.root);
      u.batch(() => (init as () => void)());
    });
    return {
      setData: (next) => chart.batch(() => chart.setData(next)),
      setSize: (size) => chart.batch(() => chart.setSize({ width: size.width, height: size.height })),
      destroy: () => chart.destroy(),
    };
  },
  sizeOf: (element) => ({ width: element.clientWidth, height: element.clientHeight }),
  observeSize(element, onSize) {
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box !== undefined) onSize({ width: Math.floor(box.width), height: Math.floor(box.height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  },
};

/** A chart in `element`: new data redraws it, a new size resizes it (an empty size, a hidden element, is ignored). */
export class ChartHost {
  private readonly chart: HostedChart;
  private readonly stopObserving: () => void;
  private data: uPlot.AlignedData;
  private size: ChartSize;

  constructor(element: HTMLElement, options: ChartOptions, data: uPlot.AlignedData, ports: HostPorts = BROWSER_PORTS) {
    this.data = data;
    this.size = ports.sizeOf(element);
    this.chart = ports.create({ ...options, width: this.size.width, height: this.size.height }, data, element);
    this.stopObserving = ports.observeSize(element, (size) => this.resize(size));
  }

  /** Draws `data` unless it is the data drawn already. */
  setData(data: uPlot.AlignedData): void {
    if (data === this.data) return;
    this.data = data;
    this.chart.setData(data);
  }

  private resize(size: ChartSize): void {
    if (size.width <= 0 || size.height <= 0) return;
    if (size.width === this.size.width && size.height === this.size.height) return;
    this.size = size;
    this.chart.setSize(size);
  }

  destroy(): void {
    this.stopObserving();
    this.chart.destroy();
  }
}
