// A chart panel as a PNG: its SVGs and canvases (uPlot draws axes and lines on one) drawn at their on-screen places, with the title, legend and caption as text.
import type { ChartTheme } from './chart-theme';

/** One legend entry drawn under the charts. */
export interface PngLegendItem {
  readonly label: string;
  readonly color: string;
}

/** What goes around the charts in the image. */
export interface PngFrame {
  readonly title: string;
  readonly caption: string;
  readonly legend: readonly PngLegendItem[];
  readonly theme: ChartTheme;
  /** Device pixels per CSS pixel (default 2: sharp on slides). */
  readonly scale?: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const PAD = 12;
const TITLE_H = 28;
const LINE_H = 16;

/** Renders one SVG element to an image of its on-screen size. */
async function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.style.fontFamily = FONT;
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image(width, height);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  return image;
}

/** Splits `text` into lines no wider than `maxWidth` on the canvas. */
function wrap(context: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (context.measureText(candidate).width > maxWidth && line !== '') {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The panel `container` (every visible SVG and canvas inside it, in document order) as a PNG blob framed by `frame`. */
export async function chartPng(container: HTMLElement, frame: PngFrame): Promise<Blob> {
  const scale = frame.scale ?? 2;
  const box = container.getBoundingClientRect();
  // Narrower ones are icons, not charts.
  const drawings = [...container.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg, canvas')].filter((e) => e.getBoundingClientRect().width > 40);
  const width = Math.ceil(box.width) + 2 * PAD;
  const canvas = document.createElement('canvas');
  const measure = canvas.getContext('2d');
  if (measure === null) throw new Error('this browser gives no 2D canvas: the PNG cannot be drawn');
  measure.font = `12px ${FONT}`;
  const captionLines = wrap(measure, frame.caption, width - 2 * PAD);
  const legendH = frame.legend.length > 0 ? LINE_H + 6 : 0;
  const height = TITLE_H + Math.ceil(box.height) + legendH + captionLines.length * LINE_H + 2 * PAD;
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('this browser gives no 2D canvas: the PNG cannot be drawn');
  context.scale(scale, scale);
  context.fillStyle = frame.theme.background;
  context.fillRect(0, 0, width, height);
  context.fillStyle = frame.theme.text;
  context.font = `600 15px ${FONT}`;
  context.textBaseline = 'middle';
  context.fillText(frame.title, PAD, PAD + TITLE_H / 2 - 4);
  const top = PAD + TITLE_H;
  for (const drawing of drawings) {
    const r = drawing.getBoundingClientRect();
    // A canvas is drawn as it is, at its own resolution scaled to its on-screen box.
    const image = drawing instanceof HTMLCanvasElement ? drawing : await svgImage(drawing, r.width, r.height);
    context.drawImage(image, PAD + r.left - box.left, top + r.top - box.top, r.width, r.height);
  }
  let y = top + Math.ceil(box.height) + LINE_H / 2 + 4;
  let x = PAD;
  context.font = `12px ${FONT}`;
  for (const item of frame.legend) {
    context.fillStyle = item.color;
    context.fillRect(x, y - 5, 10, 10);
    context.fillStyle = frame.theme.text;
    context.fillText(item.label, x + 14, y);
    x += 14 + context.measureText(item.label).width + 16;
  }
  y += legendH > 0 ? LINE_H + 2 : 0;
  context.fillStyle = frame.theme.axis;
  for (const line of captionLines) {
    context.fillText(line, PAD, y);
    y += LINE_H;
  }
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob === null ? reject(new Error('the canvas could not be encoded as PNG')) : resolve(blob)), 'image/png');
  });
}
