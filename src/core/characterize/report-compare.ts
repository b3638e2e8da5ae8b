// Two reports cell by cell: every figure both measured (solo points, interference cells, capacity), both values and their ratio; what only one has.
import type { CharacterizeReport, Stat } from './report-schema';

/** Which part of the report a compared figure belongs to. */
export type CompareSection = 'solo' | 'interference' | 'capacity';

/** One figure both reports have. */
export interface ComparedFigure {
  readonly section: CompareSection;
  /** The cell, e.g. 'tiny-cnn@32 batch 4' or 'concurrent: tiny-cnn@32 beside squeezenet1_1@32'. */
  readonly cell: string;
  /** The figure, e.g. 'p50Ms', 'throughputPerSec', 'slowdown', 'holdsFactor'. */
  readonly figure: string;
  /** Means over repeats (null: not measured in that report). */
  readonly a: number | null;
  readonly b: number | null;
  /** b / a; null when either is null, a is 0 or the ratio overflows. */
  readonly ratio: number | null;
}

/** The comparison: matching cells' figures in report order (of the first), and the cells only one report has. */
export interface ReportComparison {
  readonly rows: readonly ComparedFigure[];
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
}

type Figures = Map<string, number | null>;
type Cells = Map<string, { readonly section: CompareSection; readonly figures: Figures }>;

const mean = (s: Stat | null): number | null => s?.mean ?? null;

/** Every cell of a report with its figures, keyed by section and cell name (a Map: model names are user input). */
function cellsOf(r: CharacterizeReport): Cells {
  const out: Cells = new Map();
  for (const p of r.solo) {
    out.set(`solo|${p.model} batch ${String(p.batch)}`, {
      section: 'solo',
      figures: new Map([['p50Ms', mean(p.p50Ms)], ['p99Ms', mean(p.p99Ms)], ['throughputPerSec', mean(p.throughputPerSec)], ['gpuMs', mean(p.gpuMs)]]),
    });
  }
  for (const c of r.cells) {
    for (const t of [0, 1] as const) {
      const x = c.tenants[t];
      const other = c.tenants[t === 0 ? 1 : 0];
      out.set(`interference|${c.mode}: ${x.model} beside ${other.model}${t === 1 && x.model === other.model ? ' (second)' : ''}`, {
        section: 'interference',
        figures: new Map([['p50Ms', mean(x.p50Ms)], ['p99Ms', mean(x.p99Ms)], ['throughputPerSec', mean(x.throughputPerSec)], ['slowdown', mean(x.slowdown)]]),
      });
    }
  }
  for (const c of r.capacity) out.set(`capacity|${c.policy}`, { section: 'capacity', figures: new Map([['holdsFactor', c.holdsFactor], ['failsFactor', c.failsFactor]]) });
  return out;
}

const label = (key: string): string => {
  const bar = key.indexOf('|');
  return `${key.slice(0, bar)}: ${key.slice(bar + 1)}`;
};

/** Compares report `a` with report `b` cell by cell (pure; `ratio` is b / a). */
export function compareReports(a: CharacterizeReport, b: CharacterizeReport): ReportComparison {
  const ca = cellsOf(a);
  const cb = cellsOf(b);
  const rows: ComparedFigure[] = [];
  const onlyInA: string[] = [];
  for (const [key, x] of ca) {
    const y = cb.get(key);
    if (y === undefined) {
      onlyInA.push(label(key));
      continue;
    }
    const cell = key.slice(key.indexOf('|') + 1);
    for (const [figure, va] of x.figures) {
      const vb = y.figures.get(figure) ?? null;
      if (va === null && vb === null) continue;
      const ratio = va === null || vb === null || va === 0 ? null : vb / va;
      rows.push({ section: x.section, cell, figure, a: va, b: vb, ratio: ratio !== null && Number.isFinite(ratio) ? ratio : null });
    }
  }
  const onlyInB = [...cb.keys()].filter((k) => !ca.has(k)).map(label);
  return { rows, onlyInA, onlyInB };
}

const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The comparison as CSV (RFC 4180 quoting): one row per compared figure, then one per cell only one report has (`a` or `b` in `only_in`). */
export function comparisonCsv(c: ReportComparison): string {
  const lines = [['section', 'cell', 'figure', 'a', 'b', 'ratio_b_over_a', 'only_in'].join(',')];
  for (const r of c.rows) lines.push([r.section, r.cell, r.figure, r.a, r.b, r.ratio, ''].map(csvCell).join(','));
  for (const cell of c.onlyInA) lines.push(['', cell, '', '', '', '', 'a'].map(csvCell).join(','));
  for (const cell of c.onlyInB) lines.push(['', cell, '', '', '', '', 'b'].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
