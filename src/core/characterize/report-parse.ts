// Opening a report.json: text in, a validated report or ONE line naming the first bad field out. Never throws.
import { issuesFromZod, parseJsonText, safeParseWith } from '../experiment/parse';
import { ReportSchema, type CharacterizeReport } from './report-schema';

export { issuesFromZod };

/** The outcome of opening a report: the report, or one line saying which field is wrong and why. */
export type ReportParseResult = { readonly ok: true; readonly report: CharacterizeReport } | { readonly ok: false; readonly error: string };

/** Validates a parsed JSON value as a report; the error names the first bad field (`cells[2].mode: ...`). */
export function parseReport(json: unknown): ReportParseResult {
  const result = safeParseWith(ReportSchema, json);
  if (result.ok) return { ok: true, report: result.data };
  const first = result.issues[0];
  const more = result.issues.length > 1 ? ` (and ${String(result.issues.length - 1)} more)` : '';
  const where = first === undefined || first.path === '' ? 'report' : first.path;
  return { ok: false, error: oneLine(`${where}: ${first?.message ?? 'invalid report'}${more}`) };
}

/** Like {@link parseReport}, from the text of a report.json (a syntax error gives its line and column). */
export function parseReportJson(text: string): ReportParseResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, error: oneLine(`report.json: ${parsed.issues[0]?.message ?? 'invalid JSON'}`) };
  return parseReport(parsed.json);
}

/** Pretty JSON of a report (2-space indent); parseReportJson of it gives an equal report. */
export function reportToJson(report: CharacterizeReport): string {
  return JSON.stringify(report, null, 2);
}

/** At most 300 characters on one line (control characters as spaces). */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
