// errorMessage: one line, no stack, for anything thrown; causes once; cyclic values never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGE_MAX_CHARS, errorMessage, toError } from './error-message';

const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;
const cyclicCause = new Error('outer');
cyclicCause.cause = cyclicCause;
const domLike = Object.assign(new Error('the adapter went away'), { name: 'OperationError' });

describe('errorMessage', () => {
  it.each<[string, unknown, string]>([
    ['an Error', new Error('no backend found'), 'no backend found'],
    ['an Error with an empty message', new TypeError(''), 'TypeError'],
    ['a string', 'plain words', 'plain words'],
    ['a number', 42, '42'],
    ['an object', { code: 7 }, '{"code":7}'],
    ['an object with a message', { message: 'from another realm' }, 'from another realm'],
    ['an empty object', {}, '[object Object]'],
    ['null', null, 'unknown error (null)'],
    ['undefined', undefined, 'unknown error (undefined)'],
    ['a cyclic object', cyclic, '[object Object]'],
    ['an error with a cause', new Error('prepare failed', { cause: new Error('out of memory') }), 'prepare failed (cause: out of memory)'],
    ['an error quoting its cause', new Error('vgg16@224: out of memory', { cause: new Error('out of memory') }), 'vgg16@224: out of memory'],
    ['a cause that is a string', new Error('load failed', { cause: 'bad bytes' }), 'load failed (cause: bad bytes)'],
    ['a cyclic cause chain', cyclicCause, 'outer'],
    ['a multi-line message', new Error('line one\n  line two  \n\nline three'), 'line one / line two / line three'],
    ['an empty string', '', 'unknown error (empty message)'],
  ])('%s', (_name, error, expected) => {
    expect(errorMessage(error)).toBe(expected);
  });

  it('never includes the stack', () => {
    const error = new Error('short');
    expect(error.stack).toContain('error-message.test');
    expect(errorMessage(error)).toBe('short');
  });

  it('names the error on request', () => {
    expect(errorMessage(domLike, { withName: true })).toBe('OperationError: the adapter went away');
    expect(errorMessage(new Error('x'), { withName: true })).toBe('Error: x');
    expect(errorMessage('text', { withName: true })).toBe('text');
  });

  it('caps very long messages', () => {
    const text = errorMessage(new Error('x'.repeat(ERROR_MESSAGE_MAX_CHARS * 2)));
    expect(text).toHaveLength(ERROR_MESSAGE_MAX_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });

  it('gives one non-empty line for anything (fuzz)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (value, text) => {
        for (const error of [value, new Error(text, { cause: value })]) {
          const message = errorMessage(error);
          expect(message).not.toMatch(/[\r\n]/);
          expect(message.length).toBeGreaterThan(0);
          expect(message.length).toBeLessThanOrEqual(ERROR_MESSAGE_MAX_CHARS);
        }
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  });
});

describe('toError', () => {
  it('keeps an Error and wraps anything else with its message', () => {
    const error = new Error('same');
    expect(toError(error)).toBe(error);
    expect(toError('text')).toMatchObject({ message: 'text', cause: 'text' });
  });
});
