// `npm run simulate -- EXPERIMENT.json [--csv] [--max-requests N] [--max-queued N]`: runs an experiment in the discrete-event simulator, no browser needed.
import { readFileSync } from 'node:fs';
import { runSimulateCli } from '../src/core/sim/cli';

try {
  const result = runSimulateCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
  process.stdout.write(result.stdout);
  for (const line of result.stderr) process.stderr.write(`${line}\n`);
  process.exitCode = result.exitCode;
} catch (error) {
  // A bug, not bad input (the command refuses bad input itself): one line, never a stack trace.
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0] ?? '';
  process.stderr.write(`simulate: internal error: ${message.slice(0, 300)} (please report it with the file)\n`);
  process.exitCode = 1;
}
