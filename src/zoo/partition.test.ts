// Tests for the layer-block partitioner: cut points per architecture, contiguous blocks, MACs conserved, balance against brute force, the too-many-blocks error.
import { describe, expect, it } from 'vitest';
import { defineModel, MODEL_IDS, type ModelId } from './index';
import { cutPoints, maxBlocks, opMacs, partitionGraph } from './partition';
import type { LayerGraph } from './layer-ir';

const graphs = new Map<ModelId, LayerGraph>(MODEL_IDS.map((id) => [id, defineModel(id, 224)]));
const graphOf = (id: ModelId): LayerGraph => graphs.get(id) as LayerGraph;
const cutNames = (id: ModelId): string[] => cutPoints(graphOf(id)).map((i) => graphOf(id).ops[i]?.name ?? '?');

describe('cutPoints', () => {
  it.each([
    ['tiny-cnn', 6],
    ['resnet18', 12],
    ['resnet50', 20],
    ['mobilenet_v2', 34],
    ['squeezenet1_1', 22],
    ['googlenet', 18],
    ['efficientnet_b0', 40],
    ['vgg16', 21],
  ] as const)('%s has %d cut points', (id, count) => {
    expect(cutPoints(graphOf(id)).length).toBe(count);
    expect(maxBlocks(graphOf(id))).toBe(count + 1);
  });

  it('cuts ResNet only between residual blocks (after the block ReLU), never inside one', () => {
    const inner = cutNames('resnet18').filter((name) => name.startsWith('layer'));
    expect(inner).toEqual(['1.0', '1.1', '2.0', '2.1', '3.0', '3.1', '4.0', '4.1'].map((b) => `layer${b}.relu`));
  });

  it('cuts GoogLeNet between inception modules (after their concat), never inside one', () => {
    const inner = cutNames('googlenet').filter((name) => name.startsWith('inception'));
    expect(inner.every((name) => name.endsWith('.cat'))).toBe(true);
    expect(inner.length).toBe(9);
  });

  it('never cuts between a conv and its BatchNorm or activation (onnxruntime fuses them)', () => {
    for (const id of MODEL_IDS) {
      const g = graphOf(id);
      for (const i of cutPoints(g)) expect(['batchnorm', 'activation']).not.toContain(g.ops[i + 1]?.kind);
    }
  });
});

describe('partitionGraph', () => {
  it.each(MODEL_IDS.flatMap((id) => [2, 4, 8, maxBlocks(graphOf(id))].filter((k) => k <= maxBlocks(graphOf(id))).map((k) => [id, k] as const)))(
    '%s into %d blocks: contiguous, chained by one tensor, MACs summing to the model\'s',
    (id, k) => {
      const g = graphOf(id);
      const blocks = partitionGraph(g, k, `${id}@224`);
      expect(blocks.map((b) => b.index)).toEqual([...Array(k).keys()]);
      expect(blocks.flatMap((b) => b.ops)).toEqual(g.ops);
      expect(blocks.every((b) => b.ops.length > 0)).toBe(true);
      expect(blocks[0]?.input).toBe(g.input);
      expect(blocks[k - 1]?.output).toBe(g.output);
      for (let i = 1; i < k; i++) expect(blocks[i]?.input).toBe(blocks[i - 1]?.output);
      expect(blocks.reduce((s, b) => s + b.macs, 0)).toBe(g.macs);
    },
  );

  it.each([2, 3, 4])('tiny-cnn into %d blocks is the most even split of MACs (least sum of squares, by brute force)', (k) => {
    const g = graphOf('tiny-cnn');
    const cuts = cutPoints(g);
    const macsUpTo = (end: number) => g.ops.slice(0, end + 1).reduce((s, op) => s + opMacs(op), 0);
    let best = Infinity;
    const choose = (from: number, left: number, chosen: number[]): void => {
      if (left === 0) {
        const ends = [-1, ...chosen, g.ops.length - 1];
        best = Math.min(best, ends.slice(1).reduce((s, e, i) => s + (macsUpTo(e) - macsUpTo(ends[i] as number)) ** 2, 0));
        return;
      }
      for (let i = from; i < cuts.length; i++) choose(i + 1, left - 1, [...chosen, cuts[i] as number]);
    };
    choose(0, k - 1, []);
    const blocks = partitionGraph(g, k, 'tiny-cnn@224');
    expect(blocks.reduce((s, b) => s + b.macs ** 2, 0)).toBe(best);
  });

  it('names scheduler.blocks and the most blocks the model allows when asked for more', () => {
    expect(() => partitionGraph(defineModel('tiny-cnn', 32), 8, 'tiny-cnn@32')).toThrow(
      'scheduler.blocks: tiny-cnn@32 can be cut into at most 7 layer blocks (it has 6 cut points where a single tensor is live); got 8',
    );
  });

  it('one block is the whole model', () => {
    const g = graphOf('resnet18');
    expect(partitionGraph(g, 1, 'resnet18@224')).toEqual([{ index: 0, input: g.input, output: g.output, ops: g.ops, macs: g.macs }]);
  });
});
