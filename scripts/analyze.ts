// `npm run analyze -- EXPERIMENT.json [...]`: capacity, policy comparison, SLO-vs-load curves and cost of sharing, simulated, no browser.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runAnalyzeCli } from '../src/core/analysis/analyze-cli';
import type { ModelIo } from '../src/core/analysis/triton-export';
import { describeModel, isModelId } from '../src/zoo';

/** A zoo model's tensors for Triton (dims without the batch dimension); null for a custom model. */
const zooIo = ({ model, resolution }: { model: string; resolution: number }): ModelIo | null => {
  if (!isModelId(model)) return null;
  const meta = describeModel(model, { resolution });
  return { inputName: meta.inputName, inputDims: meta.inputShape.slice(1).map(Number), outputName: meta.outputName, outputDims: meta.outputShape.slice(1).map(Number) };
};

const result = runAnalyzeCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'), zooIo);
try {
  for (const file of result.files) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.text);
  }
} catch (error) {
  process.stderr.write(`--triton: cannot write the repository: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
process.stdout.write(result.stdout);
for (const line of result.stderr) process.stderr.write(`${line}\n`);
process.exitCode ??= result.exitCode;
