// Tests for the general partitioner: a branchy graph not from the zoo, chained parts equal the whole model in onnxruntime-web; the zoo's cuts; refusals; fuzz.
import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import fc from 'fast-check';
import onnxProto from 'onnx-proto';
import { decodeOnnxGraph } from './onnx-graph';
import { balancedEnds, onnxCutPoints, partitionOnnxModel } from './onnx-partition';
import { makeBranchyModel } from './onnx-test-graphs';
import { makeTestModel } from './onnx-test-models';
import { createRng } from '../core/rng';
import { buildModel, defineModel } from './index';
import { cutPoints, partitionGraph } from './partition';
import { float16BitsToNumber } from './float16';

const { onnx } = onnxProto;
const SIDE = 16;
const DIMS = new Map([['N', 2], ['H', SIDE], ['W', SIDE]]);

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

const nodeNamesAt = (bytes: Uint8Array, positions: readonly number[]): string[] => {
  const graph = decodeOnnxGraph(bytes, DIMS);
  return positions.map((i) => graph.nodes[i]?.name ?? '?');
};

function input(batch: number, seed: number): ort.Tensor {
  const rng = createRng(seed);
  const data = Float32Array.from({ length: batch * 3 * SIDE * SIDE }, () => rng.next() * 2 - 1);
  return new ort.Tensor('float32', data, [batch, 3, SIDE, SIDE]);
}

async function runOnce(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('onnxCutPoints on a branchy graph', () => {
  it('cuts between the stem, the residual block, the pool, the branches, the pool and the head; never inside a branch or before an activation', () => {
    const bytes = makeBranchyModel();
    expect(nodeNamesAt(bytes, onnxCutPoints(decodeOnnxGraph(bytes, DIMS)))).toEqual(['stem.relu', 'res.relu', 'pool', 'cat', 'down.relu6', 'gap', 'flat']);
  });

  it('a file whose nodes are not sorted gets the same cuts after sorting', () => {
    const bytes = makeBranchyModel({ shuffled: true });
    expect(nodeNamesAt(bytes, onnxCutPoints(decodeOnnxGraph(bytes, DIMS)))).toEqual(['stem.relu', 'res.relu', 'pool', 'cat', 'down.relu6', 'gap', 'flat']);
  });
});

describe('partitionOnnxModel on a branchy graph', () => {
  it.each([
    [2, false],
    [3, false],
    [4, false],
    [8, false],
    [8, true],
  ])('%d parts (file nodes reversed: %s) chained in onnxruntime-web equal the whole model (1e-4), at batch 2 and 3 with the same sessions', async (k, shuffled) => {
    // Reversed, the Constant nodes sort to the front, far from their readers: each part carries its own copy.
    const bytes = makeBranchyModel({ shuffled });
    const { parts, cutAfter } = partitionOnnxModel(bytes, k, { dims: DIMS, label: 'branchy@16' });
    expect(parts.length).toBe(k);
    expect(cutAfter.length).toBe(k - 1);
    expect(parts[0]?.inputName).toBe('x');
    expect(parts[k - 1]?.outputName).toBe('logits');
    for (let i = 1; i < k; i++) expect(parts[i]?.inputName).toBe(parts[i - 1]?.outputName);
    const sessions = await Promise.all(parts.map((p) => ort.InferenceSession.create(p.bytes)));
    try {
      for (const batch of [2, 3]) {
        const x = input(batch, 7 + batch);
        const whole = (await runOnce(bytes, { x })).logits;
        let t = x;
        for (const [i, s] of sessions.entries()) t = (await s.run({ [parts[i]?.inputName ?? '']: t }))[parts[i]?.outputName ?? ''] as ort.Tensor;
        expect(t.dims).toEqual([batch, 10]);
        const a = whole?.data as Float32Array;
        const b = t.data as Float32Array;
        expect(a.reduce((worst, v, j) => Math.max(worst, Math.abs(v - (b[j] ?? NaN))), 0)).toBeLessThan(1e-4);
        expect(a.some((v) => Math.abs(v) > 1e-3)).toBe(true);
      }
    } finally {
      await Promise.all(sessions.map((s) => s.release()));
    }
  });

  it('parts carry only the initializers they read, the opset and IR version, and a symbolic batch on the cut tensor', () => {
    const bytes = makeBranchyModel();
    const { parts } = partitionOnnxModel(bytes, 3, { dims: DIMS, label: 'branchy@16' });
    const models = parts.map((p) => onnx.ModelProto.decode(p.bytes));
    const whole = onnx.ModelProto.decode(bytes);
    const names = models.flatMap((m) => m.graph?.initializer?.map((t) => t.name) ?? []);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual((whole.graph?.initializer ?? []).map((t) => t.name).sort());
    for (const m of models) {
      expect(Number(m.irVersion)).toBe(8);
      expect(m.opsetImport.map((o) => Number(o.version))).toEqual([13]);
    }
    const cut = models[1]?.graph?.input?.[0]?.type?.tensorType?.shape?.dim ?? [];
    expect(cut[0]?.dimParam).toBe('N');
    expect(cut.slice(1).every((d) => Number(d.dimValue) > 0)).toBe(true);
  });

  it('MACs of the parts sum to the whole', () => {
    const bytes = makeBranchyModel();
    const one = partitionOnnxModel(bytes, 1, { dims: DIMS, label: 'b' });
    const four = partitionOnnxModel(bytes, 4, { dims: DIMS, label: 'b' });
    expect(four.parts.reduce((s, p) => s + p.macs, 0)).toBe(one.parts[0]?.macs);
    expect(one.parts[0]?.bytes).toBe(bytes);
  });

  it('balances by measured block times when given, one per block of the finest partition', () => {
    const bytes = makeBranchyModel();
    const times = [1, 1, 1, 1, 1, 1, 1, 9];
    const cut = partitionOnnxModel(bytes, 2, { dims: DIMS, label: 'b', balance: { blockTimesMs: times } }).cutAfter;
    expect(nodeNamesAt(bytes, cut)).toEqual(['flat']);
    expect(() => partitionOnnxModel(bytes, 2, { dims: DIMS, label: 'b', balance: { blockTimesMs: [1, 2] } })).toThrow(
      'scheduler.blocks: balance.blockTimesMs for b has 2 entries; expected 8 finite times >= 0, one per block of its finest partition (blocks = 8)',
    );
  });
});

describe('balancedEnds', () => {
  /** Every split of weights into k runs, by brute force: the least sum of squared run sums. */
  function bruteForce(weights: readonly number[], k: number): number {
    let best = Infinity;
    const go = (start: number, left: number, acc: number): void => {
      if (left === 1) {
        best = Math.min(best, acc + weights.slice(start).reduce((a, b) => a + b, 0) ** 2);
        return;
      }
      for (let end = start + 1; end <= weights.length - left + 1; end++) go(end, left - 1, acc + weights.slice(start, end).reduce((a, b) => a + b, 0) ** 2);
    };
    go(0, k, 0);
    return best;
  }

  it('is the exact least sum of squares (divide and conquer against brute force)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 11 }), fc.integer({ min: 1, max: 11 }), (weights, kWanted) => {
        const k = Math.min(kWanted, weights.length);
        const ends = balancedEnds(weights, k);
        expect(ends.length).toBe(k);
        expect(ends[k - 1]).toBe(weights.length);
        const starts = [0, ...ends.slice(0, -1)];
        expect(starts.every((s, i) => s < (ends[i] as number))).toBe(true);
        const cost = ends.reduce((c, e, i) => c + weights.slice(starts[i], e).reduce((a, b) => a + b, 0) ** 2, 0);
        expect(cost).toBe(bruteForce(weights, k));
      }),
      { seed: 21, numRuns: 400 },
    );
  });
});

