// Validation entry points for an Experiment: unknown value or JSON text in, typed result or field-named issues out.
import type { z } from 'zod';
import { ExperimentSchema, type Experiment } from './schema';

/** One problem with user input: `path` names the field (e.g. `tenants[1].arrival.rate.value`, '' for the root). */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** The outcome of validating an experiment; never throws for bad input. */
export type ParseResult = { readonly ok: true; readonly experiment: Experiment } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Formats a zod issue path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function toIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      // Name each unknown key as its own field, so a typo points at itself.
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }));
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

/**
 * Validates a parsed JSON value as an Experiment. Fields with defaults may be omitted; bad values are
 * reported, never rewritten; unknown fields are errors.
 */
export function parseExperiment(json: unknown): ParseResult {
  const result = ExperimentSchema.safeParse(json);
  return result.success ? { ok: true, experiment: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** JSON text parsed, or its syntax error as an issue at path ''. Never throws. */
export function parseJsonText(text: string): { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
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
