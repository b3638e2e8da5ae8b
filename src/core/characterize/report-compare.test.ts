// Tests of the cell-by-cell comparison of two reports: matching figures with ratios, cells only one report has, the CSV, and a fast-check fuzz.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparisonCsv, compareReports } from './report-compare';
import { fixtureReport } from './report-fixture.test-support';
import { repeatStats } from './repeat-stats';
import { parseReport } from './report-parse';
import type { CharacterizeReport } from './report-schema';

/** The fixture with every solo p50 doubled, its last solo point dropped and a batch-8 point added. */
function slower(): CharacterizeReport {
  const r = fixtureReport();
  const solo = r.solo.slice(0, -1).map((p) => ({ ...p, p50Ms: repeatStats([(p.p50Ms.mean ?? 0) * 2]) }));
  const extra = { ...r.solo[0], batch: 8 } as CharacterizeReport['solo'][number];
  return { ...r, solo: [...solo, extra], capacity: r.capacity.map((c) => ({ ...c, holdsFactor: 0.45 })) };
}

describe('compareReports', () => {
  it('pairs every matching cell with both values and b / a', () => {
    const c = compareReports(fixtureReport(), slower());
    const p50 = c.rows.find((r) => r.section === 'solo' && r.cell === 'tiny-cnn@32 batch 1' && r.figure === 'p50Ms');
    expect(p50?.ratio).toBeCloseTo(2, 9);
    expect(c.rows.find((r) => r.section === 'capacity' && r.figure === 'holdsFactor')).toMatchObject({ a: 0.9, b: 0.45, ratio: 0.5 });
    expect(c.rows.filter((r) => r.section === 'interference' && r.figure === 'slowdown')).toHaveLength(4);
    // gpuMs is null in both: no row.
    expect(c.rows.some((r) => r.figure === 'gpuMs')).toBe(false);
  });

  it('lists the cells only one report has', () => {
    const c = compareReports(fixtureReport(), slower());
    expect(c.onlyInA).toEqual(['solo: squeezenet1_1@32 batch 2']);
    expect(c.onlyInB).toEqual(['solo: tiny-cnn@32 batch 8']);
  });

  it('compares a report with itself at ratio 1 everywhere', () => {
    const c = compareReports(fixtureReport(), fixtureReport());
    expect(c.onlyInA).toEqual([]);
    expect(c.onlyInB).toEqual([]);
    for (const r of c.rows) if (r.a !== null && r.a !== 0 && r.b !== null) expect(r.ratio).toBeCloseTo(1, 12);
  });

  it('writes one CSV row per figure and per unmatched cell, quoted', () => {
    const c = compareReports(fixtureReport(), slower());
    const lines = comparisonCsv(c).trimEnd().split('\n');
    expect(lines[0]).toBe('section,cell,figure,a,b,ratio_b_over_a,only_in');
    expect(lines).toHaveLength(1 + c.rows.length + 2);
    expect(lines[lines.length - 1]).toBe(',solo: tiny-cnn@32 batch 8,,,,,b');
  });

  it('never throws and keeps every cell once, for reports of any valid models and values (fast-check)', () => {
    const name = fc.constantFrom('tiny-cnn', 'custom:__proto__', 'custom:constructor', 'custom:a,"b"', 'resnet18');
    const value = fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null });
    const report = fc.record({ names: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }), values: fc.array(value, { minLength: 1, maxLength: 6 }), keep: fc.array(fc.boolean(), { maxLength: 6 }) }).map(({ names, values, keep }) => {
      const base = fixtureReport();
      let k = 0;
      const next = () => values[k++ % values.length] ?? null;
      const stat = () => ({ ...repeatStats([]), n: 1, mean: next() });
      const solo = names.flatMap((m, i) => (keep[i] === false ? [] : [{ ...base.solo[0], model: `${m}@32`, p50Ms: stat() } as CharacterizeReport['solo'][number]]));
      const cells = base.cells.map((c, i) => ({ ...c, tenants: c.tenants.map((t, j) => ({ ...t, model: `${names[(i + j) % names.length] ?? 'x'}@32`, slowdown: stat() })) as unknown as typeof c.tenants }));
      const r = { ...base, solo, cells };
      const parsed = parseReport(JSON.parse(JSON.stringify(r)));
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.report;
    });
    fc.assert(
      fc.property(report, report, (a, b) => {
        const c = compareReports(a, b);
        for (const r of c.rows) if (r.ratio !== null) expect(Number.isFinite(r.ratio)).toBe(true);
        expect(comparisonCsv(c).split('\n').length).toBeGreaterThan(c.rows.length);
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});
