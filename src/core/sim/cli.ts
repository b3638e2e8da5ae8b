// The `npm run simulate` command, minus the file system: arguments in, report or field-named errors out.
import { parseExperimentJson, type ConfigIssue } from '../experiment/parse';
import { reportToCsv } from './report-csv';
import { simulateExperiment } from './simulate-experiment';

export const SIMULATE_USAGE = 'usage: npm run simulate -- EXPERIMENT.json [--csv]';

/** What the command prints and its exit status (0 ok, 2 bad usage or bad input). */
export interface CliResult {
  readonly exitCode: 0 | 2;
  readonly stdout: string;
  /** Lines for stderr. */
  readonly stderr: readonly string[];
}

/** Reads a file as UTF-8 text; throws with the reason when it cannot. */
export type ReadText = (path: string) => string;

const formatIssue = (file: string, issue: ConfigIssue): string => (issue.path === '' ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`);

/**
 * Runs the simulate command: `args` are the arguments after `--`. Prints one JSON
 * report (2-space indent), or with `--csv` a table (see reportToCsv). Each problem
 * with the file is one stderr line `FILE: path: message`, exit code 2.
 */
export function runSimulateCli(args: readonly string[], readText: ReadText): CliResult {
  const csv = args.includes('--csv');
  const rest = args.filter((a) => a !== '--csv');
  const unknown = rest.filter((a) => a.startsWith('-'));
  if (unknown.length > 0) return { exitCode: 2, stdout: '', stderr: [`unknown option ${unknown.join(', ')}`, SIMULATE_USAGE] };
  const [file, ...extra] = rest;
  if (file === undefined || extra.length > 0) return { exitCode: 2, stdout: '', stderr: [SIMULATE_USAGE] };
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: [`${file}: cannot read the file: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = parseExperimentJson(text);
  if (!parsed.ok) return { exitCode: 2, stdout: '', stderr: parsed.issues.map((i) => formatIssue(file, i)) };
  const simulated = simulateExperiment(parsed.experiment);
  if (!simulated.ok) return { exitCode: 2, stdout: '', stderr: simulated.issues.map((i) => formatIssue(file, i)) };
  const stdout = csv ? reportToCsv(simulated.report) : `${JSON.stringify(simulated.report, null, 2)}\n`;
  return { exitCode: 0, stdout, stderr: [] };
}
