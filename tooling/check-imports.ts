// `npm run lint` step: the page bundle must not pull in worker-only modules (rules in import-graph.ts). Exit 1 with one line per problem.
import { bundleViolations, PAGE_RULES, readSources } from './import-graph';

const PAGE_ENTRY = 'src/main.tsx';
const problems = bundleViolations(readSources(process.cwd()), PAGE_ENTRY, PAGE_RULES);
for (const problem of problems) console.error(`check-imports: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`check-imports: the page bundle (${PAGE_ENTRY}) pulls in no worker-only module`);
