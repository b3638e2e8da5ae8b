// The hover readout of a uPlot chart: the cursor's x and each line's value there (a time chart's: the instant, values to 1 decimal with their unit), beside the cursor.
import uPlot from 'uplot';
import type { ChartTheme } from './chart-theme';
import { formatValue } from './chart-parts';

/** A line as the readout names it. */
export interface ReadoutLine {
  readonly label: string;
  readonly color: string;
}

/** The value the readout shows for series `seriesIdx` (1-based, as uPlot counts) at data index `idx`. */
export type ReadoutValue = (u: uPlot, seriesIdx: number, idx: number) => number | null;

/** The drawn value itself. */
export const drawnValue: ReadoutValue = (u, seriesIdx, idx) => u.data[seriesIdx]?.[idx] ?? null;

/** Gap between the cursor and the readout, CSS px. */
const OFFSET_PX = 12;

/** How a readout writes the cursor's x (its first line) and each value. */
export interface ReadoutFormat {
  readonly heading: (x: number) => string;
  readonly value: (value: number | null | undefined) => string;
}

/** A time chart's: "t = 12.3 s", values to 1 decimal with `unit`. */
export const timeReadout = (unit: string): ReadoutFormat => ({ heading: (tS) => `t = ${tS.toFixed(1)} s`, value: (v) => `${formatValue(v)} ${unit}` });

/**
 * A uPlot plugin: a box in the plot's overlay listing `lines` with their values at the cursor, hidden
 * while the cursor is off the plot. Built with each chart; a hover only sets text and a transform.
 * Text goes in as textContent: tenant names are the user's.
 */
export function readoutPlugin(theme: ChartTheme, format: ReadoutFormat, lines: readonly ReadoutLine[], valueOf: ReadoutValue = drawnValue): uPlot.Plugin {
  let box: HTMLDivElement | null = null;
  let head: HTMLDivElement | null = null;
  let values: HTMLSpanElement[] = [];
  return {
    hooks: {
      init: (u) => {
        box = document.createElement('div');
        box.className = 'chart-readout';
        box.style.background = theme.background;
        box.style.borderColor = theme.grid;
        box.style.color = theme.text;
        box.hidden = true;
        head = box.appendChild(document.createElement('div'));
        values = lines.map((line) => {
          const row = (box as HTMLDivElement).appendChild(document.createElement('div'));
          const swatch = row.appendChild(document.createElement('span'));
          swatch.className = 'swatch';
          swatch.style.background = line.color;
          return row.appendChild(document.createElement('span'));
        });
        u.over.appendChild(box);
      },
      setCursor: (u) => {
        if (box === null || head === null) return;
        const idx = u.cursor.idx;
        const x = idx === null || idx === undefined ? undefined : u.data[0][idx];
        if (idx === null || idx === undefined || x === undefined) {
          box.hidden = true;
          return;
        }
        box.hidden = false;
        head.textContent = format.heading(x);
        values.forEach((value, k) => {
          value.textContent = `${lines[k]?.label ?? ''}: ${format.value(valueOf(u, k + 1, idx))}`;
        });
        // Right of the cursor in the left half of the plot, left of it in the right half (bbox is in canvas pixels).
        const left = u.cursor.left ?? 0;
        const flip = left > u.bbox.width / uPlot.pxRatio / 2;
        box.style.transform = flip ? `translate(calc(${String(left - OFFSET_PX)}px - 100%), 8px)` : `translate(${String(left + OFFSET_PX)}px, 8px)`;
      },
    },
  };
}
