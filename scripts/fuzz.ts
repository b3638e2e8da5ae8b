// `npm run fuzz -- [--runs N] [--seed S] [--target NAME]`: the long fuzz run of every entry point, with counts and times.
import { fuzz, type FuzzCounts } from '../tooling/fuzz/runner';
import { FUZZ_TARGETS } from '../tooling/fuzz/targets';

const USAGE = 'usage: npm run fuzz -- [--runs N] [--seed S] [--target experiment-json|url-hash|simulate-cli|onnx-bytes|onnx-model|run-file]';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : (process.argv[at + 1] ?? '');
}

const runs = Number(option('--runs', '1000'));
const seed = Number(option('--seed', String(Date.now() % 2 ** 31)));
const only = option('--target', '');
const targets = FUZZ_TARGETS.filter((t) => only === '' || t.name === only);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed) || targets.length === 0) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

process.stdout.write(`fuzz: ${String(runs)} inputs per target, seed ${String(seed)}\n`);
const results: FuzzCounts[] = [];
let failed = false;
for (const target of targets) {
  try {
    const counts = fuzz(target as Parameters<typeof fuzz>[0], runs, seed);
    results.push(counts);
    process.stdout.write(`${counts.name.padEnd(16)} accepted ${String(counts.accepted).padStart(6)}  refused ${String(counts.refused).padStart(6)}  ${(counts.ms / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failed = true;
    process.stdout.write(`${target.name.padEnd(16)} FAILED (rerun with --target ${target.name} --seed ${String(seed)})\n`);
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error) process.stderr.write(`cause: ${cause.name}: ${cause.message}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
