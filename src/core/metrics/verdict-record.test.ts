// Tests of verdict records: built from a verdict's figures, and refused by the schema (field named) when a file's figures or kind are bad.
import { describe, expect, it } from 'vitest';
import { safeParseWith } from '../experiment';
import { verdictRecordOf, VerdictRecordSchema, type VerdictRecord } from './verdict-record';

const pass = verdictRecordOf('a', { p99Ms: 40, sloMs: 50, completed: 700, dropped: 0 });

describe('verdict records', () => {
  it('carry the kind, the figures and the reason', () => {
    expect(pass).toEqual({ tenant: 'a', kind: 'PASS', samples: 700, neededSamples: 662, dropped: 0, p99Ms: 40, sloMs: 50, reason: '700 samples (662 needed); 0.00% dropped (at most 1%); p99 40.0 ms within the 50.0 ms bound' });
    expect(safeParseWith(VerdictRecordSchema, JSON.parse(JSON.stringify(pass)))).toEqual({ ok: true, data: pass });
  });

  it.each<[string, Partial<Record<keyof VerdictRecord, unknown>>, string, RegExp]>([
    ['a kind its figures do not give', { kind: 'FAIL' }, 'kind', /^expected PASS from the record's own figures \(700 samples/],
    ['PASS over the bound', { p99Ms: 60 }, 'kind', /^expected FAIL/],
    ['PASS below the minimum', { samples: 100 }, 'kind', /^expected INVALID/],
    ['an unknown kind', { kind: 'MAYBE' }, 'kind', /PASS/],
    ['more drops than samples', { dropped: 701 }, 'dropped', /^expected at most the samples \(700\)/],
    ['another minimum', { neededSamples: 10 }, 'neededSamples', /^expected 662/],
    ['a negative p99', { p99Ms: -1 }, 'p99Ms', /./],
    ['a non-number sample count', { samples: 'many' }, 'samples', /./],
    ['a zero SLO', { sloMs: 0 }, 'sloMs', /./],
    ['a long reason', { reason: 'x'.repeat(401) }, 'reason', /./],
  ])('refuses %s, naming the field', (_name, change, path, message) => {
    const parsed = safeParseWith(VerdictRecordSchema, { ...pass, ...change });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]?.path).toBe(path);
    expect(parsed.issues[0]?.message).toMatch(message);
    for (const issue of parsed.issues) expect(issue.message).not.toMatch(/\n/);
  });
});
