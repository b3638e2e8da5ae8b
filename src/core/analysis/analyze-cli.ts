// The `npm run analyze` command, minus the file system: arguments in, report or field-named errors out.
import { parseExperimentJson, type ConfigIssue } from '../experiment/parse';
import type { Tenant } from '../experiment/schema';
import type { CliResult, ReadText } from '../sim/cli';
import { ANALYZE_USAGE, parseAnalyzeArgs } from './analyze-args';
import { analysisToCsv } from './analysis-csv';
import { analyzeExperiment } from './analyze-report';
import { tritonRepository, type ModelIo, type RepositoryFile } from './triton-export';

/** The command's output, plus the files `--triton DIR` asks it to write (paths start with DIR). */
export interface AnalyzeCliResult extends CliResult {
  readonly files: readonly RepositoryFile[];
}

const formatIssue = (file: string, issue: ConfigIssue): string => (issue.path === '' ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`);

/**
 * Runs the analyze command: `args` are the arguments after `--`. Prints one JSON report (2-space
 * indent), or with `--csv` the report's tables. Bad arguments: one stderr line per problem naming the
 * flag, then the usage; a bad file: one line per problem `FILE: path: message`. Exit code 2 for both.
 */
export function runAnalyzeCli(args: readonly string[], readText: ReadText, io: (tenant: Tenant) => ModelIo | null = () => null): AnalyzeCliResult {
  const fail = (stderr: string[]): AnalyzeCliResult => ({ exitCode: 2, stdout: '', stderr, files: [] });
  const parsed = parseAnalyzeArgs(args);
  if (!parsed.ok) return fail([...parsed.issues.map((i) => `${i.path}: ${i.message}`), ANALYZE_USAGE]);
  const { file, sloRate, policies, pricePerHour, csv, plan, tritonDir } = parsed.settings;
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    return fail([`${file}: cannot read the file: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const experiment = parseExperimentJson(text);
  if (!experiment.ok) return fail(experiment.issues.map((i) => formatIssue(file, i)));
  const analysed = analyzeExperiment({
    experiment: experiment.experiment,
    serviceTimeSource: "assumed: the file's service model (serviceModel)",
    sloRate,
    policies,
    pricePerHour,
    plan,
  });
  if (!analysed.ok) return fail(analysed.issues.map((i) => formatIssue(file, i)));
  const stdout = csv ? analysisToCsv(analysed.report) : `${JSON.stringify(analysed.report, null, 2)}\n`;
  if (tritonDir === null) return { exitCode: 0, stdout, stderr: [], files: [] };
  const planned = analysed.report.plan?.plan ?? null;
  const exported = planned?.experiment ?? experiment.experiment;
  const description = planned === null ? `${file} as given` : `the planner's plan for ${file} (${planned.label})`;
  const repo = tritonRepository(exported, exported.serviceModel, { sloRate, io, description });
  if (!repo.ok) return fail(repo.issues.map((i) => formatIssue(file, i)));
  const files = repo.files.map((f) => ({ path: `${tritonDir.replace(/\/+$/, '')}/${f.path}`, text: f.text }));
  return { exitCode: 0, stdout, stderr: [`wrote a Triton model repository (${description}) to ${tritonDir}: ${String(files.length)} files`], files };
}
