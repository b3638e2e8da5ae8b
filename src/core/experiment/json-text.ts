// JSON text in, value or one-line error out: a UTF-8 byte-order mark is accepted, a syntax error gives line and column.

/** Where JSON.parse failed: 1-based line and column (UTF-16 code units) of the first bad character. */
export interface JsonErrorAt {
  readonly line: number;
  readonly column: number;
}

/** Most characters of the parser's own reason kept in the message. */
const MAX_REASON_CHARS = 80;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const HEX = /^[0-9a-fA-F]{4}$/;

/**
 * Offset of the first character where `text` stops being JSON (RFC 8259), or -1 when it is valid.
 * Iterative (an explicit stack), so a million nested brackets cost memory, not the call stack.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: number[] = []; // 0: in an array, 1: in an object
  let i = 0;
  const skip = (): void => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };
  /** Scans a string from its opening quote; false with i at the bad character. */
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!HEX.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (i < n && isDigit(text.charCodeAt(i))) while (i < n && isDigit(text.charCodeAt(i))) i++;
    else return false;
    if (text[i] === '.') {
      i++;
      if (!(i < n && isDigit(text.charCodeAt(i)))) return false;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!(i < n && isDigit(text.charCodeAt(i)))) return false;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    return true;
  };
  /** An object key and its colon; false with i at the bad character. */
  const key = (): boolean => {
    skip();
    if (text[i] !== '"' || !string()) return false;
    skip();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  for (;;) {
    // Expecting a value.
    skip();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skip();
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c === '{' ? 1 : 0);
        if (c === '{' && !key()) return i;
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (c === '-' || (c !== undefined && isDigit(c.charCodeAt(0)))) {
      if (!number()) return i;
    } else {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : '';
      if (word === '') return i;
      for (const w of word) {
        if (text[i] !== w) return i;
        i++;
      }
    }
    // After a value: a comma, a closing bracket, or the end.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) return i === n ? -1 : i;
      const d = text[i];
      if (d === ',') {
        i++;
        if (top === 1 && !key()) return i;
        break;
      }
      if (d !== (top === 1 ? '}' : ']')) return i;
      i++;
      stack.pop();
    }
  }
}

/** Line and column of `offset` in `text` (1-based). */
export function lineColumnAt(text: string, offset: number): JsonErrorAt {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The parser's reason without its position or its echo of the text, on one line, short. */
function reasonOf(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const head = raw.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  // Control characters (V8 quotes the offending one raw) as \uXXXX, so the message stays on one line.
  let oneLine = '';
  for (const ch of head.slice(0, MAX_REASON_CHARS + 1)) {
    const code = ch.charCodeAt(0);
    oneLine += code < 0x20 || code === 0x2028 || code === 0x2029 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return oneLine.length > MAX_REASON_CHARS ? `${oneLine.slice(0, MAX_REASON_CHARS)}…` : oneLine;
}

/** JSON text parsed, or one line `invalid JSON at line L, column C: reason`. A leading UTF-8 BOM is skipped. Never throws. */
export function parseJsonValue(text: string): { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly message: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch (error) {
    const offset = jsonErrorOffset(body);
    const { line, column } = lineColumnAt(body, offset === -1 ? body.length : offset);
    return { ok: false, message: `invalid JSON at line ${String(line)}, column ${String(column)}: ${reasonOf(error)}` };
  }
}
