// `npm run simulate -- EXPERIMENT.json [--csv]`: runs an experiment in the discrete-event simulator, no browser needed.
import { readFileSync } from 'node:fs';
import { runSimulateCli } from '../src/core/sim/cli';

const result = runSimulateCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
process.stdout.write(result.stdout);
for (const line of result.stderr) process.stderr.write(`${line}\n`);
process.exitCode = result.exitCode;
