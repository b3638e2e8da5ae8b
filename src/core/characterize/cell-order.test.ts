// Tests of the cell order: every pair in both modes exactly once, time-sliced first, and fewer sessions made than in pair order.
import { describe, expect, it } from 'vitest';
import { cellOrder, sessionCost, type PlannedCell } from './cell-order';

const sessionsMade = sessionCost;

describe('cellOrder', () => {
  it.each([[['a']], [['a', 'b']], [['a', 'b', 'c']], [['a', 'b', 'c', 'd']]])('covers every pair of %j in both modes once, time-sliced first', (models) => {
    const order = cellOrder(models, [models[models.length - 1] ?? '']);
    const n = models.length;
    expect(order).toHaveLength(n * (n + 1));
    const keys = order.map((c) => `${c.mode}:${c.models.join('+')}`);
    expect(new Set(keys).size).toBe(keys.length);
    const firstConcurrent = order.findIndex((c) => c.mode === 'concurrent');
    expect(order.slice(firstConcurrent).every((c) => c.mode === 'concurrent')).toBe(true);
    for (const c of order) expect(models.indexOf(c.models[0])).toBeLessThanOrEqual(models.indexOf(c.models[1]));
  });

  it('makes fewer sessions than pair order for three models', () => {
    const models = ['a', 'b', 'c'];
    const naive: PlannedCell[] = [];
    for (const mode of ['time-sliced', 'concurrent'] as const) for (let i = 0; i < 3; i++) for (let j = i; j < 3; j++) naive.push({ mode, models: [models[i] ?? '', models[j] ?? ''] });
    const ordered = cellOrder(models, ['c']);
    expect(sessionsMade(ordered, ['c'])).toBeLessThan(sessionsMade(naive, ['c']));
    expect(ordered[0]?.models).toEqual(['c', 'c']);
  });

  it('makes a heavy model\'s session only twice (the fewest: the concurrent cells need it on both lanes) and weighs sessions by cost', () => {
    const heavy = (m: string) => (m === 'c' ? 10 : 1);
    const ordered = cellOrder(['a', 'b', 'c'], ['c'], heavy);
    expect(sessionsMade(ordered, ['c'], (m) => (m === 'c' ? 1 : 0))).toBe(2);
    expect(sessionsMade(ordered, ['c'], heavy)).toBeLessThanOrEqual(sessionsMade(cellOrder(['a', 'b', 'c'], ['c']), ['c'], heavy));
  });

  it('orders eight models (72 cells)', () => {
    const models = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    expect(cellOrder(models, ['h'], (m) => models.indexOf(m) + 1)).toHaveLength(72);
  });
});
