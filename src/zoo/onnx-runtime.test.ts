// Every generated model loads and runs in onnxruntime-web (WASM backend in Node) with sane activations.
import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { buildModel, defineModel, MODEL_IDS, type ModelId } from './index';
import { float16BitsToNumber, float32ArrayToFloat16 } from './float16';
import { createRng } from '../core/rng';

const { onnx } = onnxProto;
const RESOLUTION = 32;
const BATCH = 2;
/**
 * Band for the standard deviation of the logits and the RMS of every BN/add/concat output. The
 * calibration targets ~1 (0.5 on residual branches); this band is 10x either way.
 */
const LOW = 0.1;
const HIGH = 10;

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

/** A seeded standard-normal input batch (a different stream from the calibration probe). */
function normalInput(seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: BATCH * 3 * RESOLUTION * RESOLUTION }, () => {
    return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  });
}

function moments(values: ArrayLike<number>): { mean: number; std: number; rms: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i] ?? 0;
    s2 += (values[i] ?? 0) ** 2;
  }
  const mean = s / values.length;
  return { mean, std: Math.sqrt(Math.max(s2 / values.length - mean * mean, 0)), rms: Math.sqrt(s2 / values.length) };
}

async function run(bytes: Uint8Array, input: ort.Tensor): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run({ input });
  } finally {
    await session.release();
  }
}

describe('onnxruntime-web runs every model at 32 px', () => {
  it.each(MODEL_IDS)('%s: finite logits of the right shape, sane ranges through the depth', async (id: ModelId) => {
    // Probe the outputs of every normalising/merging layer: BN, residual add, concat, linear.
    const probes = defineModel(id, RESOLUTION)
      .ops.filter((op) => ['batchnorm', 'add', 'concat'].includes(op.kind))
      .map((op) => op.name);
    const { bytes, meta } = buildModel(id, { resolution: RESOLUTION, seed: 3, extraOutputs: probes });
    const out = await run(bytes, new ort.Tensor('float32', normalInput(11), [BATCH, 3, RESOLUTION, RESOLUTION]));
    const logits = out[meta.outputName];
    expect(logits?.dims).toEqual([BATCH, meta.outputShape[1]]);
    const values = logits?.data as Float32Array;
    expect(values.every(Number.isFinite)).toBe(true);
    const { std } = moments(values);
    expect(std).toBeGreaterThan(LOW);
    expect(std).toBeLessThan(HIGH);
    const outOfBand = Object.entries(out)
      .filter(([name]) => name !== meta.outputName)
      .map(([name, t]) => [name, moments(t.data as Float32Array).rms] as const)
      .filter(([, rms]) => !(rms > LOW && rms < HIGH));
    expect(outOfBand).toEqual([]);
    // A hang guard, not a speed bound: VGG-16 (138 M weights) took 55-144 s here on a loaded machine.
  }, 300_000);
});

describe('fp16 variant', () => {
  it.each<ModelId>(['tiny-cnn', 'squeezenet1_1'])('%s: FLOAT16 initializers and I/O, runs, and agrees with fp32', async (id) => {
    const fp16 = buildModel(id, { resolution: RESOLUTION, dtype: 'fp16' });
    const model = onnx.ModelProto.decode(fp16.bytes);
    const F16 = onnx.TensorProto.DataType.FLOAT16;
    const floatInits = (model.graph?.initializer ?? []).filter((t) => t.dataType !== onnx.TensorProto.DataType.INT64);
    expect(floatInits.length).toBeGreaterThan(0);
    expect(floatInits.every((t) => t.dataType === F16)).toBe(true);
    expect(model.graph?.input?.[0]?.type?.tensorType?.elemType).toBe(F16);
    expect(model.graph?.output?.[0]?.type?.tensorType?.elemType).toBe(F16);
    expect(fp16.meta.dtype).toBe('fp16');

    const input = normalInput(5);
    const out16 = await run(fp16.bytes, new ort.Tensor('float16', float32ArrayToFloat16(input), [BATCH, 3, RESOLUTION, RESOLUTION]));
    const out32 = await run(buildModel(id, { resolution: RESOLUTION }).bytes, new ort.Tensor('float32', input, [BATCH, 3, RESOLUTION, RESOLUTION]));
    const a = Array.from(out16.logits?.data as Uint16Array, float16BitsToNumber);
    const b = Array.from(out32.logits?.data as Float32Array);
    const err = moments(a.map((v, i) => v - (b[i] ?? 0))).rms / moments(b).rms;
    expect(err).toBeLessThan(0.05);
  });
});

describe('serialisation', () => {
  it('weightBytes equals the bytes of all initializers in the file', () => {
    const { bytes, meta } = buildModel('squeezenet1_1', { resolution: RESOLUTION });
    const model = onnx.ModelProto.decode(bytes);
    const total = (model.graph?.initializer ?? []).reduce((sum, t) => sum + (t.rawData?.length ?? 0), 0);
    expect(total).toBe(meta.weightBytes);
    expect(Number(model.opsetImport[0]?.version)).toBe(13);
    expect(model.graph?.input?.[0]?.type?.tensorType?.shape?.dim?.[0]?.dimParam).toBe('batch');
  });
});
