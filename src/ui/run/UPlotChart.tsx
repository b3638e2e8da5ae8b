// A uPlot chart as a React component: built once per options object, handed each new data (no rebuild per refresh), sized with its box, destroyed on unmount.
import { useLayoutEffect, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ChartHost, type ChartOptions } from './uplot-host';

export interface UPlotChartProps {
  /** Everything but the size. A new object builds a new chart: memoise it (theme, tenants), never rebuild it per refresh. */
  readonly options: ChartOptions;
  readonly data: uPlot.AlignedData;
  /** Accessible name of the drawing (a canvas has no text of its own). */
  readonly label: string;
}

/**
 * Fills its box (give the parent a height). Layout effects: the chart reads its box's size, and it
 * draws within the refresh that renders it, before the browser paints.
 */
export function UPlotChart({ options, data, label }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<ChartHost | null>(null);
  const latest = useRef(data);
  // Before the chart's own effect: when options and data change together, the new chart is built with the new data.
  useLayoutEffect(() => {
    latest.current = data;
    host.current?.setData(data);
  }, [data]);
  useLayoutEffect(() => {
    const element = box.current;
    if (element === null) return undefined;
    const chart = new ChartHost(element, options, latest.current);
    host.current = chart;
    return () => {
      chart.destroy();
      host.current = null;
    };
  }, [options]);
  return <div ref={box} className="uplot-box" role="img" aria-label={label} />;
}
