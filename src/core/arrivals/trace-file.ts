// Parses a trace file (one arrival timestamp per line) into the timestampsMs of a `trace` arrival process.
import type { ConfigIssue } from '../experiment/parse';

/** How to read a trace file. */
export interface TraceFileOptions {
  /** Unit of the numbers in the file (default 'ms'). */
  readonly unit?: 'ms' | 's';
  /** Shift every timestamp so that the first is 0 (default true: traces often hold epoch times). */
  readonly rebase?: boolean;
}

/** The outcome of reading a trace file: timestamps in ms, or issues whose path names the line (`line 7`). */
export type TraceParseResult =
  | { readonly ok: true; readonly timestampsMs: number[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Reads a trace: one timestamp per line, non-decreasing; from a CSV line only the first column is
 * read. Blank lines and lines starting with '#' are skipped, and so is a first line that is not a
 * number (a header). Any other line that is not a finite number >= 0 is an issue naming its line.
 */
export function parseTraceText(text: string, options: TraceFileOptions = {}): TraceParseResult {
  const scale = (options.unit ?? 'ms') === 's' ? 1000 : 1;
  const issues: ConfigIssue[] = [];
  const values: number[] = [];
  let seenContent = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const field = (line.split(/[,;\t]/)[0] ?? '').trim();
    const value = field === '' ? NaN : Number(field);
    const isHeader = !seenContent && Number.isNaN(value);
    seenContent = true;
    if (isHeader) return;
    const where = `line ${String(i + 1)}`;
    if (!Number.isFinite(value) || value < 0) {
      issues.push({ path: where, message: `expected a timestamp >= 0, got '${field}'` });
      return;
    }
    const prev = values[values.length - 1];
    if (prev !== undefined && value * scale < prev) {
      issues.push({ path: where, message: `expected non-decreasing timestamps (${field} comes after a later one)` });
      return;
    }
    values.push(value * scale);
  });
  if (issues.length > 0) return { ok: false, issues };
  const first = values[0];
  if (first === undefined) return { ok: false, issues: [{ path: '', message: 'expected at least one timestamp' }] };
  return { ok: true, timestampsMs: options.rebase === false ? values : values.map((v) => v - first) };
}
