// Tests of the cell order: every pair in both modes exactly once, time-sliced first, and fewer sessions made than in pair order.
import { describe, expect, it } from 'vitest';
import { cellOrder, laneModels, type PlannedCell } from './cell-order';

/** Sessions made over a sequence, when each run keeps only what it needs. */
function sessionsMade(cells: readonly PlannedCell[], held: readonly string[]): number {
  let lanes: string[][] = [[...held]];
  let made = 0;
  for (const cell of cells) {
    const next = laneModels(cell);
    next.forEach((models, lane) => (made += models.filter((m) => !(lanes[lane] ?? []).includes(m)).length));
    lanes = next;
  }
  return made;
}

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
});
