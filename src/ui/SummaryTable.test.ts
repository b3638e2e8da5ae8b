// Tests for the summary table's share column: "Lane share" on CPU-only (WASM) runs, and a title that says what it measures.
import { describe, expect, it } from 'vitest';
import { shareHeader } from './SummaryTable';

describe('shareHeader', () => {
  it.each([
    ['cpu', 'service-time', 'Lane share', /CPU workers running WASM: no GPU is involved.*service time \(session\.run, wall clock\) \/ batch size/],
    ['gpu', 'service-time', 'GPU share', /busy time on the GPU.*service time \(session\.run, wall clock\)/],
    ['gpu', 'gpu-timestamps', 'GPU share', /GPU time from timestamp queries/],
    ['simulated', 'service-time', 'GPU share', /modelled lanes' busy time.*modelled service time/],
  ] as const)('%s run, %s: %s', (basis, source, label, title) => {
    const header = shareHeader(basis, source);
    expect(header.label).toBe(label);
    expect(header.title).toMatch(title);
    expect(header.title).toMatch(/Fraction of .* spent on this tenant over the measured period/);
    if (basis === 'cpu') expect(header.label).not.toMatch(/GPU/);
  });
});
