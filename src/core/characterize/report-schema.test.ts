// Tests of the report schema and its parser: a round trip, field-named one-line errors, and a fast-check fuzz of the entry point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleCustomModel } from './custom-entry.test-support';
import { fixtureReport } from './report-fixture.test-support';
import { parseReport, parseReportJson, reportToJson } from './report-parse';

describe('report.json', () => {
  it('round-trips through JSON unchanged', () => {
    const report = fixtureReport();
    const parsed = parseReportJson(reportToJson(report));
    expect(parsed).toEqual({ ok: true, report });
  });

  it.each<[string, (r: Record<string, unknown>) => unknown, RegExp]>([
    ['a wrong version', (r) => ({ ...r, version: 3 }), /^version: expected version 1 or 2/],
    ['a missing device', (r) => ({ ...r, device: undefined }), /^device: /],
    ['a bad cell mode', (r) => ({ ...r, cells: [{ ...(r.cells as object[])[0], mode: 'parallel' }] }), /^cells\[0\]\.mode: /],
    ['an unknown field', (r) => ({ ...r, extra: 1 }), /^extra: unknown field/],
    ['a bad model key', (r) => ({ ...r, solo: [{ ...(r.solo as object[])[0], model: 'tiny cnn' }] }), /^solo\[0\]\.model: expected model@resolution/],
    ['not an object', () => 42, /^report: /],
  ])('refuses %s with one line naming the field', (_name, edit, message) => {
    const result = parseReport(edit(fixtureReport()));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(message);
      expect(result.error).not.toContain('\n');
    }
  });

  it('still opens a version 1 report (version 2 only adds optional fields)', () => {
    const v1 = { ...fixtureReport(), version: 1 };
    expect(parseReport(JSON.parse(JSON.stringify(v1)))).toMatchObject({ ok: true, report: { version: 1 } });
  });

  it('keeps the user\'s own models (name, hash, inputs, dims), names a bad one, and opens reports without them', () => {
    const r = { ...fixtureReport(), customModels: [exampleCustomModel('hw')] };
    expect(parseReportJson(reportToJson(r))).toEqual({ ok: true, report: r });
    expect(parseReport({ ...r, customModels: [{ ...exampleCustomModel('hw'), sha256: 'nope' }] })).toMatchObject({ ok: false, error: expect.stringMatching(/^customModels\[0\]\.sha256: /) as unknown });
    // A report written before custom models (no field) still opens, as version 1 and 2.
    const before = JSON.parse(JSON.stringify(fixtureReport())) as Record<string, unknown>;
    expect('customModels' in before).toBe(false);
    expect(parseReport(before)).toMatchObject({ ok: true });
    expect(parseReport({ ...before, version: 1 })).toMatchObject({ ok: true });
  });

  it('takes a custom model whose name has an @ (a file named so) in its model keys', () => {
    const r = fixtureReport();
    const solo = [...r.solo, { ...r.solo[0], model: 'custom:my@net@32' } as (typeof r.solo)[number]];
    expect(parseReport({ ...r, solo, customModels: [exampleCustomModel('my@net')] })).toMatchObject({ ok: true });
  });

  it('names the line and column of a syntax error', () => {
    const result = parseReportJson('{\n  "version": 1,\n  oops\n}');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^report\.json: invalid JSON at line 3, column 3/) as unknown });
  });

  it('never throws and always answers one line, for any text or JSON value (fast-check)', () => {
    const report = fixtureReport();
    const mutated = fc.tuple(fc.constantFrom(...Object.keys(report)), fc.jsonValue()).map(([key, value]) => ({ ...report, [key]: value }));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json().map(String), mutated.map((r) => JSON.stringify(r))), (text) => {
        const result = parseReportJson(text);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          expect(result.error.length).toBeLessThanOrEqual(300);
          expect(result.error).not.toMatch(/[\n\r]/);
        }
      }),
      { seed: 13, numRuns: 400 },
    );
  });
});
