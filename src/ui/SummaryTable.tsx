// The per-tenant summary table of a run or a simulation: count, drops by reason, p50/p95/p99 (marked below LoadGen's minimum samples), SLO rate, MLPerf-style verdict, throughput, mean batch, slowdown, GPU (or lane) share.
import type { ReactNode } from 'react';
import { DROP_REASONS, earlyStoppingOf, verdictOfMetrics, VERDICT_RULE, type DropReason } from '../core/metrics';
import type { DistributionSummary, QuantileEstimate } from '../core/metrics/digest';
import type { TenantMetrics } from '../core/metrics/snapshot';
import { formatMs } from './format';

/** Short column headers for the drop reasons. */
const DROP_LABELS: Readonly<Record<DropReason, string>> = { 'queue-full': 'Drop: queue', 'slo-unreachable': 'Drop: SLO', 'lane-error': 'Drop: error', stopped: 'Stopped' };

/** What each drop column counts (the header's title). */
const DROP_TITLES: Readonly<Record<DropReason, string>> = {
  'queue-full': "requests dropped: the tenant's queue was full",
  'slo-unreachable': 'requests dropped: the scheduler judged their SLO unreachable (slo-aware admission)',
  'lane-error': 'requests dropped: their lane failed while running them',
  stopped: 'requests cancelled by Stop while queued (or between layer blocks); left out of the SLO rate',
};

/** Where the share column's time comes from: a live run on a GPU or on CPU lanes (WASM), or the simulator's model. */
export type ShareBasis = 'gpu' | 'cpu' | 'simulated';

/** The share column's header and its title (what it measures). */
export function shareHeader(basis: ShareBasis, source: 'gpu-timestamps' | 'service-time'): { readonly label: string; readonly title: string } {
  const charge = source === 'gpu-timestamps'
    ? "its batch's GPU time from timestamp queries / batch size"
    : `its batch's ${basis === 'simulated' ? 'modelled service time' : 'service time (session.run, wall clock)'} / batch size`;
  const of = basis === 'cpu' ? "the lanes' busy time (CPU workers running WASM: no GPU is involved)" : basis === 'gpu' ? "the lanes' busy time on the GPU" : "the modelled lanes' busy time";
  return {
    label: basis === 'cpu' ? 'Lane share' : 'GPU share',
    title: `Fraction of ${of} spent on this tenant over the measured period: each completed request is charged ${charge}, and the shares of all tenants sum to 100%`,
  };
}

/** "97.5 %", '—' for null. */
export const formatPercent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

const formatRatio = (value: number): string => `${value.toFixed(2)}×`;

function Quantile({ q, format }: { q: QuantileEstimate; format: (value: number) => string }) {
  if (q.value === null) return <td className="num">—</td>;
  return (
    <td className={`num ${q.valid ? '' : 'invalid'}`} data-valid={q.valid} data-value={q.value}
      title={q.valid ? undefined : `fewer than ${String(q.minSamples)} samples: below LoadGen's minimum for this percentile`}>
      {format(q.value)}{q.valid ? '' : ' †'}
    </td>
  );
}

function Slowdown({ d }: { d: DistributionSummary | null }) {
  return d === null ? <td className="num" title="no solo profile for this model">—</td> : <Quantile q={d.p50} format={formatRatio} />;
}

