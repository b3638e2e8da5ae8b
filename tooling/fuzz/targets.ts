// Fuzz targets: every entry point that takes user input, each with its input generator and a check of its outcome.
import fc from 'fast-check';
import { exampleExperiment, experimentFromHash, experimentToHash, parseExperimentJson, type ConfigIssue } from '../../src/core/experiment';
import { parseCharacterizeArgs } from '../../src/core/characterize/characterize-args';
import { runSimulateCli } from '../../src/core/sim/cli';
import type { SimReport } from '../../src/core/sim/simulate-experiment';
import { RunController, type RunEngine } from '../../src/app/run/run-controller';
import { runToJson } from '../../src/app/run/run-file';
import { fixtureExperiment, fixtureUpdates } from '../../src/app/run/run-test-fixture';
import { inspectOnnx } from '../../src/zoo/inspect';
import { modelFacts } from '../../src/zoo/model-facts';
import { partitionOnnxModel } from '../../src/zoo/onnx-partition';
import { makeTestModel } from '../../src/zoo/onnx-test-models';
import { mutate, mutation, textDamage } from './hostile-values';
import { validExperiment } from './valid-experiment';

/** How one input ended: accepted, or refused with these message lines. */
export type Outcome = { readonly kind: 'accepted' } | { readonly kind: 'refused'; readonly lines: readonly string[] };

/** An entry point under fuzzing: inputs, and the call that must end in an Outcome without throwing. */
export interface FuzzTarget<T> {
  readonly name: string;
  readonly input: fc.Arbitrary<T>;
  /** Runs the entry point; throws (a failed property) when its outcome breaks a rule. */
  readonly run: (input: T) => Outcome;
}

/** Longest message line any entry point may print (names are cut at 40 characters). */
export const MAX_LINE_CHARS = 400;
/** Most lines one refusal may print (20 issues and a count of the rest). */
export const MAX_LINES = 21;
/** The work budget the simulate target runs under, so that every run ends quickly. */
export const FUZZ_BUDGET = { maxRequests: 20_000, maxQueued: 5_000 } as const;

/** The rules for a refusal: some lines, each one line, short, non-empty. */
export function checkLines(lines: readonly string[]): Outcome {
  if (lines.length === 0) throw new Error('refused without a message');
  if (lines.length > MAX_LINES) throw new Error(`refused with ${String(lines.length)} lines (most ${String(MAX_LINES)})`);
  for (const line of lines) {
    if (line.trim() === '') throw new Error('an empty message line');
    if (/[\n\r\u2028\u2029]/.test(line)) throw new Error(`a message over several lines: ${JSON.stringify(line.slice(0, 200))}`);
    if (line.length > MAX_LINE_CHARS) throw new Error(`a message line of ${String(line.length)} characters: ${JSON.stringify(line.slice(0, 200))}`);
  }
  return { kind: 'refused', lines };
}

const issueLines = (issues: readonly ConfigIssue[]): string[] => issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`));

/** A service model for the example's models, so that many generated experiments can be simulated. */
const SIMULATABLE = { ...exampleExperiment(), serviceModel: { byModel: { resnet18: { kind: 'fixed', ms: 2 }, resnet50: { kind: 'distribution', shape: 'lognormal', medianMs: 5, p99Ms: 9 } } } };

/** Experiment JSON text: the simulatable example, structurally mutated, then sometimes damaged as text. */
export const experimentText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(mutation, { minLength: 0, maxLength: 4 }), fc.option(textDamage, { freq: 4 }), fc.boolean()).map(([mutations, damage, pretty]) => {
      const text = JSON.stringify(mutate(SIMULATABLE, mutations), null, pretty ? 2 : undefined);
      return damage === null ? text : damage(text);
    }),
  },
  // Valid by construction up to the bounds (with `__proto__` and `constructor` as ids and model keys), sometimes mutated once.
  { weight: 1, arbitrary: fc.tuple(validExperiment, fc.option(mutation, { freq: 3 })).map(([e, m]) => JSON.stringify(m === null ? e : mutate(e, [m]))) },
);

export const experimentJsonTarget: FuzzTarget<string> = {
  name: 'experiment-json',
  input: fc.oneof({ weight: 8, arbitrary: experimentText }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }, { weight: 1, arbitrary: fc.json() }),
  run: (text) => {
    const parsed = parseExperimentJson(text);
    return parsed.ok ? { kind: 'accepted' } : checkLines(issueLines(parsed.issues));
  },
};

/** URL hashes: well-formed ones of generated experiments, and broken prefixes, alphabets and encodings. */
export const urlHashTarget: FuzzTarget<string> = {
  name: 'url-hash',
  input: fc.oneof(
    { weight: 5, arbitrary: experimentText.map((text) => `#x1.${Buffer.from(text, 'utf8').toString('base64url')}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 100 }).map((s) => `#x1.${s}`) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => `x1.${Buffer.from(bytes).toString('base64url')}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
    { weight: 1, arbitrary: fc.constant(experimentToHash(exampleExperiment())) },
  ),
  run: (hash) => {
    const parsed = experimentFromHash(hash);
    return parsed.ok ? { kind: 'accepted' } : checkLines(issueLines(parsed.issues));
  },
};

