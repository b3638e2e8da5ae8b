// The `npm run analyze` command, minus the file system: arguments in, report or field-named errors out.
import { parseExperimentJson, type ConfigIssue } from '../experiment/parse';
import type { CliResult, ReadText } from '../sim/cli';
import { ANALYZE_USAGE, parseAnalyzeArgs } from './analyze-args';
import { analysisToCsv } from './analysis-csv';
import { analyzeExperiment } from './analyze-report';

const formatIssue = (file: string, issue: ConfigIssue): string => (issue.path === '' ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`);

/**
 * Runs the analyze command: `args` are the arguments after `--`. Prints one JSON report (2-space
 * indent), or with `--csv` the report's tables. Bad arguments: one stderr line per problem naming the
 * flag, then the usage; a bad file: one line per problem `FILE: path: message`. Exit code 2 for both.
 */
export function runAnalyzeCli(args: readonly string[], readText: ReadText): CliResult {
  const parsed = parseAnalyzeArgs(args);
  if (!parsed.ok) return { exitCode: 2, stdout: '', stderr: [...parsed.issues.map((i) => `${i.path}: ${i.message}`), ANALYZE_USAGE] };
  const { file, sloRate, policies, pricePerHour, csv, plan } = parsed.settings;
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: [`${file}: cannot read the file: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const experiment = parseExperimentJson(text);
  if (!experiment.ok) return { exitCode: 2, stdout: '', stderr: experiment.issues.map((i) => formatIssue(file, i)) };
  const analysed = analyzeExperiment({
    experiment: experiment.experiment,
    serviceTimeSource: "assumed: the file's service model (serviceModel)",
    sloRate,
    policies,
    pricePerHour,
    plan,
  });
  if (!analysed.ok) return { exitCode: 2, stdout: '', stderr: analysed.issues.map((i) => formatIssue(file, i)) };
  return { exitCode: 0, stdout: csv ? analysisToCsv(analysed.report) : `${JSON.stringify(analysed.report, null, 2)}\n`, stderr: [] };
}
