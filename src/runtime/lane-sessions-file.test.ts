// Tests for a lane's sessions made from the user's bytes, in real onnxruntime-web (WASM in Node): key scheme, fed inputs, refusals, output samples, and a fuzz of bad files.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildModel, MODEL_IDS } from '../zoo';
import { makeTestModel } from '../zoo/onnx-test-models';
import { symbolicSizeModel } from '../zoo/symbolic-size-model.test-support';
import { bytesDigest } from './bytes-digest';
import { LaneSessions } from './lane-sessions';
import { fileSessionKey, prepareKey, sessionKey, type PrepareSpec } from './lane-protocol';

// onnxruntime-web from node_modules as Node loads it (the lane's loader points ORT at Vite's URL of the .wasm).
vi.mock('./ort-loader', () => ({
  loadOrt: async () => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    return ort;
  },
}));

beforeEach(() => {
  vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A copy in a buffer of its own (protobufjs in Node hands out Buffers: views on a shared pool, whose slice() is no copy). */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => Uint8Array.from(bytes);

const fileSpec = (label: string, bytes: Uint8Array, maxBatch = 1, blocks = 1): PrepareSpec => ({
  source: { kind: 'bytes', label, bytes: own(bytes).buffer }, maxBatch, blocks,
  backend: 'wasm', build: 'jsep', allowFallback: false, inputSeed: 7, gpuTiming: false,
});

describe('session keys', () => {
  it('a file key is file:<label>#<length>-<fnv1a>@<batch>, read from the right', () => {
    const bytes = makeTestModel();
    const digest = bytesDigest(bytes);
    expect(digest).toMatch(/^[0-9a-f]+-[0-9a-f]{8}$/);
    expect(digest.split('-')[0]).toBe(bytes.length.toString(16));
    expect(fileSessionKey('mine.onnx', bytes, 1)).toBe(`file:mine.onnx#${digest}@1`);
    expect(prepareKey(fileSpec('a#b@c/2.onnx', bytes, 4))).toBe(`file:a#b@c/2.onnx#${digest}@4`);
    expect(fileSessionKey('x'.repeat(100), bytes, 1)).toBe(`file:${'x'.repeat(64)}#${digest}@1`);
  });

  it('tells apart files of one name whose bytes differ, even by one byte of equal length', () => {
    const bytes = makeTestModel();
    const changed = own(bytes);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
    expect(fileSessionKey('m.onnx', changed, 1)).not.toBe(fileSessionKey('m.onnx', bytes, 1));
    expect(bytesDigest(new Uint8Array(0))).toBe('0-811c9dc5');
  });

  it('cannot collide with a zoo key: no zoo model id holds the ":" every file key has', () => {
    for (const id of MODEL_IDS) {
      expect(id).not.toContain(':');
      expect(sessionKey(id, 224, { blocks: 4, fixedBatch: 2 }).startsWith('file:')).toBe(false);
    }
    const zoo: PrepareSpec = { ...fileSpec('x', makeTestModel()), source: { kind: 'zoo', modelId: 'resnet18', resolution: 64, seed: 1 }, blocks: 4 };
    expect(prepareKey(zoo)).toBe('resnet18@64/4');
  });
});

describe('LaneSessions with a file (onnxruntime-web in Node)', () => {
  it('inspects the bytes, fixes the symbolic batch, feeds inputs at their concrete dims, and samples the output', async () => {
    const sessions = new LaneSessions(() => undefined);
    const bytes = makeTestModel();
    try {
      const stages: string[] = [];
      const info = await sessions.prepare(fileSpec('mine.onnx', bytes, 2), (stage, label, done, total) => stages.push(`${stage}:${label} ${String(done)}/${String(total)}`));
      expect(info).toMatchObject({
        key: `file:mine.onnx#${bytesDigest(bytes)}@2`, modelLabel: 'mine.onnx', backendRequested: 'wasm', backendUsed: 'wasm', meta: null, buildMs: 0,
        inputs: [{ name: 'image', dims: [2, 3, 8, 8] }], outputNames: ['scores'], modelBytes: bytes.length, reused: false,
      });
      expect(stages).toEqual(['session:creating the wasm session 0/1', 'session:session ready 1/1']);
      // The batch is fixed: one request still runs the session's 2 items.
      const { timing, output } = await sessions.dispatch(info.key, 1, true);
      expect(timing.serviceMs).toBeGreaterThan(0);
      expect(output).toMatchObject({ name: 'scores', type: 'float32', dims: [2, 4], elementCount: 8 });
      await expect(sessions.dispatch(info.key, 3)).rejects.toThrow(`'${info.key}' takes 1..2 requests per run, got 3`);
      expect(sessions.memory().sessions).toEqual([{ key: info.key, estimatedBytes: info.estimatedBytes, maxBatch: 2 }]);
      expect(info.estimatedBytes).toBeGreaterThanOrEqual(2 * bytes.length);
    } finally {
      await sessions.releaseAll();
    }
  });

  it('runs the zoo model given as bytes exactly as the zoo session: same input, same output', async () => {
    const sessions = new LaneSessions(() => undefined);
    const { bytes } = buildModel('tiny-cnn', { resolution: 32, seed: 1 });
    const asFile = fileSpec('tiny-cnn-32.onnx', bytes);
    const asZoo: PrepareSpec = { ...asFile, source: { kind: 'zoo', modelId: 'tiny-cnn', resolution: 32, seed: 1 } };
    try {
      const file = await sessions.prepare(asFile);
      const zoo = await sessions.prepare(asZoo);
      expect(file.inputs).toEqual(zoo.inputs);
      const fromFile = (await sessions.dispatch(file.key, 1, true)).output;
      const fromZoo = (await sessions.dispatch(zoo.key, 1, true)).output;
      expect(fromFile?.values).toEqual(fromZoo?.values);
    } finally {
      await sessions.releaseAll();
    }
  });

  it.each([
    ['more layer blocks than cut points', fileSpec('mine.onnx', makeTestModel(), 1, 40), /^file:mine\.onnx#[0-9a-f-]+@1: scheduler\.blocks: mine\.onnx can be cut into at most \d+ layer blocks \(it has \d+ cut points where a single tensor is live\); got 40$/],
    ['a batch past a fixed axis 0', fileSpec('fixed.onnx', makeTestModel({ inputDims: [1, 3, 8, 8] }), 2), /^file:fixed\.onnx#[0-9a-f-]+@2: the file's inputs have no symbolic batch axis, so it runs batch 1 only; asked for batch 2\.$/],
    ['an input the lab cannot fill', fileSpec('hw.onnx', makeTestModel({ inputDims: ['batch', 3, null, 'width'] })), /^file:hw\.onnx#[0-9a-f-]+@1: Input "image" axis 2 has an unknown size with no name; onnxruntime can only fix named dims/],
    ['bytes that are not ONNX', fileSpec('junk.onnx', new TextEncoder().encode('not a model')), /^file:junk\.onnx#[0-9a-f-]+@1: This file is not an ONNX model \(/],
  ])('refuses %s in one line naming the file, before any session', async (_name, spec, message) => {
    const sessions = new LaneSessions(() => undefined);
    await expect(sessions.prepare(spec)).rejects.toThrow(message);
    expect(sessions.memory().sessions).toEqual([]);
  });

  it('a file of fixed sizes runs at batch 1, fed as it is', async () => {
    const sessions = new LaneSessions(() => undefined);
    try {
      const info = await sessions.prepare(fileSpec('fixed.onnx', makeTestModel({ inputDims: [1, 3, 8, 8] })));
      expect(info.inputs).toEqual([{ name: 'image', dims: [1, 3, 8, 8] }]);
      expect((await sessions.dispatch(info.key, 1, true)).output?.dims).toEqual([1, 4]);
    } finally {
      await sessions.releaseAll();
    }
  });
});

describe('LaneSessions with bad files (fuzz)', () => {
  const good = own(makeTestModel());
  /** Random bytes, or a valid model cut short, or one with bytes flipped. */
  const badBytes = fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    fc.nat({ max: good.length - 1 }).map((n) => good.slice(0, n)),
    fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
      const bytes = own(good);
      for (const [at, mask] of flips) bytes[at] = (bytes[at] ?? 0) ^ mask;
      return bytes;
    }),
  );

  it('any bytes give a session or a one-line error naming the file; the lane goes on serving others', async () => {
    const sessions = new LaneSessions(() => undefined);
    const okKey = (await sessions.prepare(fileSpec('good.onnx', good))).key;
    try {
      await fc.assert(
        fc.asyncProperty(badBytes, async (bytes) => {
          const spec = fileSpec('fuzz.onnx', bytes);
          const key = prepareKey(spec);
          try {
            await sessions.prepare(spec);
            await sessions.dispatch(key, 1, true);
          } catch (error) {
            const message = (error as Error).message;
            expect(message.startsWith(`file:fuzz.onnx#${bytesDigest(bytes)}@1: `)).toBe(true);
            expect(message).not.toMatch(/\n/);
          }
          await sessions.retain([okKey]);
          expect((await sessions.dispatch(okKey, 1, true)).output?.dims).toEqual([1, 4]);
        }),
        { numRuns: 60, seed: 12 },
      );
    } finally {
      await sessions.releaseAll();
    }
  });

  it('fills symbolic sizes by name (non-square), int64/int32/float16 inputs, and keeps the batch symbolic for a named session', async () => {
    const sessions = new LaneSessions(() => undefined);
    const bytes = makeTestModel({
      inputDims: ['batch', 3, 'height', 'width'],
      extraInputs: [{ name: 'ids', elemType: 7, dims: ['batch', 'seq'] }, { name: 'len', elemType: 6, dims: [1] }, { name: 'scale', elemType: 10, dims: [2] }],
    });
    const spec: PrepareSpec = {
      ...fileSpec('multi.onnx', bytes, 2),
      source: { kind: 'bytes', label: 'multi.onnx', bytes: own(bytes).buffer, dims: [{ name: 'height', size: 8 }, { name: 'width', size: 12 }, { name: 'seq', size: 5 }], fills: [{ input: 'ids', kind: 'uniform', lo: 0, hi: 9 }], session: { model: 'custom:multi#00~00', resolution: 32 } },
    };
    try {
      const info = await sessions.prepare(spec);
      expect(info.key).toBe('custom:multi#00~00@32');
      expect(info.inputs).toEqual([{ name: 'image', dims: [2, 3, 8, 12] }, { name: 'ids', dims: [2, 5] }, { name: 'len', dims: [1] }, { name: 'scale', dims: [2] }]);
      expect((await sessions.dispatch(info.key, 1, true)).output?.dims).toEqual([1, 4]);
      expect((await sessions.dispatch(info.key, 2, true)).output?.dims).toEqual([2, 4]);
    } finally {
      await sessions.releaseAll();
    }
  });

  it('runs a zoo model written with a symbolic height and width at the chosen sizes, defaults from its metadata', async () => {
    const sessions = new LaneSessions(() => undefined);
    const bytes = symbolicSizeModel('tiny-cnn', { metadata: { image_size: '32' } });
    try {
      const info = await sessions.prepare(fileSpec('hw.onnx', bytes));
      expect(info.inputs).toEqual([{ name: 'input', dims: [1, 3, 32, 32] }]);
      const wide = await sessions.prepare({ ...fileSpec('hw.onnx', bytes), source: { kind: 'bytes', label: 'hw.onnx', bytes: own(bytes).buffer, dims: [{ name: 'height', size: 32 }, { name: 'width', size: 64 }], session: { model: 'custom:hw#1~1', resolution: 32 } } });
      expect(wide.inputs).toEqual([{ name: 'input', dims: [1, 3, 32, 64] }]);
      expect((await sessions.dispatch(wide.key, 1, true)).output?.dims).toEqual([1, 10]);
    } finally {
      await sessions.releaseAll();
    }
  });

  it.each([2, 3])('runs a file with symbolic batch, height and width in %i layer blocks (the general partitioner), giving the whole model\'s output', async (blocks) => {
    const sessions = new LaneSessions(() => undefined);
    const bytes = symbolicSizeModel('tiny-cnn', { metadata: { image_size: '32' } });
    const source = { kind: 'bytes', label: 'hw.onnx', bytes: own(bytes).buffer, dims: [{ name: 'height', size: 32 }, { name: 'width', size: 64 }], session: { model: 'custom:hw#1~1', resolution: 32 } } as const;
    try {
      const whole = await sessions.prepare({ ...fileSpec('hw.onnx', bytes, 2), source });
      const cut = await sessions.prepare({ ...fileSpec('hw.onnx', bytes, 2, blocks), source });
      expect(cut.key).not.toBe(whole.key);
      expect(cut.inputs).toEqual(whole.inputs);
      for (const batch of [1, 2]) {
        const a = (await sessions.dispatch(whole.key, batch, true)).output;
        const b = (await sessions.dispatch(cut.key, batch, true)).output;
        expect(b?.dims).toEqual([batch, 10]);
        expect(b?.dims).toEqual(a?.dims);
        (b?.values ?? []).forEach((v, i) => expect(v).toBeCloseTo(a?.values[i] ?? NaN, 4));
      }
    } finally {
      await sessions.releaseAll();
    }
  });
});