/** The simulate command: a generated file and arguments; a report must balance, stay in the budget, and say why it stopped. */
export const simulateCliTarget: FuzzTarget<{ readonly text: string; readonly args: readonly string[] }> = {
  name: 'simulate-cli',
  input: fc.record({
    text: experimentText,
    // Mostly no extra arguments, so that most generated files reach the simulator.
    args: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string[]>([]) },
      { weight: 1, arbitrary: fc.constant(['--csv']) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('--csv', '--max-requests', '--max-queued', '-x', '0', '1e13', 'extra.json', '7', '\n'), { maxLength: 3 }) },
    ),
  }),
  run: ({ text, args }) => {
    const budget = ['--max-requests', String(FUZZ_BUDGET.maxRequests), '--max-queued', String(FUZZ_BUDGET.maxQueued)];
    const result = runSimulateCli(['x.json', ...args, ...budget], () => text);
    if (result.exitCode === 2) {
      if (result.stdout !== '') throw new Error('exit 2 with a report');
      return checkLines(result.stderr);
    }
    if (!args.includes('--csv')) {
      const report = JSON.parse(result.stdout) as SimReport;
      const { ledger } = report.overall;
      if (ledger.completed + ledger.dropped + ledger.queued + ledger.running !== ledger.arrivals) throw new Error('the report does not balance');
      if (report.simulatedRequests > FUZZ_BUDGET.maxRequests) throw new Error(`ran past the budget: ${String(report.simulatedRequests)} requests`);
      if ((result.exitCode === 3) !== (report.stopped !== null)) throw new Error('exit code and report.stopped disagree');
    }
    if (result.exitCode === 3) checkLines(result.stderr);
    else if (result.stderr.length > 0) throw new Error('exit 0 with stderr output');
    return { kind: 'accepted' };
  },
};

/** ONNX bytes: the test model with random options, damaged bytes, and plain garbage. */
const onnxBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        inputElemType: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
        inputDims: fc.option(fc.array(fc.oneof(fc.constantFrom(1, 3, 0, -1, 2 ** 31, 2 ** 40, 2 ** 60, 65536), fc.constantFrom('batch', 'h', '', 'n'.repeat(5000))), { maxLength: 6 }), { nil: undefined }),
        externalWeights: fc.option(fc.boolean(), { nil: undefined }),
        inputName: fc.option(fc.constantFrom('image', '', 'a\nb', 'n'.repeat(1 << 16), '__proto__'), { nil: undefined }),
        noInputShape: fc.option(fc.boolean(), { nil: undefined }),
      })
      .map((options) => makeTestModel(options)),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.option(fc.nat())).map(([flips, cut]) => {
      const bytes = makeTestModel().slice();
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      return cut === null ? bytes : bytes.slice(0, cut % (bytes.length + 1));
    }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
);

/** The file picker's inspection of ONNX bytes. */
export const onnxBytesTarget: FuzzTarget<Uint8Array> = {
  name: 'onnx-bytes',
  input: onnxBytes,
  run: (bytes) => {
    const inspection = inspectOnnx(bytes);
    if (inspection.ok !== (inspection.problems.length === 0)) throw new Error('ok and problems disagree');
    return inspection.ok ? { kind: 'accepted' } : checkLines(inspection.problems.map((p) => p.message));
  },
};

/** A one-line refusal from a call that throws an Error for bad input; anything else thrown fails the property. */
function refusedBy(call: () => void): Outcome {
  try {
    call();
    return { kind: 'accepted' };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return checkLines([error.message]);
  }
}

/**
 * Model facts and the general layer-block partitioner on the same bytes, at random sizes for the
 * symbolic dims and a random block count: each gives its result or one short line, never another throw.
 */
