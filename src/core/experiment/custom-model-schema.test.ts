// Tests for the customModels section and the dims/fill text parsers (table cases and fast-check fuzz).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from './example';
import { customSessionId, parseDimSizeText, parseFillText, sessionModelOf, fillText } from './custom-settings';
import { experimentFromHash, experimentToHash } from './hash';
import { parseExperiment } from './parse';
import type { CustomModel } from './custom-model-schema';

const SHA = 'ab'.repeat(32);
const entry = (over: Partial<Record<string, unknown>> = {}): Record<string, unknown> => ({
  name: 'mine', fileName: 'mine.onnx', byteLength: 1234, sha256: SHA,
  inputs: [{ name: 'image', type: 'float32', dims: ['batch', 3, 'height', 'width'] }, { name: 'ids', type: 'int64', dims: ['batch', 'seq'] }],
  dims: [{ name: 'height', size: 32 }, { name: 'width', size: 48 }, { name: 'seq', size: 7 }],
  fills: [{ input: 'ids', kind: 'uniform', lo: 0, hi: 99 }],
  ...over,
});

function withCustom(edit: (json: { tenants: Record<string, unknown>[]; customModels?: unknown[] }) => void): unknown {
  const json = JSON.parse(JSON.stringify(exampleExperiment())) as { tenants: Record<string, unknown>[]; customModels?: unknown[] };
  json.tenants[1] = { ...json.tenants[1], model: 'custom:mine' };
  json.customModels = [entry()];
  edit(json);
  return json;
}

