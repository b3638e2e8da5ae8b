// Validation entry points for an Experiment: unknown value or JSON text in, typed result or field-named issues out.
import { errorMessage } from '../error-message';
import type { z } from 'zod';
import { parseJsonValue } from './json-text';
import { formatPath, quoteName } from './quote';
import { ExperimentSchema, type Experiment } from './schema';

export { formatPath, quoteName } from './quote';

/** Most issues one validation reports; past it one more issue says how many were left out. */
export const MAX_ISSUES = 20;

/** One problem with user input: `path` names the field (e.g. `tenants[1].arrival.rate.value`, '' for the root). */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** The outcome of validating an experiment; never throws for bad input. */
export type ParseResult = { readonly ok: true; readonly experiment: Experiment } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** The first {@link MAX_ISSUES} issues, and one more saying how many are not shown (a file with 100k bad items stays readable). */
export function capIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  if (issues.length <= MAX_ISSUES) return [...issues];
  return [...issues.slice(0, MAX_ISSUES), { path: '', message: `${String(issues.length - MAX_ISSUES)} more problems not shown` }];
}

/** A zod error as field-named issues, at most {@link MAX_ISSUES} (plus a count of the rest). */
export function issuesFromZod(error: z.ZodError): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  let total = 0;
  for (const issue of error.issues) {
    // Name each unknown key as its own field, so a typo points at itself.
    const each = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' })) : [{ path: formatPath(issue.path), message: issue.message }];
    for (const one of each) {
      if (total++ < MAX_ISSUES) issues.push(one);
    }
  }
  return total > MAX_ISSUES ? [...issues, { path: '', message: `${String(total - MAX_ISSUES)} more problems not shown` }] : issues;
}

/**
 * `schema.safeParse`, never throwing: zod spreads long issue lists into function arguments, so an input the
 * length caps missed could overflow the stack; that ends as one issue at the root instead.
 */
export function safeParseWith<T>(schema: z.ZodType<T>, json: unknown): { readonly ok: true; readonly data: T } | { readonly ok: false; readonly issues: ConfigIssue[] } {
  try {
    const result = schema.safeParse(json);
    return result.success ? { ok: true, data: result.data } : { ok: false, issues: issuesFromZod(result.error) };
  } catch (error) {
    const reason = errorMessage(error);
    return { ok: false, issues: [{ path: '', message: `cannot validate this input (${quoteName(reason, 80)})` }] };
  }
}

/**
 * Validates a parsed JSON value as an Experiment. Fields with defaults may be omitted; bad values are
 * reported, never rewritten; unknown fields are errors.
 */
export function parseExperiment(json: unknown): ParseResult {
  const result = safeParseWith(ExperimentSchema, json);
  return result.ok ? { ok: true, experiment: result.data } : result;
}

/**
 * JSON text parsed (a leading UTF-8 byte-order mark is skipped), or its syntax error as one issue at
 * path '': `invalid JSON at line L, column C: reason`, on one line. Never throws.
 */
export function parseJsonText(text: string): { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const parsed = parseJsonValue(text);
  return parsed.ok ? parsed : { ok: false, issues: [{ path: '', message: parsed.message }] };
}

/** Like {@link parseExperiment} but from JSON text; a syntax error is an issue at path ''. */
export function parseExperimentJson(text: string): ParseResult {
  const parsed = parseJsonText(text);
  return parsed.ok ? parseExperiment(parsed.json) : parsed;
}

/** Pretty JSON (2-space indent) of an experiment; `parseExperimentJson` of it gives an equal experiment. */
export function experimentToJson(experiment: Experiment): string {
  return JSON.stringify(experiment, null, 2);
}
