// `npm run models`: writes generated zoo models (<id>.onnx) and manifest.json to a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../src/zoo/index';
import { MODELS_USAGE, parseModelsArgs } from '../src/zoo/models-cli';

function main(): void {
  let command;
  try {
    command = parseModelsArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${MODELS_USAGE}`);
    process.exit(2);
  }
  if (command === null) {
    console.log(MODELS_USAGE);
    return;
  }
  const { outDir, resolution, models, dtype, seed } = command;
  mkdirSync(outDir, { recursive: true });
  const manifest = models.map((id) => {
    const startMs = performance.now();
    const { bytes, meta } = buildModel(id, { resolution, dtype, seed });
    const file = `${id}.onnx`;
    writeFileSync(join(outDir, file), bytes);
    const seconds = ((performance.now() - startMs) / 1000).toFixed(1);
    console.log(`${file}: ${(bytes.length / 2 ** 20).toFixed(1)} MiB, ${meta.params} params, ${(meta.macs / 1e9).toFixed(2)} GMACs, ${seconds} s`);
    const { name, params, macs, flops, weightBytes, layerCount, inputShape, outputShape, inputName, outputName, opset } = meta;
    return { id, name, file, bytes: bytes.length, params, macs, flops, weightBytes, layerCount, inputName, inputShape, outputName, outputShape, dtype, resolution, seed, opset };
  });
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${models.length} model(s) and manifest.json to ${outDir}`);
}

main();