describe('the zoo graphs cut where partition.ts cuts them', () => {
  it.each([
    ['resnet18', 4],
    ['mobilenet_v2', 4],
    ['googlenet', 3],
  ] as const)('%s at 32 px into %d blocks: the same cut points and the same chosen cuts', (id, k) => {
    const layers = defineModel(id, 32);
    const bytes = buildModel(id, { resolution: 32 }).bytes;
    const graph = decodeOnnxGraph(bytes, new Map([['batch', 1]]));
    // A layer op's output tensor is the ONNX tensor of the same name (SiLU and the adaptive pool emit several nodes).
    expect(onnxCutPoints(graph).map((i) => graph.nodes[i]?.outputs[0])).toEqual(cutPoints(layers).map((i) => layers.ops[i]?.output.name));
    const ours = partitionOnnxModel(bytes, k, { dims: new Map([['batch', 1]]), label: id });
    const theirs = partitionGraph(layers, k, id);
    expect(ours.parts.slice(0, -1).map((p) => p.outputName)).toEqual(theirs.slice(0, -1).map((b) => b.output.name));
    expect(ours.parts.map((p) => p.macs)).toEqual(theirs.map((b) => b.macs));
  });
});

describe('fp16', () => {
  it('tiny-cnn fp16 in 3 parts: FLOAT16 cut tensors, chained output equal to the whole model', async () => {
    const bytes = buildModel('tiny-cnn', { resolution: 32, dtype: 'fp16' }).bytes;
    const { parts } = partitionOnnxModel(bytes, 3, { dims: new Map([['batch', 1]]), label: 'tiny-cnn@32' });
    expect(parts.slice(1).map((p) => onnx.ModelProto.decode(p.bytes).graph?.input?.[0]?.type?.tensorType?.elemType)).toEqual([10, 10]);
    const rng = createRng(3);
    const x = new ort.Tensor('float16', Uint16Array.from({ length: 2 * 3 * 32 * 32 }, () => 0x3c00 - Math.floor(rng.next() * 0x800)), [2, 3, 32, 32]);
    const whole = (await runOnce(bytes, { input: x })).logits?.data as Uint16Array;
    let t: ort.Tensor = x;
    for (const p of parts) t = (await runOnce(p.bytes, { [p.inputName]: t }))[p.outputName] as ort.Tensor;
    // fp16 rounding can differ by one unit in the last place where the whole model fuses what the parts do not.
    const got = Array.from(t.data as Uint16Array, float16BitsToNumber);
    expect(got.length).toBe(whole.length);
    whole.forEach((bits, i) => expect(Math.abs((got[i] ?? NaN) - float16BitsToNumber(bits))).toBeLessThanOrEqual(Math.abs(float16BitsToNumber(bits)) * 2 ** -9 + 1e-4));
  });
});

