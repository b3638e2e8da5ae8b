// Render tests (static markup) of the queue-vs-service chart: a stacked bar per measured tenant with its parts and total, round ticks, the placeholder.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../../core/metrics';
import { QueueServiceChart } from './QueueServiceChart';

/** Tenants a (queue 12 ms + service 25.5 ms, 120 measured) and b (nothing measured yet). */
const summary = { tenants: [
  { id: 'a', measured: { completed: 120 }, queueMs: { mean: 12 }, serviceMs: { mean: 25.5 } },
  { id: 'b', measured: { completed: 0 }, queueMs: { mean: null }, serviceMs: { mean: null } },
] } as unknown as MetricsSnapshot;

describe('QueueServiceChart', () => {
  it('draws queue under service for each measured tenant, the mean latency on top, tenants with their n, ticks past the tallest bar', () => {
    const html = renderToStaticMarkup(<QueueServiceChart summary={summary} />);
    expect(html).toContain('data-testid="chart-queue-service" data-points="1"');
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain('a (n=120), queue (waiting for a lane): 12 ms');
    expect(html).toContain('a (n=120), service (dispatch to completion): 25.5 ms');
    expect(html).toContain('>37.5 ms<');
    for (const label of ['>a (n=120)<', '>b (n=0)<']) expect(html).toContain(label);
    expect([...html.matchAll(/>(\d+(?:\.\d+)? ms|0)</g)].map((m) => m[1]).slice(0, 5)).toEqual(['0', '10 ms', '20 ms', '30 ms', '40 ms']);
    for (const label of ['queue (waiting for a lane)', 'service (dispatch to completion)']) expect(html).toContain(label);
  });

  it('before any measured request: the placeholder over empty axes', () => {
    const html = renderToStaticMarkup(<QueueServiceChart summary={null} />);
    expect(html).toContain('data-points="0"');
    expect(html).not.toContain('<rect ');
    expect(html).toContain('Waiting for measured requests');
  });
});
