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
import { timelinesOf } from './variant-timelines';

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

type Figures = Comparison['variants'][number]['runs'][number][number];
type Timeline = NonNullable<Comparison['variants'][number]['timeline']>;
/** The comparison with its first variant's first run's first tenant changed. */
const onFirstRun = (c: Comparison, change: (f: Figures) => unknown) => ({
  ...c, variants: c.variants.map((v, i) => (i === 0 ? { ...v, runs: v.runs.map((r, k) => (k === 0 ? r.map((f, j) => (j === 0 ? change(f) : f)) : r)) } : v)),
});
/** The comparison with its first variant's timeline changed. */
const onTimeline = (c: Comparison, change: (t: Timeline) => unknown) => ({ ...c, variants: c.variants.map((v, i) => (i === 0 && v.timeline !== undefined ? { ...v, timeline: change(v.timeline) } : v)) });

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

  it('keeps each run\'s verdict and mean batch and each variant\'s timeline, and reads a file from before them (none of the three)', async () => {
    const c = await sample();
    const first = c.variants[0]?.runs[0]?.[0];
    expect(first?.verdict).toMatchObject({ tenant: 'camera', sloMs: 20, neededSamples: 662, p99Ms: first?.p99Ms });
    expect(first?.meanBatch).toBe(1);
    expect(c.variants.map((v) => v.timeline?.slices.length)).toEqual([6, 6]);
    const strip = ({ verdict: _v, meanBatch: _m, ...f }: Figures) => f;
    const older = { ...c, variants: c.variants.map(({ timeline: _t, ...v }) => ({ ...v, runs: v.runs.map((r) => r.map(strip)), predicted: v.predicted?.map(strip) ?? null })) };
    expect(JSON.stringify(older)).not.toMatch(/verdict|meanBatch|timeline/);
    const parsed = parseComparison(older);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const view = viewOf(parsed.comparison);
    expect(view.variants[0]?.measured[0]).toMatchObject({ meanBatch: null, verdicts: [null], verdict: null });
    expect(timelinesOf(parsed.comparison)).toEqual([]);
  });

  it.each<[string, (c: Comparison) => unknown, string]>([
    ['a verdict its figures do not give', (c) => onFirstRun(c, (f) => ({ ...f, verdict: { ...f.verdict!, kind: f.verdict!.kind === 'PASS' ? 'FAIL' : 'PASS' } })), 'variants[0].runs[0][0].verdict.kind'],
    ['a verdict on another p99', (c) => onFirstRun(c, (f) => ({ ...f, verdict: { ...f.verdict!, p99Ms: (f.p99Ms ?? 0) + 1 } })), 'variants[0].runs[0][0].verdict.p99Ms'],
    ['a verdict against another SLO', (c) => onFirstRun(c, (f) => ({ ...f, verdict: { ...f.verdict!, sloMs: 999 } })), 'variants[0].runs[0][0].verdict.sloMs'],
    ['a verdict of another tenant', (c) => onFirstRun(c, (f) => ({ ...f, verdict: { ...f.verdict!, tenant: 'heavy' } })), 'variants[0].runs[0][0].verdict.tenant'],
    ['a verdict with an unknown kind', (c) => onFirstRun(c, (f) => ({ ...f, verdict: { ...f.verdict!, kind: 'MAYBE' } })), 'variants[0].runs[0][0].verdict.kind'],
    ['a mean batch of 1e9', (c) => onFirstRun(c, (f) => ({ ...f, meanBatch: 1e9 })), 'variants[0].runs[0][0].meanBatch'],
    ['a mean batch that is text', (c) => onFirstRun(c, (f) => ({ ...f, meanBatch: '2' })), 'variants[0].runs[0][0].meanBatch'],
    ['a slice on lane 2^32', (c) => onTimeline(c, (t) => ({ ...t, slices: [[0, 1, 2 ** 32, 0, 1, 0, 1]] })), 'variants[0].timeline.slices[0][2]'],
    ['a slice on a lane past the lanes', (c) => onTimeline(c, (t) => ({ ...t, lanes: 1, slices: [[0, 1, 3, 0, 1, 0, 1]] })), 'variants[0].timeline.slices[0]'],
    ['a slice of a tenant past the tenants', (c) => onTimeline(c, (t) => ({ ...t, slices: [[0, 1, 0, 7, 1, 0, 1]] })), 'variants[0].timeline.slices[0][3]'],
    ['a block past its blocks', (c) => onTimeline(c, (t) => ({ ...t, slices: [[0, 1, 0, 0, 1, 4, 4]] })), 'variants[0].timeline.slices[0]'],
    ['a slice that ends before it starts', (c) => onTimeline(c, (t) => ({ ...t, slices: [[5, 1, 0, 0, 1, 0, 1]] })), 'variants[0].timeline.slices[0]'],
    ['a slice row too short', (c) => onTimeline(c, (t) => ({ ...t, slices: [[0, 1, 0]] })), 'variants[0].timeline.slices[0]'],
    ['more slices kept than the run had', (c) => onTimeline(c, (t) => ({ ...t, sliceCount: 1 })), 'variants[0].timeline.sliceCount'],
    ['140k slices', (c) => onTimeline(c, (t) => ({ ...t, sliceCount: 140_000, slices: Array.from({ length: 140_000 }, () => [0, 1, 0, 0, 1, 0, 1]) })), 'variants[0].timeline.slices'],
    ['an unknown timeline field', (c) => onTimeline(c, (t) => ({ ...t, extra: 1 })), 'variants[0].timeline.extra'],
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
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.path)).toContain(path);
    expect(parsed.issues.length).toBeLessThanOrEqual(21);
    for (const issue of parsed.issues) expect(issue.message).not.toMatch(/[\n\r]/);
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
