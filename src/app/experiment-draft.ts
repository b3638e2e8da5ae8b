// The experiment editor's draft: values as typed, immutable path edits, validation issues mapped to fields.
import { formatPath, parseExperiment, type ConfigIssue, type Experiment } from '../core/experiment';

/** A field's location in the experiment, e.g. ['tenants', 1, 'sloMs'] (formatted `tenants[1].sloMs`). */
export type FieldPath = readonly (string | number)[];

/** The experiment as the user has typed it: plain JSON data, possibly invalid. */
export type Draft = Readonly<Record<string, unknown>>;

/** The editor's state: the draft, its issues, and the newest experiment that validated. */
export interface EditorState {
  readonly draft: Draft;
  readonly issues: readonly ConfigIssue[];
  /** The validated draft (defaults filled in), or null while the draft has issues. */
  readonly experiment: Experiment | null;
  /** The newest valid experiment; what the URL, export and Simulate use while the draft is invalid. */
  readonly lastValid: Experiment;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path`, or undefined where the path does not exist. */
export function getIn(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const key of path) {
    if (typeof key === 'number') node = Array.isArray(node) ? (node as unknown[])[key] : undefined;
    else node = isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  }
  return node;
}

/**
 * A copy of `root` with `value` at `path` (objects and arrays along the way are copied, never mutated).
 * `undefined` removes an object key; missing containers are created.
 */
export function setIn(root: unknown, path: FieldPath, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (typeof key === 'number') {
    const items = Array.isArray(root) ? [...(root as unknown[])] : [];
    items[key] = setIn(items[key], rest, value);
    return items;
  }
  const record: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  const next = setIn(Object.hasOwn(record, key) ? record[key] : undefined, rest, value);
  // defineProperty, not assignment: a user-chosen key such as `__proto__` must become a field, not the prototype.
  if (next === undefined) delete record[key];
  else Object.defineProperty(record, key, { value: next, enumerable: true, writable: true, configurable: true });
  return record;
}

/**
 * Text from a number input as the draft stores it: a finite number when the text is one, otherwise the
 * text itself, so that validation reports it and the input keeps showing what was typed.
 */
export function numberFromText(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : text;
}

/** The issue message for the user: zod's type errors on typed text say what was typed. */
function describe(draft: Draft, issue: ConfigIssue, path: FieldPath): string {
  const value = getIn(draft, path);
  if (typeof value === 'string' && /expected number/.test(issue.message)) {
    return value.trim() === '' ? 'expected a number (the field is empty)' : `expected a number, got '${value}'`;
  }
  return issue.message;
}

/** Validates the draft: issues carry the field path formatted like `tenants[1].sloMs`. */
export function validateDraft(draft: Draft, lastValid: Experiment): EditorState {
  const parsed = parseExperiment(draft);
  if (parsed.ok) return { draft, issues: [], experiment: parsed.experiment, lastValid: parsed.experiment };
  // Each issue path is mapped back to its keys so that the message can quote the typed value.
  const issues = parsed.issues.map((issue) => ({ path: issue.path, message: describe(draft, issue, parsePath(issue.path)) }));
  return { draft, issues, experiment: null, lastValid };
}

/** A formatted path (`tenants[1].sloMs`, `byModel["custom:a.onnx"]`) back to its keys; the inverse of formatPath for keys it did not cut. */
export function parsePath(path: string): FieldPath {
  const keys: (string | number)[] = [];
  for (const match of path.matchAll(/\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[3] !== undefined) keys.push(Number(match[3]));
    else if (match[1] !== undefined) keys.push(JSON.parse(match[1]) as string);
    else if (match[2] !== undefined) keys.push(match[2]);
  }
  return keys;
}

/** The messages of the issues exactly at `path`. */
export function issuesAt(issues: readonly ConfigIssue[], path: FieldPath): string[] {
  const key = formatPath(path);
  return issues.filter((issue) => issue.path === key).map((issue) => issue.message);
}

/** A new editor state for an experiment (a preset, an import, a hash). */
export function editorFor(experiment: Experiment): EditorState {
  return { draft: structuredClone(experiment), issues: [], experiment, lastValid: experiment };
}
