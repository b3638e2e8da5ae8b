// Tests of the draft: path edits, typed numbers, issues mapped to fields, the last valid experiment kept.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../core/experiment';
import { editorFor, getIn, issuesAt, numberFromText, parsePath, setIn, validateDraft, type Draft } from './experiment-draft';

const base = (): Draft => editorFor(exampleExperiment()).draft;

describe('numberFromText', () => {
  it.each([
    ['12', 12],
    [' 2.5 ', 2.5],
    ['-3', -3],
    ['', ''],
    ['abc', 'abc'],
    ['1e3', 1000],
    ['Infinity', 'Infinity'],
  ])('%j -> %j', (text, expected) => expect(numberFromText(text)).toBe(expected));
});

describe('parsePath', () => {
  it.each([
    ['tenants[1].sloMs', ['tenants', 1, 'sloMs']],
    ['serviceModel.byModel.resnet18.ms', ['serviceModel', 'byModel', 'resnet18', 'ms']],
    ['', []],
    ['tenants[0].arrival.rates[1].value', ['tenants', 0, 'arrival', 'rates', 1, 'value']],
  ])('%s', (path, keys) => expect(parsePath(path)).toEqual(keys));
});

describe('setIn / getIn', () => {
  it('copies along the path and leaves the original alone', () => {
    const draft = base();
    const next = setIn(draft, ['tenants', 1, 'sloMs'], 250);
    expect(getIn(next, ['tenants', 1, 'sloMs'])).toBe(250);
    expect(getIn(draft, ['tenants', 1, 'sloMs'])).toBe(500);
    expect(getIn(next, ['tenants', 0])).toBe(getIn(draft, ['tenants', 0]));
  });
  it('removes a key when set to undefined', () => {
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
  });
});

describe('validateDraft', () => {
  it.each([
    [['tenants', 1, 'sloMs'], 'abc', 'tenants[1].sloMs', "expected a number, got 'abc'"],
    [['tenants', 1, 'sloMs'], '', 'tenants[1].sloMs', 'expected a number (the field is empty)'],
    [['tenants', 0, 'sloMs'], -5, 'tenants[0].sloMs', 'expected number to be >0'],
    [['tenants', 0, 'resolution'], 100, 'tenants[0].resolution', 'expected a multiple of 32 px'],
    [['tenants', 1, 'id'], 'camera', 'tenants[1].id', 'duplicate tenant id "camera" (also tenants[0])'],
    [['seed'], 1.5, 'seed', 'expected int'],
    [['lanes', 'dispatchDepth'], 0, 'lanes.dispatchDepth', 'expected number to be >=1'],
  ])('%j = %j is reported at %s', (path, value, field, message) => {
    const lastValid = exampleExperiment();
    const state = validateDraft(setIn(base(), path, value) as Draft, lastValid);
    expect(state.experiment).toBeNull();
    expect(state.lastValid).toBe(lastValid);
    expect(issuesAt(state.issues, path).join(' ')).toContain(message);
    expect(state.issues.map((i) => i.path)).toContain(field);
    // The bad value stays in the draft as typed.
    expect(getIn(state.draft, path)).toBe(value);
  });

  it('a valid draft becomes the last valid experiment, defaults filled in', () => {
    const draft = setIn(base(), ['tenants', 0, 'weight'], undefined) as Draft;
    const state = validateDraft(draft, exampleExperiment());
    expect(state.issues).toEqual([]);
    expect(state.experiment?.tenants[0]?.weight).toBe(1);
    expect(state.lastValid).toBe(state.experiment);
  });
});

describe('user-chosen keys in the draft', () => {
  it.each(['__proto__', 'constructor'])('setIn writes a key %s as a field, and getIn reads only own fields', (key) => {
    const draft = setIn({}, ['serviceModel', 'byModel', key, 'ms'], 3) as Record<string, unknown>;
    expect(Object.getPrototypeOf(draft)).toBe(Object.prototype);
    expect(getIn(draft, ['serviceModel', 'byModel', key, 'ms'])).toBe(3);
    expect(Object.keys(getIn(draft, ['serviceModel', 'byModel']) as object)).toEqual([key]);
    expect(getIn({}, [key])).toBeUndefined();
  });

  it('parsePath reads back a quoted key', () => {
    expect(parsePath('serviceModel.byModel["custom:a.onnx"].ms')).toEqual(['serviceModel', 'byModel', 'custom:a.onnx', 'ms']);
  });
});
