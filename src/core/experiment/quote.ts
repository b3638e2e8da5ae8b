// User-chosen names (ids, keys, model names) as they appear in messages: quoted, escaped, truncated.

/** Most characters of a user-chosen name a message repeats; the rest is cut and marked with '…'. */
export const MAX_QUOTED_CHARS = 40;

/**
 * `name` in double quotes with JSON escapes (a newline shows as `\n`, so one problem stays on one line),
 * cut after `maxChars` characters (a 10 MB key gives a short message).
 */
export function quoteName(name: string, maxChars: number = MAX_QUOTED_CHARS): string {
  const quoted = name.length <= maxChars ? JSON.stringify(name) : `${JSON.stringify(name.slice(0, maxChars)).slice(0, -1)}…"`;
  // JSON.stringify leaves U+2028 and U+2029 raw, and they break lines too.
  return quoted.replace(/[\u2028\u2029]/g, (ch) => (ch === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** Object keys a path shows bare (`a.b`); any other key is quoted (`a["x.y"]`). */
const BARE_KEY = /^[A-Za-z0-9_$@:-]{1,64}$/;

/** Formats an issue path as `a.b[2].c`; keys that are not plain names become `["quoted"]` (see {@link quoteName}). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`;
    else if (typeof key === 'string' && BARE_KEY.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${quoteName(String(key))}]`;
  }
  return out;
}