/** The verdict cell of a tenant (the overall row has no single SLO: a dash). */
function Verdict({ m, sloMs, prefix }: { m: TenantMetrics; sloMs: number | undefined; prefix: string }) {
  if (sloMs === undefined) return <td className="num" data-testid={`${prefix}-verdict`}>—</td>;
  const v = verdictOfMetrics(m, sloMs);
  // Below the fixed minimum, LoadGen's Server-scenario early stopping may already decide (459 requests when none is over the bound).
  const early = v.kind === 'INVALID' ? earlyStoppingOf(m, sloMs) : null;
  const title = `${v.label}: ${v.reason}${early === null ? '' : `\nEarly-stopping estimate (LoadGen's Server rule, 99% confidence): ${early.kind}, ${early.reason}`}`;
  // The verdict's own element holds only its label (what tests and readers of the cell read); the estimate sits beside it.
  return (
    <td className={`num verdict verdict-${v.kind.toLowerCase()}`} title={title}>
      <span data-testid={`${prefix}-verdict`} data-verdict={v.kind} data-reason={v.reason}>{v.label}</span>
      {early !== null && <span className="small" data-testid={`${prefix}-early-stopping`} data-verdict={early.kind} data-needed={early.neededSamples}><br />early-stopping estimate: {early.kind}</span>}
    </td>
  );
}

interface RowProps {
  m: TenantMetrics;
  prefix: string;
  slowdown: boolean;
  sloMs: ReadonlyMap<string, number> | undefined;
  meanBatch: boolean;
}

function Row({ m, prefix, slowdown, sloMs, meanBatch }: RowProps) {
  const batch = m.meanBatch;
  return (
    <tr data-testid={`${prefix}-row-${m.id}`}>
      <th scope="row">{m.id}</th>
      <td className="num" data-testid={`${prefix}-completed`}>{m.measured.completed}</td>
      {DROP_REASONS.map((r) => <td key={r} className="num">{m.measured.droppedByReason[r]}</td>)}
      <Quantile q={m.latencyMs.p50} format={formatMs} />
      <Quantile q={m.latencyMs.p95} format={formatMs} />
      <Quantile q={m.latencyMs.p99} format={formatMs} />
      <td className="num" data-testid={`${prefix}-slo`}>{formatPercent(m.sloSatisfaction)}</td>
      {sloMs !== undefined && <Verdict m={m} sloMs={sloMs.get(m.id)} prefix={prefix} />}
      <td className="num">{m.meanThroughputPerSec.toFixed(1)}</td>
      {meanBatch && <td className="num" data-testid={`${prefix}-mean-batch`}>{batch === null ? '—' : batch.toFixed(2)}</td>}
      {slowdown && <Slowdown d={m.slowdown} />}
      <td className="num">{formatPercent(m.gpuShare)}</td>
    </tr>
  );
}

export interface SummaryTableProps {
  readonly tenants: readonly TenantMetrics[];
  readonly overall: TenantMetrics;
  readonly caption: ReactNode;
  /** Prefix of the rows' test ids (`<prefix>-row-<tenant>`). */
  readonly testIdPrefix: string;
  /** Show the median slowdown against the solo profile (live runs). */
  readonly slowdown?: boolean;
  /** What the share column is a share of; default 'gpu'. */
  readonly shareBasis?: ShareBasis;
  /** Where the charged time came from (the metrics' gpuTimeSource); default 'service-time'. */
  readonly shareSource?: 'gpu-timestamps' | 'service-time';
  /** Each tenant's SLO by id, ms: adds the MLPerf-style verdict column (absent: no column). */
  readonly sloMs?: ReadonlyMap<string, number>;
  /** Adds the 'Mean batch' column (each row's requests per slice); default false. */
  readonly meanBatch?: boolean;
}

/** Measured requests only (warm-up excluded); latency from the scheduled arrival. */
export function SummaryTable({ tenants, overall, caption, testIdPrefix, slowdown = false, shareBasis = 'gpu', shareSource = 'service-time', sloMs, meanBatch = false }: SummaryTableProps) {
  const share = shareHeader(shareBasis, shareSource);
  return (
    <div className="table-scroll">
      <table className="summary-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tenant</th><th scope="col" className="num">Completed</th>
            {DROP_REASONS.map((r) => <th key={r} scope="col" className="num" title={DROP_TITLES[r]}>{DROP_LABELS[r]}</th>)}
            <th scope="col" className="num">p50</th><th scope="col" className="num">p95</th><th scope="col" className="num">p99</th>
            <th scope="col" className="num">Within SLO</th>
            {sloMs !== undefined && <th scope="col" className="num" title={VERDICT_RULE} data-testid={`${testIdPrefix}-verdict-header`}>Verdict (p99)</th>}
            <th scope="col" className="num">Throughput /s</th>
            {meanBatch && <th scope="col" className="num" title="requests per slice over measured requests (a batched slice serves several at once)" data-testid={`${testIdPrefix}-mean-batch-header`}>Mean batch</th>}
            {slowdown && <th scope="col" className="num" title="median latency / solo latency at the same batch">Slowdown p50</th>}
            <th scope="col" className="num" title={share.title} data-testid={`${testIdPrefix}-share-header`}>{share.label}</th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((m) => <Row key={m.id} m={m} prefix={testIdPrefix} slowdown={slowdown} sloMs={sloMs} meanBatch={meanBatch} />)}
          <Row m={overall} prefix={testIdPrefix} slowdown={slowdown} sloMs={sloMs} meanBatch={meanBatch} />
        </tbody>
      </table>
    </div>
  );
}