function issuesOf(json: unknown): string[] {
  const result = parseExperiment(json);
  if (result.ok) throw new Error('expected a refusal');
  return result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('customModels', () => {
  it('accepts a custom tenant with its entry, and keeps schemaVersion 1 files without the section', () => {
    const parsed = parseExperiment(withCustom(() => undefined));
    expect(parsed.ok).toBe(true);
    expect(parseExperiment(exampleExperiment()).ok).toBe(true);
  });

  it('round-trips through the URL hash (no bytes there)', () => {
    const parsed = parseExperiment(withCustom(() => undefined));
    if (!parsed.ok) throw new Error('bad fixture');
    const hash = experimentToHash(parsed.experiment);
    const back = experimentFromHash(hash);
    expect(back.ok && back.experiment.customModels).toEqual(parsed.experiment.customModels);
  });

  it.each<[string, (j: { tenants: Record<string, unknown>[]; customModels?: unknown[] }) => void, string]>([
    ['a tenant naming custom:x with no entry', (j) => (j.tenants[0] = { ...j.tenants[0], model: 'custom:other' }), 'tenants[0].model: expected an entry in customModels named "other"'],
    ['no section at all', (j) => delete j.customModels, 'tenants[1].model: expected an entry in customModels named "mine"'],
    ['a bad hash', (j) => (j.customModels = [entry({ sha256: 'xyz' })]), 'customModels[0].sha256'],
    ['a symbolic dim without a size', (j) => (j.customModels = [entry({ dims: [{ name: 'height', size: 32 }, { name: 'seq', size: 7 }] })]), 'customModels[0].dims: expected a size for the symbolic dim "width"'],
    ['a size for a batch axis', (j) => (j.customModels = [entry({ dims: [...(entry().dims as unknown[]), { name: 'batch', size: 2 }] })]), 'customModels[0].dims[3].name'],
    ['a size of 0', (j) => (j.customModels = [entry({ dims: [{ name: 'height', size: 0 }, { name: 'width', size: 48 }, { name: 'seq', size: 7 }] })]), 'customModels[0].dims[0].size'],
    ['a fill of a float input', (j) => (j.customModels = [entry({ fills: [{ input: 'image', kind: 'constant', value: 1 }] })]), 'customModels[0].fills[0].input'],
    ['a range with lo > hi', (j) => (j.customModels = [entry({ fills: [{ input: 'ids', kind: 'uniform', lo: 5, hi: 1 }] })]), 'customModels[0].fills[0].hi'],
    ['two entries with one name', (j) => (j.customModels = [entry(), entry()]), 'customModels[1].name: duplicate custom model name "mine"'],
    ['an unknown field', (j) => (j.customModels = [entry({ bytes: 'AAAA' })]), 'customModels[0].bytes: unknown field'],
  ])('refuses %s at the field', (_name, edit, expected) => {
    expect(issuesOf(withCustom(edit)).some((line) => line.startsWith(expected))).toBe(true);
  });

  it('names sessions by hash and settings, so other dims or another file never share one', () => {
    const parsed = parseExperiment(withCustom(() => undefined));
    if (!parsed.ok) throw new Error('bad fixture');
    const e = parsed.experiment;
    const base = e.customModels?.[0] as CustomModel;
    const id = sessionModelOf(e, { model: 'custom:mine' });
    expect(id).toMatch(/^custom:mine#abababababababab~[0-9a-f]{8}$/);
    expect(sessionModelOf(e, { model: 'resnet18' })).toBe('resnet18');
    expect(customSessionId({ ...base, dims: [{ name: 'height', size: 64 }, ...base.dims.slice(1)] })).not.toBe(id);
    expect(customSessionId({ ...base, sha256: 'cd'.repeat(32) })).not.toBe(id);
    expect(customSessionId({ ...base, fills: [] })).not.toBe(id);
  });
});

describe('dims and fill text', () => {
  it.each([['32', 32], [' 224 ', 224], ['1', 1], ['65536', 65536]])('reads the size %j', (text, size) => {
    expect(parseDimSizeText(text)).toEqual({ ok: true, value: size });
  });
  it.each(['0', '-3', '1.5', '', 'abc', '1e3', '65537', '0x20'])('refuses the size %j', (text) => {
    expect(parseDimSizeText(text).ok).toBe(false);
  });
  it.each<[string, unknown]>([
    ['1', { input: 'ids', kind: 'constant', value: 1 }],
    ['-4', { input: 'ids', kind: 'constant', value: -4 }],
    ['0..99', { input: 'ids', kind: 'uniform', lo: 0, hi: 99 }],
    [' -5 .. 5 ', { input: 'ids', kind: 'uniform', lo: -5, hi: 5 }],
  ])('reads the fill %j', (text, fill) => {
    expect(parseFillText('ids', text)).toEqual({ ok: true, value: fill });
  });
  it.each(['', '1..', '..2', '5..1', '1.5', 'x', '3000000000', '1..2..3'])('refuses the fill %j', (text) => {
    expect(parseFillText('ids', text).ok).toBe(false);
  });

  it('never throws, answers one line, and round-trips what it accepts (fuzz)', () => {
    const texts = fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.tuple(fc.integer(), fc.integer()).map(([a, b]) => `${String(a)}..${String(b)}`), fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', ' ', 'e'), maxLength: 24 }));
    fc.assert(fc.property(texts, (text) => {
      const dim = parseDimSizeText(text);
      if (dim.ok) expect(Number.isInteger(dim.value) && dim.value >= 1 && dim.value <= 65536).toBe(true);
      else expect(dim.message).not.toMatch(/\n/);
      const fill = parseFillText('ids', text);
      if (!fill.ok) {
        expect(fill.message).not.toMatch(/\n/);
        return;
      }
      expect(parseFillText('ids', fillText(fill.value))).toEqual(fill);
      const entryJson = withCustom((j) => (j.customModels = [entry({ fills: [fill.value] })]));
      expect(parseExperiment(entryJson).ok).toBe(true);
    }), { seed: 12, numRuns: 400 });
  });
});

describe('customModels fuzz', () => {
  it('any value in the section ends accepted or refused with one-line, field-named issues, never a throw', () => {
    const hostile = fc.oneof(fc.constantFrom('__proto__', 'constructor', '', 'a\nb', 'x'.repeat(5000), '💥'), fc.string({ maxLength: 20 }));
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.double(), hostile, fc.constant(null), fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(hostile, tie('any'), { maxKeys: 4 })),
    })).any;
    const mutated = fc.tuple(fc.constantFrom('name', 'fileName', 'byteLength', 'sha256', 'inputs', 'dims', 'fills', 'extra'), value).map(([key, v]) => entry({ [key]: v }));
    fc.assert(fc.property(fc.oneof(value, mutated, fc.array(mutated, { maxLength: 3 })), (section) => {
      const result = parseExperiment(withCustom((j) => (j.customModels = section as unknown[])));
      if (result.ok) return;
      for (const issue of result.issues) {
        expect(`${issue.path}: ${issue.message}`).not.toMatch(/\n/);
      }
    }), { seed: 12, numRuns: 300 });
  });
});
