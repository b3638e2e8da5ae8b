// Inline SVG charts drawn from report data by pure functions: line charts against batch size and the slowdown heatmap.

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A number for display: 3 significant digits, '–' for null. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(3);
}

/** One line of a chart: points (x, y) and a name. */
export interface Series {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
const W = 420;
const H = 240;
const PAD = { left: 56, right: 12, top: 24, bottom: 40 };

/** A line chart with log2 x (batch sizes) and linear y from 0; a legend of series names. Draws axes even with no data. */
export function lineChartSvg(title: string, xLabel: string, yLabel: string, series: readonly Series[]): string {
  let xMax = 1;
  let yMax = 0;
  for (const s of series) for (const p of s.points) {
    xMax = Math.max(xMax, p.x);
    yMax = Math.max(yMax, p.y);
  }
  yMax = yMax > 0 ? yMax * 1.1 : 1;
  const lx = Math.log2(Math.max(2, xMax));
  const px = (x: number) => PAD.left + (Math.log2(Math.max(1, x)) / lx) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${String(W)}" height="${String(H)}" viewBox="0 0 ${String(W)} ${String(H)}"><title>${escapeHtml(title)}</title>`);
  parts.push(`<text x="${String(W / 2)}" y="14" text-anchor="middle" font-size="12">${escapeHtml(title)}</text>`);
  parts.push(`<line x1="${String(PAD.left)}" y1="${String(H - PAD.bottom)}" x2="${String(W - PAD.right)}" y2="${String(H - PAD.bottom)}" stroke="#444"/>`);
  parts.push(`<line x1="${String(PAD.left)}" y1="${String(PAD.top)}" x2="${String(PAD.left)}" y2="${String(H - PAD.bottom)}" stroke="#444"/>`);
  for (let b = 1; b <= xMax; b *= 2) parts.push(`<text x="${px(b).toFixed(1)}" y="${String(H - PAD.bottom + 14)}" text-anchor="middle" font-size="10">${String(b)}</text>`);
  for (const f of [0, 0.5, 1]) parts.push(`<text x="${String(PAD.left - 4)}" y="${(py(f * yMax) + 3).toFixed(1)}" text-anchor="end" font-size="10">${escapeHtml(fmt(f * yMax))}</text>`);
  parts.push(`<text x="${String((W + PAD.left) / 2)}" y="${String(H - 6)}" text-anchor="middle" font-size="11">${escapeHtml(xLabel)}</text>`);
  parts.push(`<text transform="translate(12 ${String(H / 2)}) rotate(-90)" text-anchor="middle" font-size="11">${escapeHtml(yLabel)}</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length] ?? '#000';
    const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    if (d !== '') parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of s.points) parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${color}"/>`);
    parts.push(`<text x="${String(PAD.left + 8)}" y="${String(PAD.top + 12 + i * 13)}" font-size="10" fill="${color}">${escapeHtml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One heatmap cell: row model slowed by column model, with its CI and sample count for the tooltip. */
export interface HeatCell {
  readonly row: string;
  readonly col: string;
  readonly value: number | null;
  readonly detail: string;
}

/** Colour of a slowdown: white at 1x, red at 3x and above. */
function heatColor(v: number | null): string {
  if (v === null) return '#eee';
  const t = Math.min(1, Math.max(0, (v - 1) / 2));
  const g = Math.round(255 - 180 * t);
  return `rgb(255,${String(g)},${String(g)})`;
}

/** A heatmap of slowdowns: rows = the tenant measured, columns = its co-runner; each cell labelled, tooltip with CI and samples. */
export function heatmapSvg(title: string, models: readonly string[], cells: readonly HeatCell[]): string {
  const cw = 84;
  const ch = 30;
  const left = 130;
  const top = 56;
  const w = left + cw * models.length + 10;
  const h = top + ch * models.length + 10;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" role="img" width="${String(w)}" height="${String(h)}" viewBox="0 0 ${String(w)} ${String(h)}"><title>${escapeHtml(title)}</title>`];
  parts.push(`<text x="4" y="14" font-size="12">${escapeHtml(title)}</text>`);
  models.forEach((m, j) => parts.push(`<text x="${String(left + j * cw + cw / 2)}" y="${String(top - 8)}" text-anchor="middle" font-size="10">${escapeHtml(m)}</text>`));
  models.forEach((row, i) => {
    parts.push(`<text x="${String(left - 6)}" y="${String(top + i * ch + ch / 2 + 4)}" text-anchor="end" font-size="10">${escapeHtml(row)}</text>`);
    models.forEach((col, j) => {
      const cell = cells.find((c) => c.row === row && c.col === col);
      const v = cell?.value ?? null;
      const x = left + j * cw;
      const y = top + i * ch;
      parts.push(`<g><title>${escapeHtml(cell?.detail ?? 'not measured')}</title><rect x="${String(x)}" y="${String(y)}" width="${String(cw - 2)}" height="${String(ch - 2)}" fill="${heatColor(v)}"/>`);
      parts.push(`<text x="${String(x + cw / 2)}" y="${String(y + ch / 2 + 4)}" text-anchor="middle" font-size="11">${v === null ? '–' : `${fmt(v)}x`}</text></g>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
