// `npm run analyze -- EXPERIMENT.json [...]`: capacity, policy comparison, SLO-vs-load curves and cost of sharing, simulated, no browser.
import { readFileSync } from 'node:fs';
import { runAnalyzeCli } from '../src/core/analysis/analyze-cli';

const result = runAnalyzeCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
process.stdout.write(result.stdout);
for (const line of result.stderr) process.stderr.write(`${line}\n`);
process.exitCode = result.exitCode;
