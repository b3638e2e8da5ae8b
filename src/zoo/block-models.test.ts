// Chaining a model's layer-block ONNX models in onnxruntime-web (WASM in Node) gives the whole model's logits.
import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { buildModel, buildModelBlocks, defineModel, maxBlocks, MODEL_IDS, type ModelId } from './index';
import { createRng } from '../core/rng';

const RESOLUTION = 32;
const BATCH = 2;
const SEED = 5;

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

async function runOnce(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

function seededInput(): ort.Tensor {
  const rng = createRng(17);
  const data = Float32Array.from({ length: BATCH * 3 * RESOLUTION * RESOLUTION }, () => rng.next() * 2 - 1);
  return new ort.Tensor('float32', data, [BATCH, 3, RESOLUTION, RESOLUTION]);
}

/** K per model: 4 (every model allows it), and tiny-cnn also at its most blocks (one per cut point). */
const CASES = MODEL_IDS.flatMap((id): [ModelId, number][] => (id === 'tiny-cnn' ? [[id, 4], [id, maxBlocks(defineModel(id, RESOLUTION))]] : [[id, 4]]));

/** Hang guard for the heaviest models on a loaded 2-core machine (CI may run beside other CPU-bound work). */
const HEAVY_MODEL_TIMEOUT_MS = 300_000;

describe('layer-block models at 32 px', () => {
  it.each(CASES)('%s in %d blocks: chained, the blocks give the whole model\'s logits', async (id, k) => {
    const input = seededInput();
    const whole = (await runOnce(buildModel(id, { resolution: RESOLUTION, seed: SEED }).bytes, { input })).logits;
    const { blocks, meta } = buildModelBlocks(id, { resolution: RESOLUTION, seed: SEED, blocks: k });
    expect(blocks.length).toBe(k);
    expect(blocks.reduce((s, b) => s + b.macs, 0)).toBe(meta.macs);
    expect(blocks[0]?.inputName).toBe('input');
    expect(blocks[k - 1]?.outputName).toBe('logits');
    let carried: ort.Tensor = input;
    for (const [i, block] of blocks.entries()) {
      if (i > 0) expect(block.inputName).toBe(blocks[i - 1]?.outputName);
      const out = (await runOnce(block.bytes, { [block.inputName]: carried }))[block.outputName];
      if (out === undefined) throw new Error(`block ${String(i)} gave no '${block.outputName}'`);
      expect(out.dims).toEqual(block.outputShape.map((d) => (d === 'batch' ? BATCH : d)));
      carried = out;
    }
    const expected = whole?.data as Float32Array;
    const actual = carried.data as Float32Array;
    expect(actual.length).toBe(expected.length);
    const scale = Math.max(...Array.from(expected, Math.abs));
    const worst = Math.max(...Array.from(actual, (v, i) => Math.abs(v - (expected[i] ?? NaN))));
    expect(worst).toBeLessThan(1e-4 * Math.max(1, scale));
    // A hang guard, not a speed bound: VGG-16's 138 M weights are generated twice and run through ORT (55 s alone at load 12).
  }, HEAVY_MODEL_TIMEOUT_MS);
});
