// The self-contained report.html: device facts, method, tables and inline SVG charts, drawn from a report by a pure function (no network).
import { dimsLabel } from '../experiment/custom-model-schema';
import type { CharacterizeReport, Stat } from './report-schema';
import { escapeHtml as e, fmt, heatmapSvg, lineChartSvg, type HeatCell, type Series } from './report-svg';
import { phaseTimes } from './step-timing';

/** The input sizes of a report, in order (version 1 reports have one). */
export function reportSizes(report: CharacterizeReport): number[] {
  return [...(report.settings.resolutions ?? [report.settings.resolution])];
}

/** True when a model key (`model@px`) is at input size `px`. */
const atSize = (key: string, px: number): boolean => key.endsWith(`@${String(px)}`);

const ci = (s: Stat | null): string => (s === null || s.mean === null ? '–' : s.ci95Low === null ? fmt(s.mean) : `${fmt(s.mean)} [${fmt(s.ci95Low)}, ${fmt(s.ci95High)}]`);
const cv = (s: Stat | null): string => (s?.cv === null || s?.cv === undefined ? '–' : `${(s.cv * 100).toFixed(1)}%`);
const row = (cells: readonly string[], tag = 'td'): string => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  `<table><thead>${row(head.map(e), 'th')}</thead><tbody>${rows.map((r) => row(r)).join('')}</tbody></table>`;

/** The solo charts at one input size: p50 latency and throughput against batch, one line per model. */
export function soloCharts(report: CharacterizeReport, px: number = report.settings.resolution): string[] {
  const models = [...new Set(report.solo.filter((p) => atSize(p.model, px)).map((p) => p.model))];
  const series = (pick: (p: CharacterizeReport['solo'][number]) => number | null): Series[] =>
    models.map((m) => ({ name: m, points: report.solo.filter((p) => p.model === m).flatMap((p) => (pick(p) === null ? [] : [{ x: p.batch, y: pick(p) ?? 0 }])) }));
  return [
    lineChartSvg(`p50 latency against batch (solo, ${String(px)} px)`, 'batch size', 'p50 latency, ms', series((p) => p.p50Ms.mean)),
    lineChartSvg(`throughput against batch (solo, ${String(px)} px)`, 'batch size', 'throughput, req/s', series((p) => p.throughputPerSec.mean)),
  ];
}

/** One slowdown heatmap per lane mode at one input size: row = the tenant, column = its co-runner. */
export function heatmaps(report: CharacterizeReport, px: number = report.settings.resolution): string[] {
  const models = [...new Set(report.settings.models.map((m) => `${m}@${String(px)}`))];
  return (['concurrent', 'time-sliced'] as const).map((mode) => {
    const cells: HeatCell[] = [];
    for (const c of report.cells.filter((x) => x.mode === mode && atSize(x.tenants[0].model, px))) {
      for (const t of [0, 1] as const) {
        const self = c.tenants[t];
        const other = c.tenants[t === 0 ? 1 : 0];
        const s = self.slowdown;
        cells.push({ row: self.model, col: other.model, value: s.mean, detail: `${self.model} beside ${other.model}: slowdown ${ci(s)} (95% CI), n=${String(s.n)}, ${String(c.samples)} requests, ${String(c.unstableRepeats)} unstable repeats, ${String(c.partialRepeats ?? 0)} partial` });
      }
    }
    return heatmapSvg(`slowdown against solo p50, ${mode}, ${String(px)} px`, models, cells);
  });
}

