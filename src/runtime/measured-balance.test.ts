// Tests of layer blocks balanced by measured time, in real onnxruntime-web (WASM in Node): the chain of K blocks cut by
// measured segment times gives the whole model's output, for a zoo model and a file; times are cached per model; coarse timing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildModel } from '../zoo';
import { inspectOnnx } from '../zoo/inspect';
import { symbolicSizeModel } from '../zoo/symbolic-size-model.test-support';
import { LaneSessions } from './lane-sessions';
import type { PrepareSpec } from './lane-protocol';
import { cutByTimes, timedPartition } from './measured-balance';

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

const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => Uint8Array.from(bytes);
const base = { maxBatch: 2, backend: 'wasm', build: 'jsep', allowFallback: false, inputSeed: 7, gpuTiming: false } as const;
const zooSpec = (blocks: number, blockBalance?: 'measured'): PrepareSpec => ({ ...base, source: { kind: 'zoo', modelId: 'resnet18', resolution: 32, seed: 1 }, blocks, ...(blockBalance === undefined ? {} : { blockBalance }) });

/** The whole model's and the measured-balance chain's outputs at batches 1 and 2 are equal (within 1e-4). */
async function expectSameOutputs(sessions: LaneSessions, wholeKey: string, cutKey: string): Promise<void> {
  for (const batch of [1, 2]) {
    const a = (await sessions.dispatch(wholeKey, batch, true)).output;
    const b = (await sessions.dispatch(cutKey, batch, true)).output;
    expect(b?.dims).toEqual(a?.dims);
    expect(b?.elementCount).toBeGreaterThan(0);
    (b?.values ?? []).forEach((v, i) => expect(v).toBeCloseTo(a?.values[i] ?? NaN, 4));
  }
}

describe('layer blocks balanced by measured time (real ORT, WASM)', () => {
  it('a zoo model: times its segments, cuts K blocks by them (key /Kt), chains to the whole model\'s output, and times once per lane', async () => {
    const sessions = new LaneSessions(() => undefined);
    try {
      const whole = await sessions.prepare(zooSpec(1));
      const byMacs = await sessions.prepare(zooSpec(4));
      const cut = await sessions.prepare(zooSpec(4, 'measured'));
      expect([whole.blockBalance, byMacs.blockBalance?.kind, cut.key]).toEqual([undefined, 'macs', 'resnet18@32/4t']);
      const balance = cut.blockBalance;
      if (balance?.kind !== 'measured') throw new Error('expected a measured balance');
      expect(balance.cached).toBe(false);
      expect(balance.segmentTimesMs.length).toBeGreaterThanOrEqual(4);
      for (const t of balance.segmentTimesMs) expect(t).toBeGreaterThan(0);
      expect(balance.blockTimesMs).toHaveLength(4);
      const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
      expect(total(balance.blockTimesMs)).toBeCloseTo(total(balance.segmentTimesMs), 6);
      await expectSameOutputs(sessions, whole.key, cut.key);
      // Another K of the same model in the lane: the times come from the cache.
      const three = await sessions.prepare(zooSpec(3, 'measured'));
      expect(three.blockBalance).toMatchObject({ kind: 'measured', cached: true, segmentTimesMs: balance.segmentTimesMs });
      await expectSameOutputs(sessions, whole.key, three.key);
    } finally {
      await sessions.releaseAll();
    }
  });

  it('a file with symbolic batch, height and width (not from the zoo\'s partition): 2 blocks by measured time give its output', async () => {
    const sessions = new LaneSessions(() => undefined);
    const bytes = symbolicSizeModel('tiny-cnn', { metadata: { image_size: '32' } });
    const source = { kind: 'bytes', label: 'hw.onnx', bytes: own(bytes).buffer, dims: [{ name: 'height', size: 32 }, { name: 'width', size: 64 }], session: { model: 'custom:hw#1~1', resolution: 32 } } as const;
    try {
      const whole = await sessions.prepare({ ...base, source });
      const cut = await sessions.prepare({ ...base, source, blocks: 2, blockBalance: 'measured' });
      expect(cut.key).toBe('custom:hw#1~1@32/2t');
      expect(cut.blockBalance?.kind).toBe('measured');
      await expectSameOutputs(sessions, whole.key, cut.key);
    } finally {
      await sessions.releaseAll();
    }
  });
});

describe('timedPartition and cutByTimes (no ORT)', () => {
  const bytes = buildModel('resnet18', { resolution: 32 }).bytes;
  const model = { bytes, dims: new Map(inspectOnnx(bytes).batchDimNames.map((n) => [n, 1] as const)), label: 'resnet18@32' };

  it('past maxParts segments, times that many parts and spreads each part\'s time over its segments (the total kept)', () => {
    const finest = timedPartition(model);
    const coarse = timedPartition(model, 3);
    expect(coarse.parts).toHaveLength(3);
    expect(coarse.segments).toBe(finest.segments);
    const spread = coarse.toSegmentTimes([30, 20, 10]);
    expect(spread).toHaveLength(finest.segments);
    expect(spread.reduce((a, b) => a + b, 0)).toBeCloseTo(60, 9);
  });

  it.each([
    ['all the time in the first segment', (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 100 : 1))],
    ['all the time in the last segment', (n: number) => Array.from({ length: n }, (_, i) => (i === n - 1 ? 100 : 1))],
  ])('follows the times, not the MACs: %s', (_name, times) => {
    const segments = timedPartition(model).segments;
    const { parts, blockTimesMs } = cutByTimes(model, 2, times(segments));
    expect(parts).toHaveLength(2);
    // The heavy segment sits alone in its block, so one block holds 100 ms.
    expect(blockTimesMs).toContain(100);
  });
});