export const onnxModelTarget: FuzzTarget<{ readonly bytes: Uint8Array; readonly size: number; readonly blocks: number }> = {
  name: 'onnx-model',
  input: fc.record({ bytes: onnxBytes, size: fc.constantFrom(1, 2, 32, 0, -1, 2 ** 31), blocks: fc.integer({ min: -1, max: 12 }) }),
  run: ({ bytes, size, blocks }) => {
    const dims = new Map([['batch', size], ['h', size], ['n', size]]);
    const facts = refusedBy(() => modelFacts(bytes, dims));
    const parts = refusedBy(() => {
      const { parts: made } = partitionOnnxModel(bytes, blocks, { dims, label: 'fuzz.onnx' });
      if (made.length !== blocks) throw new TypeError(`asked for ${String(blocks)} blocks, got ${String(made.length)}`);
    });
    return facts.kind === 'refused' ? facts : parts;
  },
};

let fixtureText: string | null = null;
/** The fixture run as its exported file (built once). */
function fixtureRunText(): string {
  if (fixtureText !== null) return fixtureText;
  let listener: Parameters<RunEngine['onUpdate']>[0] = () => undefined;
  const engine: RunEngine = { start: () => undefined, stop: () => undefined, onUpdate: (l) => ((listener = l), () => undefined) };
  const controller = new RunController({ createEngine: () => engine, nowIso: () => '2026-12-01T12:00:00.000Z', environment: { userAgent: 'fuzz', crossOriginIsolated: true } });
  controller.start(fixtureExperiment());
  for (const update of fixtureUpdates()) listener(update);
  const record = controller.record();
  if (record === null) throw new Error('no fixture record');
  return (fixtureText = runToJson(record));
}

/** Run files: the fixture's export, mutated and damaged, opened in the run section as the page does. */
export const runFileTarget: FuzzTarget<{ readonly mutations: readonly Parameters<typeof mutate>[1][number][]; readonly damage: ((text: string) => string) | null }> = {
  name: 'run-file',
  input: fc.record({ mutations: fc.array(mutation, { maxLength: 4 }), damage: fc.option(textDamage, { freq: 5 }) }),
  run: ({ mutations, damage }) => {
    const text = JSON.stringify(mutate(JSON.parse(fixtureRunText()) as unknown, mutations));
    const controller = new RunController({ createEngine: () => ({ start: () => undefined, stop: () => undefined, onUpdate: () => () => undefined }), nowIso: () => '', environment: { userAgent: 'fuzz', crossOriginIsolated: true } });
    controller.importRun('run.json', damage === null ? text : damage(text));
    const snapshot = controller.store.getSnapshot();
    if (snapshot.importIssues !== null) return checkLines(issueLines(snapshot.importIssues.issues));
    const series = snapshot.run?.series;
    if (series === undefined || series === null) throw new Error('imported without a series');
    if (series.timeline.lanes > 16) throw new Error(`a timeline of ${String(series.timeline.lanes)} lanes`);
    return { kind: 'accepted' };
  },
};

/** Every target, in the order the fuzz command reports them. */
/** Argument tokens of `npm run characterize`: its flags, model files and dims, values good and bad, and random text. */
const characterizeToken = fc.oneof(
  fc.constantFrom('--quick', '--models', '--backend', '--repeats', '--out', '--resolution', '--resolutions', '--confirm-live', '--max-batch', '--window-ms', 'wasm', '3', '32,64', 'tiny-cnn,custom:x'),
  fc.constantFrom('--model-file', '--dims', 'a.onnx', 'height=32', 'h=1,w=65536', 'h=0', 'h=32,h=32', '--dims=w=7', '--model-file=', '__proto__=3', 'h=99999999999999'),
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 40 }).map((v) => `--dims=${v}`),
);

/** `npm run characterize` arguments: parsed into options and model files, or refused one line per problem naming its flag. */
export const characterizeArgsTarget: FuzzTarget<readonly string[]> = {
  name: 'characterize-args',
  input: fc.array(characterizeToken, { maxLength: 10 }),
  run: (args) => {
    const parsed = parseCharacterizeArgs(args);
    if (parsed.ok) {
      for (const file of parsed.modelFiles) for (const d of file.dims) if (!(Number.isInteger(d.size) && d.size >= 1 && d.size <= 65_536)) throw new Error(`a dim size ${String(d.size)} was accepted`);
      return { kind: 'accepted' };
    }
    return checkLines(issueLines(parsed.issues));
  },
};

export const FUZZ_TARGETS = [experimentJsonTarget, urlHashTarget, simulateCliTarget, onnxBytesTarget, onnxModelTarget, runFileTarget, characterizeArgsTarget] as const;
