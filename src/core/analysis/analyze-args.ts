// Parsing `npm run analyze` arguments: the file, the SLO rate, the policies, the price, the outputs.
import type { ConfigIssue } from '../experiment/parse';
import { POLICIES, type PolicyName } from '../experiment/schema';

export const ANALYZE_USAGE = 'usage: npm run analyze -- EXPERIMENT.json [--slo-rate 0.99] [--policies all|fcfs,edf,...] [--price-per-hour P] [--plan] [--triton DIR] [--csv]';

/** What the command was asked to do. */
export interface AnalyzeSettings {
  readonly file: string;
  /** Share of each tenant's requests within its SLO, in (0, 1). */
  readonly sloRate: number;
  readonly policies: readonly PolicyName[];
  /** Device price per hour; undefined: the default with its stated source. */
  readonly pricePerHour: number | undefined;
  readonly csv: boolean;
  /** Also run the planner. */
  readonly plan: boolean;
  /** Folder to write a Triton model repository into (the plan's, else the experiment's); null: none. */
  readonly tritonDir: string | null;
}

export type ParsedArgs = { readonly ok: true; readonly settings: AnalyzeSettings } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

const VALUE_FLAGS = ['--slo-rate', '--policies', '--price-per-hour', '--triton'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];
const isValueFlag = (s: string): s is ValueFlag => (VALUE_FLAGS as readonly string[]).includes(s);
const isPolicy = (s: string): s is PolicyName => (POLICIES as readonly string[]).includes(s);

/** A decimal number as typed (no hex, no blanks, no Infinity); NaN otherwise. */
function parseDecimal(text: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * Parses the arguments after `--`. Flags take `--flag value` or `--flag=value`; each problem is one
 * issue whose path names the flag (or `file`). Never throws.
 */
export function parseAnalyzeArgs(args: readonly string[]): ParsedArgs {
  const issues: ConfigIssue[] = [];
  const values = new Map<ValueFlag, string>();
  const files: string[] = [];
  let csv = false;
  let plan = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--csv' || name === '--plan') {
      if (name !== arg) issues.push({ path: name, message: 'takes no value' });
      if (name === '--csv') csv = true;
      else plan = true;
    } else if (isValueFlag(name)) {
      const value = name !== arg ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) issues.push({ path: name, message: 'expected a value after it' });
      else if (values.has(name)) issues.push({ path: name, message: 'given more than once' });
      else values.set(name, value);
    } else if (arg.startsWith('-') && arg !== '-') {
      issues.push({ path: name, message: 'unknown option' });
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) issues.push({ path: 'file', message: files.length === 0 ? 'expected an experiment file' : `expected one experiment file, got ${String(files.length)}` });

  let sloRate = 0.99;
  const sloText = values.get('--slo-rate');
  if (sloText !== undefined) {
    sloRate = parseDecimal(sloText);
    if (!(sloRate > 0 && sloRate < 1)) issues.push({ path: '--slo-rate', message: `expected a number in (0, 1), e.g. 0.99, got '${sloText}'` });
  }
  let policies: PolicyName[] = [...POLICIES];
  const policyText = values.get('--policies');
  if (policyText !== undefined && policyText !== 'all') {
    const names = policyText.split(',');
    const unknown = names.filter((n) => !isPolicy(n));
    if (unknown.length > 0 || names.length === 0) issues.push({ path: '--policies', message: `expected 'all' or a comma-separated list of ${POLICIES.join(', ')}; unknown: '${unknown.join("', '")}'` });
    else policies = [...new Set(names.filter(isPolicy))];
  }
  let pricePerHour: number | undefined;
  const priceText = values.get('--price-per-hour');
  if (priceText !== undefined) {
    pricePerHour = parseDecimal(priceText);
    if (!(Number.isFinite(pricePerHour) && pricePerHour > 0)) issues.push({ path: '--price-per-hour', message: `expected a price above 0, got '${priceText}'` });
  }
  const tritonDir = values.get('--triton') ?? null;
  if (tritonDir === '') issues.push({ path: '--triton', message: 'expected a folder name' });
  const file = files[0];
  if (issues.length > 0 || file === undefined) return { ok: false, issues };
  return { ok: true, settings: { file, sloRate, policies, pricePerHour, csv, plan, tritonDir } };
}
