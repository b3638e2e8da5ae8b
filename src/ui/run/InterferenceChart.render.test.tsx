// Render tests (static markup) of the interference chart: a bar and a value label per measured quantile, log ticks, the solo line.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptySeries, type RunSeries } from '../../app/run/run-series';
import type { DistributionSummary, MetricsSnapshot } from '../../core/metrics';
import { fixtureExperiment } from '../../app/run/run-test-fixture';
import { InterferenceChart } from './InterferenceChart';

const quantile = (value: number) => ({ value, valid: true, minSamples: 1 });
const summaryOf = (p50: number, p95: number): DistributionSummary => ({
  count: 100, mean: p50, min: 1, max: p95, p50: quantile(p50), p90: quantile(p95), p95: quantile(p95), p99: quantile(p95),
});

/** Tenants a and b: a slowed 1.5x (p50) and 3.2x (p95), its service 1.1x / 1.3x; b without a solo profile. */
function inputs(): { series: RunSeries; summary: MetricsSnapshot } {
  const empty = emptySeries(fixtureExperiment(), 1);
  const series: RunSeries = { ...empty, serviceInflation: [summaryOf(1.1, 1.3), null] };
  const summary = { tenants: [
    { id: 'a', measured: { completed: 120 }, slowdown: summaryOf(1.5, 3.2) },
    { id: 'b', measured: { completed: 30 }, slowdown: null },
  ] } as unknown as MetricsSnapshot;
  return { series, summary };
}

describe('InterferenceChart', () => {
  it('draws a labelled bar per measured quantile, tenants with their n, ticks up past the largest value and the solo line', () => {
    const { series, summary } = inputs();
    const html = renderToStaticMarkup(<InterferenceChart series={series} summary={summary} concurrent={false} />);
    expect(html).toContain('data-testid="chart-interference" data-points="1"');
    expect(html.match(/<rect /g)).toHaveLength(4);
    for (const label of ['>1.5<', '>3.2<', '>1.1<', '>1.3<']) expect(html).toContain(label);
    expect(html).toContain('a (n=120), slowdown p95: 3.2×');
    expect(html).toContain('>b (n=30)<');
    expect([...html.matchAll(/>([\d.]+)×</g)].map((m) => m[1])).toEqual(['0.5', '1', '2', '5']);
    expect(html).toContain('>solo<');
    expect(html).toContain('time-sliced lane');
  });

  it('before any measured request: the placeholder over empty axes', () => {
    const html = renderToStaticMarkup(<InterferenceChart series={emptySeries(fixtureExperiment(), 1)} summary={null} concurrent />);
    expect(html).toContain('data-points="0"');
    expect(html).not.toContain('<rect ');
    expect(html).toContain('Waiting for measured requests');
  });
});
