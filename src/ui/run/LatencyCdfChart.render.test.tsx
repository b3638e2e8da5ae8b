// Render tests (static markup) of the latency CDF: its frame, point count and legend around the chart box (the chart itself is built only on the page).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LatencyCdf } from '../../app/run/latency-cdf';
import { ms } from '../../core/units';
import { LatencyCdfChart } from './LatencyCdfChart';

describe('LatencyCdfChart', () => {
  it('counts the curves\' points, names each tenant with its n and SLO, and leaves the drawing to uPlot', () => {
    const cdf = new LatencyCdf(['a', 'b'], 1000);
    for (const latencyMs of [3, 4, 40]) cdf.add({ tenant: 'a', arrivalMs: ms(2000), latencyMs: ms(latencyMs) });
    cdf.add({ tenant: 'b', arrivalMs: ms(2000), latencyMs: ms(12) });
    const html = renderToStaticMarkup(<LatencyCdfChart curves={cdf.curves()} sloMs={[50, 20]} />);
    expect(html).toContain('data-testid="chart-cdf" data-points="4"');
    expect(html).toContain('class="uplot-box" role="img" aria-label="Latency CDF per tenant, log latency axis"');
    for (const label of ['a (n=3, SLO 50 ms dashed)', 'b (n=1, SLO 20 ms dashed)', 'buckets 6% wide']) expect(html).toContain(label);
    expect(html).not.toContain('Waiting for measured requests');
  });

  it('before any measured request: the placeholder over the chart', () => {
    const html = renderToStaticMarkup(<LatencyCdfChart curves={new LatencyCdf(['a'], 0).curves()} sloMs={[50]} />);
    expect(html).toContain('data-points="0"');
    expect(html).toContain('Waiting for measured requests');
  });
});
