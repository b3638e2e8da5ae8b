// Tests for the comparison file: a round trip, field-named issues, size cap; fuzzed text and mutated files never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateExperiment } from '../../core/sim';
import { CompareController } from './compare-controller';
import { comparisonToJson, MAX_COMPARISON_CHARS, parseComparison, parseComparisonJson, type Comparison } from './compare-file';
import { simulatedEngine, TWO_TENANTS } from './compare-test-fixture';
import { viewOf } from './compare-view';
import { CDF_MAX_POINTS } from './latency-cdf-points';
import { memoryPinStore } from './pin-store';
import { variantsOf } from './variants';

async function sample(): Promise<Comparison> {
  const variants = variantsOf(TWO_TENANTS, { kind: 'lane-mode' }, ['time-sliced', 'concurrent']);
  if (!variants.ok) throw new Error('variants');
  const controller = new CompareController({
    createEngine: () => simulatedEngine().engine, simulate: (e) => Promise.resolve(simulateExperiment(e)), pins: memoryPinStore(),
    nowIso: () => '2026-12-02T02:00:00Z', newId: () => 'sample-1',
  });
  await controller.compare({ title: 'lanes', variants: variants.variants, lesson: null, repeats: 1, engine: { backend: 'wasm' } });
  const c = controller.store.getSnapshot().comparison;
  if (c === null) throw new Error('compared');
  return c;
}

describe('comparison file', () => {
  it('round-trips', async () => {
    const c = await sample();
    expect(parseComparisonJson(comparisonToJson(c))).toEqual({ ok: true, comparison: c });
  });

  it('reads a file from before the fixed rates and the sampled CDFs (neither field): the view falls back to the sketch CDFs', async () => {
    const c = await sample();
    expect(c.arrivals).not.toBeNull();
    expect(c.variants.every((v) => (v.cdf?.length ?? 0) > 0)).toBe(true);
    const { arrivals: _a, ...older } = c;
    const parsed = parseComparison({ ...older, variants: older.variants.map(({ cdf: _c, ...v }) => v) });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const view = viewOf(parsed.comparison);
    expect(view.arrivals).toBeNull();
    expect(view.variants[0]?.cdf.map((x) => x.from)).toEqual(['sketch', 'sketch']);
    expect(view.variants[0]?.cdf[0]?.points.length).toBeLessThanOrEqual(6);
  });

  it.each<[string, (c: Comparison) => unknown, string]>([
    ['a CDF past its point cap', (c) => ({ ...c, variants: c.variants.map((v) => ({ ...v, cdf: v.cdf?.map((x) => ({ ...x, points: Array.from({ length: CDF_MAX_POINTS + 1 }, () => ({ latencyMs: 1, fraction: 1 })) })) })) }), 'variants[0].cdf[0].points'],
    ['a fixed rate with no capacity', (c) => ({ ...c, arrivals: { source: 's', rates: [{ variant: 'v', tenant: 'camera', modelKey: 'light@32', fractions: [0.5], capacityPerSec: 0, ratesPerSec: [0] }] } }), 'arrivals.rates[0].capacityPerSec'],
    ['another format', (c) => ({ ...c, format: 'x' }), 'format'],
    ['one variant', (c) => ({ ...c, variants: c.variants.slice(0, 1) }), 'variants'],
    ['an SLO rate over 1', (c) => ({ ...c, variants: c.variants.map((v) => ({ ...v, runs: v.runs.map((r) => r.map((f) => ({ ...f, sloRate: 2 }))) })) }), 'variants[0].runs[0][0].sloRate'],
    ['an unknown field', (c) => ({ ...c, extra: 1 }), 'extra'],
    ['a bad experiment', (c) => ({ ...c, variants: c.variants.map((v) => ({ ...v, experiment: { ...v.experiment, seed: -1 } })) }), 'variants[0].experiment.seed'],
  ])('%s: an issue naming the field', async (_name, mutate, path) => {
    const parsed = parseComparison(mutate(await sample()));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain(path);
  });

  it('refuses a file past the size cap before parsing it', () => {
    const parsed = parseComparisonJson(' '.repeat(MAX_COMPARISON_CHARS + 1));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]?.message).toMatch(/file too large/);
  });

  it('fuzz: any text or JSON value gives a comparison or issues, never a throw', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      const parsed = parseComparisonJson(text);
      if (!parsed.ok) expect(parsed.issues.length).toBeGreaterThan(0);
    }), { seed: 14, numRuns: 500 });
  });

  it('fuzz: a valid file with one value replaced anywhere validates or gives issues', async () => {
    const c = JSON.parse(comparisonToJson(await sample())) as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (typeof v === 'object' && v !== null) for (const [k, child] of Object.entries(v)) walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
    };
    walk(c, []);
    fc.assert(fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.anything(), (path, value) => {
      const copy = structuredClone(c);
      let at: Record<string | number, unknown> = copy;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
      at[path.at(-1) ?? ''] = value;
      const parsed = parseComparison(copy);
      if (!parsed.ok) expect(parsed.issues.length).toBeGreaterThan(0);
    }), { seed: 14, numRuns: 500 });
  });
});
