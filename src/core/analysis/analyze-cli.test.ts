// The analyze command in-process: every example file gives a report; bad flags and files give field-named lines and exit 2.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../experiment/schema';
import { ANALYZE_USAGE, parseAnalyzeArgs } from './analyze-args';
import { runAnalyzeCli } from './analyze-cli';
import type { AnalysisReport } from './analyze-report';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES, f));
const readText = (path: string): string => readFileSync(path, 'utf8');

describe('npm run analyze on every examples/*.json', () => {
  it.each(files)('%s: capacity, comparison, curves and cost', (file) => {
    const result = runAnalyzeCli([file, '--policies', 'fcfs,edf', '--slo-rate=0.95'], readText);
    expect(result.stderr).toEqual([]);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as AnalysisReport;
    expect(report.figures).toBe('simulated');
    expect(report.sloRate).toBe(0.95);
    expect(report.capacity.probes.length).toBeGreaterThan(0);
    expect(report.comparison.rows.map((r) => r.label)).toEqual([
      'fcfs, whole inference, time-sliced',
      `fcfs, ${String(report.comparison.blocks)} blocks, time-sliced`,
      'edf, whole inference, time-sliced',
      `edf, ${String(report.comparison.blocks)} blocks, time-sliced`,
      'concurrent lanes (per-lane FCFS)',
    ]);
    expect(report.curves.length).toBe(2 * report.experiment.tenants.length);
    expect(report.cost.priceSource).toMatch(/^assumed: AWS/);
    expect(report.plan).toBeNull();
  });

  it('--csv prints three tables under titles, and --price-per-hour sets the price', () => {
    const file = files.find((f) => f.endsWith('server-poisson.json')) as string;
    const result = runAnalyzeCli([file, '--csv', '--policies', 'fcfs', '--price-per-hour', '2.5'], readText);
    expect(result.exitCode).toBe(0);
    const titles = result.stdout.split('\n').filter((l) => l.startsWith('# '));
    expect(titles.map((t) => t.split(' ').slice(0, 3).join(' '))).toEqual(['# capacity per', '# SLO rate', '# cost of']);
    expect(result.stdout).toContain('shared,all,');
    expect(result.stdout).toContain(',2.5,');
    expect(result.stdout).toContain('(price: given by the user)');
  });

  it('--plan adds the planner: a plan meeting every SLO, or how far the load exceeds the device', () => {
    const file = files.find((f) => f.endsWith('server-poisson.json')) as string;
    const result = runAnalyzeCli([file, '--plan', '--policies', 'fcfs'], readText);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as AnalysisReport;
    const outcome = report.plan;
    if (outcome === null) throw new Error('--plan gives a plan section');
    expect((outcome.plan === null) !== (outcome.noFit === null)).toBe(true);
    expect(outcome.evaluated).toBeGreaterThan(50);
    const csv = runAnalyzeCli([file, '--plan', '--policies', 'fcfs', '--csv'], readText).stdout;
    expect(csv).toContain('# plan (predicted by the simulator)');
  });
});

describe('npm run analyze --triton', () => {
  it('returns the repository files under DIR: a config.pbtxt per tenant, perf_analyzer.sh and a README', () => {
    const file = files.find((f) => f.endsWith('rt-vs-be.json')) as string;
    const result = runAnalyzeCli([file, '--policies', 'fcfs', '--triton', 'out/repo/'], readText, () => null);
    expect(result.exitCode).toBe(0);
    expect(result.files.map((f) => f.path).sort()).toEqual(['out/repo/README.md', 'out/repo/camera/config.pbtxt', 'out/repo/perf_analyzer.sh', 'out/repo/training-eval/config.pbtxt']);
    expect(result.stderr[0]).toMatch(/^wrote a Triton model repository \(.* as given\) to out\/repo\/: 4 files$/);
    expect(runAnalyzeCli([file, '--triton='], readText).stderr[0]).toBe('--triton: expected a folder name');
  });
});

describe('npm run analyze on bad input', () => {
  const valid = readText(files[0] as string);
  const texts = new Map([
    ['bad-slo.json', valid.replace(/"sloMs": \d+/, '"sloMs": -5')],
    ['no-service.json', JSON.stringify({ ...(JSON.parse(valid) as object), serviceModel: undefined })],
  ]);
  const fakeRead = (path: string): string => {
    const text = texts.get(path);
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return text;
  };

  it.each([
    [['missing.json'], "missing.json: cannot read the file: ENOENT: no such file or directory, open 'missing.json'"],
    [['bad-slo.json'], /^bad-slo\.json: tenants\[0\]\.sloMs: /],
    [['no-service.json'], /^no-service\.json: serviceModel: expected a service model/],
    [['x.json', '--slo-rate', '1.5'], "--slo-rate: expected a number in (0, 1), e.g. 0.99, got '1.5'"],
    [['x.json', '--slo-rate'], '--slo-rate: expected a value after it'],
    [['x.json', '--policies', 'fcfs,lifo'], /^--policies: expected 'all' or a comma-separated list of .*; unknown: 'lifo'$/],
    [['x.json', '--price-per-hour', '0x10'], "--price-per-hour: expected a price above 0, got '0x10'"],
    [['x.json', '--fast'], '--fast: unknown option'],
    [['x.json', '--csv=yes'], '--csv: takes no value'],
    [[], 'file: expected an experiment file'],
    [['a.json', 'b.json'], 'file: expected one experiment file, got 2'],
  ] as const)('%j exits 2 with %s', (args, line) => {
    const result = runAnalyzeCli(args, fakeRead);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr[0]).toMatch(typeof line === 'string' ? new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : line);
  });

  it('lists every bad flag on a line of its own, then the usage', () => {
    const result = runAnalyzeCli(['--slo-rate', '0', '--price-per-hour', '-1'], fakeRead);
    expect(result.stderr.map((l) => l.split(':')[0])).toEqual(['file', '--slo-rate', '--price-per-hour', ANALYZE_USAGE.split(':')[0]]);
  });
});

describe('parseAnalyzeArgs (fuzz)', () => {
  const token = fc.oneof(
    fc.constantFrom('--slo-rate', '--policies', '--price-per-hour', '--csv', '--plan', '--plan=1', '--triton', '--triton=', '--slo-rate=0.9', '--policies=all', '-', '--', 'all', 'fcfs,edf', '0.99', 'NaN', '1e400', '__proto__'),
    fc.string(),
  );

  it('never throws on any argument list; every issue names a flag or the file', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (args) => {
        const parsed = parseAnalyzeArgs(args);
        if (parsed.ok) {
          expect(parsed.settings.sloRate).toBeGreaterThan(0);
          expect(parsed.settings.sloRate).toBeLessThan(1);
          expect(parsed.settings.policies.length).toBeGreaterThan(0);
        } else {
          expect(parsed.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.issues) expect(issue.path === 'file' || issue.path.startsWith('-')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads back any valid settings it is given', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.subarray([...POLICIES], { minLength: 1 }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.boolean(),
        (sloRate, policies, price, csv) => {
          const args = ['f.json', '--slo-rate', String(sloRate), `--policies=${policies.join(',')}`, '--price-per-hour', String(price), ...(csv ? ['--csv'] : [])];
          const parsed = parseAnalyzeArgs(args);
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
          expect(parsed.settings).toEqual({ file: 'f.json', sloRate, policies, pricePerHour: price, csv, plan: false, tritonDir: null });
        },
      ),
    );
  });
});