describe('a graph with two inputs', () => {
  it('is cut only after both are read; part 0 takes both; the chain equals the whole model', async () => {
    const bytes = makeBranchyModel({ gate: true });
    expect(nodeNamesAt(bytes, onnxCutPoints(decodeOnnxGraph(bytes, DIMS)))).toEqual(['stem.gated', 'res.relu', 'pool', 'cat', 'down.relu6', 'gap', 'flat']);
    const { parts } = partitionOnnxModel(bytes, 3, { dims: DIMS, label: 'gated' });
    expect(parts.map((p) => p.inputNames)).toEqual([['x', 'g'], [parts[1]?.inputName], [parts[2]?.inputName]]);
    const rng = createRng(4);
    const g = new ort.Tensor('float32', Float32Array.from({ length: 2 * 8 }, () => rng.next()), [2, 8, 1, 1]);
    const x = input(2, 5);
    const whole = (await runOnce(bytes, { x, g })).logits?.data as Float32Array;
    let t = (await runOnce(parts[0]?.bytes as Uint8Array, { x, g }))[parts[0]?.outputName ?? ''] as ort.Tensor;
    for (const p of parts.slice(1)) t = (await runOnce(p.bytes, { [p.inputName]: t }))[p.outputName] as ort.Tensor;
    const got = t.data as Float32Array;
    expect(whole.reduce((worst, v, j) => Math.max(worst, Math.abs(v - (got[j] ?? NaN))), 0)).toBeLessThan(1e-4);
  });
});

describe('a graph without MACs', () => {
  it('balances node counts: a 12-node Relu/Neg chain into 3 parts of 4', () => {
    const node = Array.from({ length: 12 }, (_, i) => ({ name: `n${String(i)}`, opType: i % 2 ? 'Relu' : 'Neg', input: [i === 0 ? 'x' : `t${String(i - 1)}`], output: [i === 11 ? 'y' : `t${String(i)}`] }));
    const bytes = onnx.ModelProto.encode({
      irVersion: 8, opsetImport: [{ domain: '', version: 13 }],
      graph: { name: 'chain', node, input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 4 }] } } } }], output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }] },
    }).finish();
    // Cuts never fall before a Relu, so only after each Relu (odd positions).
    expect(partitionOnnxModel(bytes, 3, { dims: new Map([['N', 1]]), label: 'chain' }).cutAfter).toEqual([3, 7]);
  });
});

describe('refusals', () => {
  it('more blocks than cut points + 1 names the most', () => {
    expect(() => partitionOnnxModel(makeBranchyModel(), 9, { dims: DIMS, label: 'branchy@16' })).toThrow(
      'scheduler.blocks: branchy@16 can be cut into at most 8 layer blocks (it has 7 cut points where a single tensor is live); got 9',
    );
  });

  it.each([0, -1, 1.5, NaN])('blocks = %d is refused', (k) => {
    expect(() => partitionOnnxModel(makeTestModel(), k, { dims: DIMS, label: 't' })).toThrow(/^scheduler.blocks: expected an integer >= 1/);
  });
});

describe('fuzz', () => {
  it('a valid graph and any K from 1 to 12: K parts up to 8, else the at-most-8 error', () => {
    const model = makeBranchyModel();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (k) => {
        if (k <= 8) expect(partitionOnnxModel(model, k, { dims: DIMS, label: 'b' }).parts.length).toBe(k);
        else expect(() => partitionOnnxModel(model, k, { dims: DIMS, label: 'b' })).toThrow(/at most 8 layer blocks/);
      }),
      { seed: 5, numRuns: 30 },
    );
  });

  it('random and truncated bytes, random K: a result or a one-line Error, nothing else', () => {
    const model = makeBranchyModel();
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 0, max: model.length }).map((n) => model.slice(0, n))),
        fc.integer({ min: -2, max: 12 }),
        (bytes, k) => {
          try {
            const { parts } = partitionOnnxModel(bytes, k, { dims: DIMS, label: 'fuzz' });
            expect(parts.length).toBe(k);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message).not.toContain('\n');
          }
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});
