// Render tests (static markup) of the summary table's verdict and mean-batch columns, and of the run notice beside it.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { runNotice } from '../core/metrics';
import { fixtureExperiment, fixtureUpdates } from '../app/run/run-test-fixture';
import { RunNotice } from './run/RunNotice';
import { SummaryTable } from './SummaryTable';

/** The fixture's final metrics: a completes 180 measured requests within its 50 ms SLO, b 36 over its 20 ms one. */
function metrics() {
  const m = fixtureUpdates(2000).at(-1)?.snapshot.metrics;
  if (m === undefined || m === null) throw new Error('fixture without metrics');
  return m;
}

const cell = (html: string, testId: string): string => html.match(new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`))?.[1] ?? '';

describe('SummaryTable verdict and mean batch', () => {
  it('without the props: no verdict and no mean-batch column (the simulator\'s table as before)', () => {
    const m = metrics();
    const html = renderToStaticMarkup(<SummaryTable tenants={m.tenants} overall={m.overall} caption="c" testIdPrefix="t" />);
    expect(html).not.toMatch(/Verdict|Mean batch/);
  });

  it('with them: a verdict per tenant (INVALID below 662 requests) with its reason, a dash for overall, and the mean batch of every row', () => {
    const m = metrics();
    const sloMs = new Map(fixtureExperiment().tenants.map((t) => [t.id, t.sloMs]));
    const html = renderToStaticMarkup(
      <SummaryTable tenants={m.tenants} overall={m.overall} caption="c" testIdPrefix="t" sloMs={sloMs} meanBatch />,
    );
    expect(html).toMatch(/title="MLPerf-style verdict: PASS when the p99 latency/);
    expect(html).toContain('Mean batch');
    expect(html.match(/data-testid="t-verdict"[^>]*data-verdict="INVALID"/g)).toHaveLength(2);
    expect(html).toContain('INVALID (n &lt; 662)');
    const rows = html.split('<tr data-testid=');
    const rowOf = (id: string): string => rows.find((r) => r.startsWith(`"t-row-${id}"`)) ?? '';
    expect(cell(rowOf('a'), 't-mean-batch')).toBe('1.00');
    expect(cell(rowOf('b'), 't-mean-batch')).toBe('1.00');
    expect(cell(rowOf('overall'), 't-mean-batch')).toBe('1.00');
    expect(cell(rowOf('overall'), 't-verdict')).toBe('—');
    // Below 662, LoadGen's early-stopping estimate beside it: a needs 459 requests (none over its bound), b is over it in every request.
    expect(rowOf('a')).toMatch(/data-testid="t-early-stopping" data-verdict="INVALID" data-needed="459"/);
    expect(rowOf('a')).toContain('early-stopping estimate: INVALID');
    expect(rowOf('overall')).not.toContain('early-stopping');
    // The reason, in the cell's title and data: samples against the minimum, the dropped share, p99 against the bound.
    expect(rowOf('a')).toMatch(/data-reason="180 samples of the 662 needed for p99; 0.00% dropped \(at most 1%\); p99 [\d.]+ ms within the 50.0 ms bound"/);
    expect(rowOf('b')).toMatch(/data-reason="37 samples of the 662 needed for p99; 2.70% dropped \(at most 1%\); p99 [\d.]+ ms over the 20.0 ms bound"/);
  });
});

describe('RunNotice', () => {
  it.each([
    ['nothing when the run kept its promise', null, 0],
    ['the sentences, flagged by kind', runNotice({ laneMode: 'time-sliced', device: 'CPU', tenants: [{ id: 'a', inflationP50: 1.6, arrivalPerSec: 60, servicePerRequestMs: 20 }] }), 2],
  ])('%s', (_name, notice, paragraphs) => {
    const html = renderToStaticMarkup(<RunNotice notice={notice} />);
    expect(html.match(/<p>/g)?.length ?? 0).toBe(paragraphs);
    if (notice !== null) {
      expect(html).toContain('data-testid="run-notice"');
      expect(html).toContain('data-inflated="true"');
      expect(html).toContain('data-overloaded="true"');
      expect(html).toContain('1.6× slower than the solo profile');
    }
  });
});
