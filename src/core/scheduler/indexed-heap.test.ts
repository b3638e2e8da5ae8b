// The indexed heap and the ring queue against plain-array models, over many random operation sequences.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexedHeap } from './indexed-heap';
import { RingQueue } from './request-queue';

const CAPACITY = 12;
const heapOp = fc.oneof(
  fc.record({ op: fc.constant('set' as const), id: fc.nat(CAPACITY - 1), primary: fc.integer({ min: 0, max: 5 }), secondary: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('remove' as const), id: fc.nat(CAPACITY - 1) }),
  fc.record({ op: fc.constant('pop' as const) }),
);

describe('IndexedHeap', () => {
  it('always yields the id with the smallest (primary, secondary, id)', () => {
    fc.assert(
      fc.property(fc.array(heapOp, { maxLength: 200 }), (ops) => {
        const heap = new IndexedHeap(CAPACITY);
        const model = new Map<number, [number, number]>();
        const smallest = (): number => {
          const sorted = [...model.entries()].sort(([a, [pa, sa]], [b, [pb, sb]]) => pa - pb || sa - sb || a - b);
          return sorted[0]?.[0] ?? -1;
        };
        for (const o of ops) {
          if (o.op === 'set') {
            heap.set(o.id, o.primary, o.secondary);
            model.set(o.id, [o.primary, o.secondary]);
          } else if (o.op === 'remove') {
            heap.remove(o.id);
            model.delete(o.id);
          } else {
            const expected = smallest();
            expect(heap.pop()).toBe(expected);
            model.delete(expected);
          }
          expect(heap.size).toBe(model.size);
          expect(heap.peek()).toBe(smallest());
          expect(heap.peekKey()).toBe(model.get(smallest())?.[0] ?? Infinity);
          for (let id = 0; id < CAPACITY; id++) expect(heap.has(id)).toBe(model.has(id));
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('RingQueue', () => {
  it('behaves as an array through growth and wrap-around', () => {
    const op = fc.oneof(fc.integer({ min: 0, max: 1000 }).map((v) => ({ op: 'push' as const, v })), fc.constant({ op: 'shift' as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new RingQueue<number>(2);
        const model: number[] = [];
        for (const o of ops) {
          if (o.op === 'push') {
            queue.push(o.v);
            model.push(o.v);
          } else {
            expect(queue.shift()).toBe(model.shift());
          }
          expect(queue.length).toBe(model.length);
          expect(queue.at(0)).toBe(model[0]);
          expect(queue.at(model.length - 1)).toBe(model[model.length - 1]);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
