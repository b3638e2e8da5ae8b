// Experiments as URL hash fragments: base64url of the UTF-8 JSON, prefixed by a format tag.
import { errorMessage } from '../error-message';
import { parseExperimentJson, type ParseResult } from './parse';
import type { Experiment } from './schema';

/** Format tag at the start of a hash; lets a later encoding (e.g. compressed) coexist. */
const PREFIX = 'x1.';

/** Longest hash read, characters: Chromium's URL limit (2 MiB); a longer one cannot come from a link. */
export const MAX_HASH_CHARS = 2 * 1024 * 1024;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000; // String.fromCharCode's argument count is bounded.
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The experiment as a URL-safe hash fragment (without the leading '#'). */
export function experimentToHash(experiment: Experiment): string {
  return PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify(experiment)));
}

/** Decodes and validates a hash from {@link experimentToHash}; a leading '#' is accepted. Never throws. */
export function experimentFromHash(hash: string): ParseResult {
  if (hash.length > MAX_HASH_CHARS) {
    return { ok: false, issues: [{ path: '', message: `expected a hash of at most ${String(MAX_HASH_CHARS)} characters (a browser's URL limit), got ${String(hash.length)}` }] };
  }
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body.startsWith(PREFIX)) {
    return { ok: false, issues: [{ path: '', message: `expected a hash starting with '${PREFIX}'` }] };
  }
  const payload = body.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(payload)) {
    return { ok: false, issues: [{ path: '', message: 'expected base64url characters after the prefix' }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(payload));
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `undecodable hash: ${errorMessage(error)}` }] };
  }
  return parseExperimentJson(text);
}
