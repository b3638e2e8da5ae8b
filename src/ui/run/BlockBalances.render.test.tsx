// Render tests (static markup) of how each layer-blocked session was cut: MACs, or measured block times with their source.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { BlockBalances } from './BlockBalances';

describe('BlockBalances', () => {
  it('says nothing for whole inferences', () => {
    expect(renderToStaticMarkup(<BlockBalances balances={[]} />)).toBe('');
  });

  it('names each session, its lane and how its blocks were cut, with the measured block times', () => {
    const html = renderToStaticMarkup(
      <BlockBalances balances={[
        { key: 'resnet50@32/4t', lane: 0, balance: { kind: 'measured', segmentTimesMs: [1, 2, 3, 4, 5, 6, 7, 8], blockTimesMs: [9, 9, 9, 9], cached: true } },
        { key: 'squeezenet1_1@32/4', lane: 0, balance: { kind: 'macs' } },
      ]} />,
    );
    expect(html).toContain('resnet50@32/4t (lane 0): blocks of equal measured time');
    expect(html).toContain('from 8 parts each timed alone');
    expect(html).toContain('timed earlier in this lane');
    expect(html).toContain('squeezenet1_1@32/4 (lane 0): blocks of equal MACs, counted from the graph (not timed)');
  });
});
