// Tests for JSON text parsing: one-line errors with line and column, a UTF-8 BOM accepted, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumnAt, parseJsonValue } from './json-text';

describe('parseJsonValue', () => {
  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3, 1],
    ['a missing colon', '{"a" 1}', 1, 6],
    ['a bare word', 'xyz', 1, 1],
    ['a raw newline in a string', '{"a":\n"b\nc"}', 2, 3],
    ['empty text', '', 1, 1],
    ['an unclosed array', '[1,2', 1, 5],
    ['text after the value', '{"a":1}x', 1, 8],
    ['a broken literal', '{"a":tru}', 1, 9],
    ['a bad escape', '["\\x"]', 1, 3],
    ['a number without digits', '[-]', 1, 3],
  ])('reports %s on one line with line and column', (_name, text, line, column) => {
    const parsed = parseJsonValue(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(new RegExp(`^invalid JSON at line ${String(line)}, column ${String(column)}: `));
    expect(parsed.message).not.toMatch(/[\n\r]/);
  });

  it('accepts a UTF-8 byte-order mark before valid JSON', () => {
    expect(parseJsonValue('\uFEFF{"a":[1,2]}')).toEqual({ ok: true, json: { a: [1, 2] } });
  });

  it('keeps the message short when the text is huge (V8 echoes the text)', () => {
    const parsed = parseJsonValue(`${'x'.repeat(1_000_000)}`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeLessThan(200);
  });

  it('locates errors in deeply nested text without recursion', () => {
    const text = `${'['.repeat(200_000)}x`;
    expect(jsonErrorOffset(text)).toBe(200_000);
  });

  it('lineColumnAt counts lines from 1', () => {
    expect(lineColumnAt('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
  });

  it('agrees with JSON.parse on valid JSON and on damaged JSON (property)', () => {
    const damaged = fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 })).map(([text, at, insert]) => {
      const k = at % (text.length + 1);
      return text.slice(0, k) + insert + text.slice(k + 1);
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged, fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(text) === -1).toBe(valid);
        const parsed = parseJsonValue(text);
        expect(parsed.ok).toBe(valid);
        if (!parsed.ok) expect(parsed.message).toMatch(/^invalid JSON at line \d+, column \d+: [^\n\r]*$/);
      }),
      { numRuns: 500, seed: 15 },
    );
  });
});
