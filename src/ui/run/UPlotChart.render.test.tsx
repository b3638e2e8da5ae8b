// Render tests (static markup) of the uPlot wrapper and the charts built on it: frame, test ids, point counts, legends; no chart is built off the page.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SeriesBuilder, type RunSeries } from '../../app/run/run-series';
import { sampleOf } from '../../app/run/run-record';
import { FIXTURE_PROFILES, fixtureExperiment, fixtureUpdates } from '../../app/run/run-test-fixture';
import { LatencyCharts } from './LatencyCharts';
import { QueueChart } from './QueueChart';
import { SloChart } from './SloChart';
import { ThroughputChart } from './ThroughputChart';
import { UPlotChart } from './UPlotChart';

/** The fixture run's series (two tenants, a and b; 10 points). */
function fixtureSeries(): RunSeries {
  const builder = new SeriesBuilder(fixtureExperiment(), FIXTURE_PROFILES, 1);
  for (const update of fixtureUpdates(2000)) {
    builder.add(update.events, update.slices);
    const sample = sampleOf(update.snapshot);
    if (sample) builder.addSample(sample);
  }
  return builder.series();
}

describe('UPlotChart', () => {
  it('renders its box with the drawing\'s name; the chart itself (a canvas) is built only on the page, in a layout effect', () => {
    const html = renderToStaticMarkup(<UPlotChart options={{ series: [] }} data={[[]]} label="Throughput over time" />);
    expect(html).toBe('<div class="uplot-box" role="img" aria-label="Throughput over time"></div>');
  });
});

describe('the run time charts', () => {
  const series = fixtureSeries();

  it.each([
    ['chart-throughput', <ThroughputChart series={series} />, ['a (req/s)', 'inferences/s (batched runs)']],
    ['chart-slo', <SloChart series={series} />, ['a (SLO 50 ms)', 'b (SLO 20 ms)']],
    ['chart-queue', <QueueChart series={series} />, ['>a<', '>b<']],
  ])('%s: its frame, point count and legend around the chart box', (testId, chart, legend) => {
    const html = renderToStaticMarkup(chart);
    expect(html).toContain(`data-testid="${testId}" data-points="10"`);
    expect(html).toContain('class="uplot-box"');
    for (const label of legend) expect(html).toContain(label);
  });

  it('chart-latency: its frame and legend, a place per tenant (each small chart draws in its own refresh, none off the page)', () => {
    const html = renderToStaticMarkup(<LatencyCharts series={series} />);
    expect(html).toContain('data-testid="chart-latency" data-points="10"');
    expect(html.match(/class="small-multiple"/g)).toHaveLength(2);
    for (const label of ['p50 (solid)', 'p95 (dashed)', 'p99 (dotted)', '>SLO<']) expect(html).toContain(label);
  });

  it('a long run says which snapshots it draws', () => {
    const html = renderToStaticMarkup(<QueueChart series={{ ...series, pointStride: 4 }} />);
    expect(html).toContain('draws every 4th one and the last');
  });
});