/** An input as `name: type [dims]`, symbolic dims by name. */
const inputLabel = (i: { name: string; type: string; dims: readonly (number | string | null)[] }): string => `${i.name}: ${i.type} [${i.dims.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

/** The user's own models: file, size, sha256, inputs, chosen dims and fills; each ran at its chosen dims at every input size. */
export function customModelsSection(report: CharacterizeReport): string {
  const models = report.customModels ?? [];
  if (models.length === 0) return '';
  return '<h2>Your own models</h2><p>Each runs at the sizes chosen for its symbolic dims at every input size of this report (the input sizes apply to zoo models only; its rows carry each size only to line up with the zoo models). The batch axis follows the batch size.</p>' +
    table(['model', 'file', 'bytes', 'sha256', 'inputs', 'chosen dims', 'integer fills'], models.map((m) => [
      e(`custom:${m.name}`), e(m.fileName), String(m.byteLength), `<code data-sha256="${e(m.sha256)}">${e(m.sha256)}</code>`, e(m.inputs.map(inputLabel).join('; ')),
      e(dimsLabel(m) || 'none (all sizes fixed)'), e(m.fills.map((f) => (f.kind === 'constant' ? `${f.input} = ${String(f.value)}` : `${f.input} in ${String(f.lo)}..${String(f.hi)}`)).join('; ') || '–'),
    ]));
}

/** The whole report page. */
export function reportHtml(report: CharacterizeReport): string {
  const d = report.device;
  const adapter = d.adapter === null ? 'none (WASM)' : Object.entries(d.adapter).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
  const facts: [string, string][] = [
    ['created', report.createdAt], ['wall time', `${(report.wallMs / 1000).toFixed(1)} s${report.stopped ? ' (stopped early: partial)' : ''}`],
    ['backend', `${d.backendUsed ?? '–'} (asked: ${d.backendRequested})`], ['fallback reasons', d.fallbackReasons.join('; ') || 'none'], ['adapter', adapter],
    ['onnxruntime-web build', d.ortBuild], ['timing source', d.timing], ['GPU timing', d.gpuTiming ?? `not measured: ${d.gpuTimingUnavailable ?? '–'}`],
    ['browser', d.userAgent], ['logical cores', d.logicalCores === null ? '–' : String(d.logicalCores)],
    ['settings', `models ${report.settings.models.join(', ')} at ${reportSizes(report).join(', ')} px; ${String(report.settings.repeats)} repeats; batch up to ${String(report.settings.maxBatch)}; ${String(report.settings.windowMs)} ms windows, stable = ${String(report.settings.stability.windows)} within ${String(report.settings.stability.tolerance * 100)}%, cap ${String(report.settings.stability.maxWindows)}`],
  ];
  const marked = (n: number) => (n > 0 ? `<b class="unstable">${String(n)}</b>` : '0');
  const bySize = reportSizes(report).map((px) => {
    const solo = table(['model', 'batch', 'p50 ms [95% CI]', 'p99 ms [95% CI]', 'throughput req/s [95% CI]', 'CV thr', 'GPU ms', 'repeats', 'unstable', 'partial', 'requests'],
      report.solo.filter((p) => atSize(p.model, px)).map((p) => [e(p.model), String(p.batch), ci(p.p50Ms), ci(p.p99Ms), ci(p.throughputPerSec), cv(p.throughputPerSec), ci(p.gpuMs), String(p.repeats), marked(p.unstableRepeats), marked(p.partialRepeats ?? 0), String(p.samples)]));
    const sweeps = table(['model', 'knee (batch)', 'sweep ended by', 'reason'], report.sweeps.filter((x) => atSize(x.model, px)).map((x) => [e(x.model), x.kneeBatch === null ? '–' : String(x.kneeBatch), e(x.endedBy), e(x.reason ?? '')]));
    return `<h3>${String(px)} px</h3><div class="charts">${soloCharts(report, px).join('')}</div>${sweeps}${solo}`;
  }).join('');
  const heat = reportSizes(report).flatMap((px) => heatmaps(report, px)).join('');
  const cells = table(['mode', 'tenant', 'beside', 'p50 ms', 'p99 ms', 'throughput req/s', 'slowdown [95% CI]', 'repeats', 'unstable', 'partial', 'requests'],
    report.cells.flatMap((c) => ([0, 1] as const).map((t) => {
      const x = c.tenants[t];
      return [e(c.mode), e(x.model), e(c.tenants[t === 0 ? 1 : 0].model), ci(x.p50Ms), ci(x.p99Ms), ci(x.throughputPerSec), ci(x.slowdown), String(c.repeats), marked(c.unstableRepeats), marked(c.partialRepeats ?? 0), String(c.samples)];
    })));
  const m = report.model;
  const model = m === null ? '<p>No cells measured.</p>' : `<p>Held-out MAPE: concurrent ${fmt(m.mapePct.concurrent)}%, time-sliced ${fmt(m.mapePct.timeSliced)}%, all ${fmt(m.mapePct.overall)}%. Fit on all cells: alpha ${fmt(m.alpha)}, beta ${fmt(m.beta)}.</p><p class="method">${e(m.method)}</p>` +
    table(['mode', 'cell', 'tenant', 'p50 pred / meas (err%)', 'p99 pred / meas (err%)', 'throughput pred / meas (err%)'], m.predictions.map((p) => [
      e(p.mode), e(p.cell.join(' + ')), e(p.cell[p.tenant] ?? ''),
      `${fmt(p.predicted.p50Ms)} / ${fmt(p.measured.p50Ms)} (${fmt(p.errorPct.p50Ms)})`, `${fmt(p.predicted.p99Ms)} / ${fmt(p.measured.p99Ms)} (${fmt(p.errorPct.p99Ms)})`,
      `${fmt(p.predicted.throughputPerSec)} / ${fmt(p.measured.throughputPerSec)} (${fmt(p.errorPct.throughputPerSec)})`,
    ]));
  const capacity = table(['policy', 'outcome', 'load factor that holds', 'fails at', 'rates at holds, req/s', 'note'],
    report.capacity.map((c) => [e(c.policy), e(c.outcome), fmt(c.holdsFactor), fmt(c.failsFactor), e(c.rates.map((r) => `${r.tenant} ${fmt(r.atHoldsPerSec)}`).join(', ')), e(c.note ?? '')]));
  const lc = report.liveCapacity;
  const live = lc === null || lc === undefined ? '' : `<h3>Confirmed live (${e(lc.policy)})</h3>` + table(['', 'holds at', 'fails at', 'outcome', 'probes', 'backend', 'note'], [
    ['simulated', fmt(lc.simulated.holdsFactor), fmt(lc.simulated.failsFactor), '', '', '', ''],
    ['live', fmt(lc.holdsFactor), fmt(lc.failsFactor), e(lc.outcome), String(lc.probes), e(lc.backendUsed ?? '–'), e(lc.note ?? '')],
  ]);
  const timing = report.timing === undefined ? '' : '<h2>Where the time went</h2>' + table(['phase', 'steps', 'wall s', 'setup s', 'slowest step'],
    phaseTimes(report.timing).map((p) => [e(p.phase), String(p.steps), (p.wallMs / 1000).toFixed(1), (p.setupMs / 1000).toFixed(1), p.slowest === null ? '–' : `${(p.slowest.wallMs / 1000).toFixed(1)} s: ${e(p.slowest.label)}`]));
  const errors = report.errors.length === 0 ? '' : `<h2>Errors</h2><ul>${report.errors.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Tenancy Lab characterization ${e(report.createdAt)}</title><style>body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1200px}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:12px}.unstable{color:#b00}.method{color:#444;max-width:70em}</style></head><body>
<h1>Device characterization</h1><table class="facts"><tbody>${facts.map(([k, v]) => row([e(k), e(v)])).join('')}</tbody></table>
<h2>Method</h2><p class="method">${e(report.method)}</p>
${customModelsSection(report)}<h2>Solo sweep</h2>${bySize}
<h2>Interference</h2><div class="charts">${heat}</div>${cells}
<h2>Interference model (held out)</h2>${model}
<h2>Capacity of the default mix (simulated from the solo profiles)</h2>${capacity}${live}${timing}${errors}
<script type="application/json" id="report-json">${JSON.stringify(report).replace(/</g, '\\u003c')}</script></body></html>
`;
}
