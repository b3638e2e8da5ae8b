// The `npm run simulate` command, minus the file system: arguments in, report or field-named errors out.
import { errorMessage } from '../error-message';
import { parseExperimentJson, quoteName, type ConfigIssue } from '../experiment/parse';
import { reportToCsv } from './report-csv';
import { simulateExperiment } from './simulate-experiment';
import { DEFAULT_WORK_BUDGET, type WorkBudget } from './work-budget';

export const SIMULATE_USAGE = 'usage: npm run simulate -- EXPERIMENT.json [--csv] [--max-requests N] [--max-queued N]';

/** Largest work budget a flag may set (beyond it a run would take days). */
export const MAX_BUDGET_FLAG = 1e12;

/** What the command prints and its exit status (0 ok, 2 bad usage or bad input, 3 stopped at the work budget with a partial report). */
export interface CliResult {
  readonly exitCode: 0 | 2 | 3;
  readonly stdout: string;
  /** Lines for stderr. */
  readonly stderr: readonly string[];
}

/** Reads a file as UTF-8 text; throws with the reason when it cannot. */
export type ReadText = (path: string) => string;

const formatIssue = (file: string, issue: ConfigIssue): string => (issue.path === '' ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`);

const BUDGET_FLAGS = { '--max-requests': 'maxRequests', '--max-queued': 'maxQueued' } as const;
type BudgetFlag = keyof typeof BUDGET_FLAGS;
const isBudgetFlag = (arg: string): arg is BudgetFlag => Object.hasOwn(BUDGET_FLAGS, arg);

type ParsedArgs = { readonly ok: true; readonly file: string; readonly csv: boolean; readonly budget: WorkBudget } | { readonly ok: false; readonly stderr: readonly string[] };

function parseArgs(args: readonly string[]): ParsedArgs {
  let csv = false;
  const budget: { -readonly [K in keyof WorkBudget]: number } = { ...DEFAULT_WORK_BUDGET };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--csv') csv = true;
    else if (isBudgetFlag(arg)) {
      const text = args[++i];
      const value = Number(text);
      if (text === undefined || !/^\d+(e\d+)?$/.test(text) || !Number.isSafeInteger(value) || value < 1 || value > MAX_BUDGET_FLAG) {
        return { ok: false, stderr: [`${arg}: expected a whole number from 1 to ${String(MAX_BUDGET_FLAG)}, got ${text === undefined ? 'nothing' : quoteName(text)}`, SIMULATE_USAGE] };
      }
      budget[BUDGET_FLAGS[arg]] = value;
    } else if (arg.startsWith('-')) return { ok: false, stderr: [`unknown option ${quoteName(arg)}`, SIMULATE_USAGE] };
    else files.push(arg);
  }
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) return { ok: false, stderr: [SIMULATE_USAGE] };
  return { ok: true, file, csv, budget };
}

/**
 * Runs the simulate command: `args` are the arguments after `--`. Prints one JSON
 * report (2-space indent), or with `--csv` a table (see reportToCsv). Each problem
 * with the file is one stderr line `FILE: path: message`, exit code 2. A run that
 * reaches its work budget (`--max-requests`, `--max-queued`) prints the partial
 * report, one stderr line saying where it stopped, and exits 3.
 */
export function runSimulateCli(args: readonly string[], readText: ReadText): CliResult {
  const parsedArgs = parseArgs(args);
  if (!parsedArgs.ok) return { exitCode: 2, stdout: '', stderr: parsedArgs.stderr };
  const { file, csv, budget } = parsedArgs;
  const shown = /^[\x21-\x7e]{1,200}$/.test(file) ? file : quoteName(file, 120);
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    const reason = errorMessage(error);
    return { exitCode: 2, stdout: '', stderr: [`${shown}: cannot read the file: ${reason.slice(0, 300)}`] };
  }
  const parsed = parseExperimentJson(text);
  if (!parsed.ok) return { exitCode: 2, stdout: '', stderr: parsed.issues.map((i) => formatIssue(shown, i)) };
  const simulated = simulateExperiment(parsed.experiment, budget);
  if (!simulated.ok) return { exitCode: 2, stdout: '', stderr: simulated.issues.map((i) => formatIssue(shown, i)) };
  const report = simulated.report;
  const stdout = csv ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  if (report.stopped !== null) return { exitCode: 3, stdout, stderr: [`${shown}: ${report.stopped.message}`] };
  return { exitCode: 0, stdout, stderr: [] };
}
