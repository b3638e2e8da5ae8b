// Render test (static markup) of Compare's summary table: each variant's verdict (worst of its repeats, each repeat's in brackets) and pooled mean batch.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { simulateExperiment } from '../../core/sim';
import { CompareController } from '../../app/compare/compare-controller';
import { simulatedEngine, TWO_TENANTS } from '../../app/compare/compare-test-fixture';
import { viewOf } from '../../app/compare/compare-view';
import { memoryPinStore } from '../../app/compare/pin-store';
import { variantsOf } from '../../app/compare/variants';
import { CompareResults } from './CompareResults';

describe('CompareResults', () => {
  it('shows each variant\'s verdict per tenant with every repeat\'s, the reasons in the title, and the mean batch', async () => {
    const variants = variantsOf(TWO_TENANTS, { kind: 'policy' }, ['fcfs', 'priority']);
    if (!variants.ok) throw new Error('variants');
    const controller = new CompareController({
      createEngine: () => simulatedEngine().engine, simulate: (e) => Promise.resolve(simulateExperiment(e)), pins: memoryPinStore(), nowIso: () => '2026-12-02T02:00:00Z', newId: () => 'r-1',
    });
    await controller.compare({ title: 't', variants: variants.variants, lesson: null, repeats: 2, engine: { backend: 'wasm' } });
    const comparison = controller.store.getSnapshot().comparison;
    if (comparison === null) throw new Error('compared');
    const html = renderToStaticMarkup(<CompareResults view={viewOf(comparison)} />);
    expect(html).toContain('Verdict (p99)');
    // The fixture's runs are a few hundred requests: INVALID in both repeats.
    expect(html).toMatch(/data-testid="compare-0-camera-verdict" data-verdict="INVALID" data-verdicts="INVALID,INVALID" title="repeat 1: INVALID, \d+ samples of the 662 needed for p99/);
    expect(html).toContain('INVALID (INVALID, INVALID)');
    expect(html).toMatch(/data-testid="compare-1-heavy-mean-batch">1.00</);
  });
});
