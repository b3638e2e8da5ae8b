// The simulate command in-process: every example file runs and balances; bad input gives field-named lines and exit 2.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExperimentJson } from '../experiment/parse';
import { CSV_COLUMNS } from './report-csv';
import { runSimulateCli } from './cli';
import type { SimReport } from './simulate-experiment';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES, f));
const readText = (path: string): string => readFileSync(path, 'utf8');

describe('npm run simulate on every examples/*.json', () => {
  it('finds the example files', () => {
    expect(files.map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['rt-vs-be.json', 'server-poisson.json', 'three-tenant-adaptive.json']));
  });

  it.each(files)('%s: a report with per-tenant metrics and a balanced ledger', (file) => {
    const result = runSimulateCli([file], readText);
    expect(result.stderr).toEqual([]);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as SimReport;
    const parsed = parseExperimentJson(readText(file));
    if (!parsed.ok) throw new Error('example must be valid');
    const ids = parsed.experiment.tenants.map((t) => t.id);
    expect(Object.keys(report.perTenant)).toEqual(ids);
    expect(report.ledgerChecks).toBeGreaterThan(1);
    let arrivals = 0;
    for (const id of ids) {
      const m = report.perTenant[id];
      if (m === undefined) throw new Error(`no metrics for ${id}`);
      const { ledger } = m;
      expect([ledger.queued, ledger.running]).toEqual([0, 0]); // drained
      expect(ledger.completed + ledger.dropped).toBe(ledger.arrivals);
      expect(m.measured.completed).toBeGreaterThan(100);
      expect(m.latencyMs.p99.value).toBeGreaterThan(0);
      arrivals += ledger.arrivals;
    }
    expect(report.overall.ledger.arrivals).toBe(arrivals);
    expect(report.simulatedRequests).toBe(arrivals);
  });

  it('--csv prints a header and one row per tenant plus overall', () => {
    const file = files.find((f) => f.endsWith('three-tenant-adaptive.json')) as string;
    const lines = runSimulateCli([file, '--csv'], readText).stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['resnet50', 'mobilenet', 'squeezenet', 'overall']);
    for (const line of lines) expect(line.split(',')).toHaveLength(CSV_COLUMNS.length);
  });
});

describe('npm run simulate on bad input', () => {
  const valid = readText(files[0] as string);
  const texts: Record<string, string> = {
    'bad-json.json': '{"schemaVersion": 1,',
    'bad-slo.json': valid.replace(/"sloMs": \d+/, '"sloMs": -5'),
    'no-service.json': JSON.stringify({ ...(JSON.parse(valid) as object), serviceModel: undefined }),
  };
  const fakeRead = (path: string): string => {
    const text = texts[path];
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return text;
  };

  it.each([
    [['missing.json'], "missing.json: cannot read the file: ENOENT: no such file or directory, open 'missing.json'"],
    [['bad-json.json'], /^bad-json\.json: invalid JSON at line \d+, column \d+: [^\n]+$/],
    [['bad-slo.json'], /^bad-slo\.json: tenants\[0\]\.sloMs: /],
    [['no-service.json'], 'no-service.json: serviceModel: expected a service model: the simulator needs service times per model'],
    [['--fast', 'x.json'], 'unknown option "--fast"'],
    [[], 'usage: npm run simulate -- EXPERIMENT.json [--csv] [--max-requests N] [--max-queued N]'],
  ] as const)('%j exits 2 with %s', (args, line) => {
    const result = runSimulateCli(args, fakeRead);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr[0]).toMatch(typeof line === 'string' ? new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : line);
  });
});
