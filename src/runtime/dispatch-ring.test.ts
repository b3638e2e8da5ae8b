import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DispatchRing, RING_SLOTS, RING_STRING_BYTES, type RingDispatch } from './dispatch-ring';

const whole = (id: number, key = 'tiny-cnn@64', requests = 1): RingDispatch => ({ id, key, requests, block: null, carry: '' });

describe('DispatchRing', () => {
  it('hands a written dispatch to a reader of the same memory', () => {
    const buffer = DispatchRing.allocate();
    const writer = new DispatchRing(buffer);
    const reader = new DispatchRing(buffer);
    expect(writer.write(whole(7, 'resnet18@224', 4))).toBe(true);
    expect(reader.read(7)).toEqual(whole(7, 'resnet18@224', 4));
    const block: RingDispatch = { id: 8, key: 'résnet@64/4', requests: 2, block: 3, carry: 'a#12' };
    expect(writer.write(block)).toBe(true);
    expect(reader.read(8)).toEqual(block);
  });

  it.each([
    ['an id not written', 3],
    ['an id overwritten by one a ring later', 1],
    ['id 0', 0],
    ['a negative id', -1],
  ])('reads nothing for %s', (_what, id) => {
    const ring = new DispatchRing(DispatchRing.allocate());
    ring.write(whole(1));
    ring.write(whole(1 + RING_SLOTS));
    expect(ring.read(id)).toBeNull();
  });

  it('refuses what does not fit, so that it goes by message only', () => {
    const ring = new DispatchRing(DispatchRing.allocate());
    expect(ring.write(whole(1, 'k'.repeat(RING_STRING_BYTES + 1)))).toBe(false);
    expect(ring.read(1)).toBeNull();
    expect(ring.write(whole(2 ** 31))).toBe(false);
  });

  it('refuses memory of another size', () => {
    expect(() => new DispatchRing(new SharedArrayBuffer(64))).toThrow(/takes \d+ bytes, got 64/);
  });

  it('reads back exactly what was written for any key, carry, block and batch', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0x7fffffff }),
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.option(fc.nat({ max: 64 })),
        fc.integer({ min: 1, max: 64 }),
        (id, key, carry, block, requests) => {
          const ring = new DispatchRing(DispatchRing.allocate());
          const d: RingDispatch = { id, key, requests, block, carry: block === null ? '' : carry };
          expect(ring.write(d)).toBe(true);
          expect(ring.read(id)).toEqual(d);
        },
      ),
      { seed: 1202 },
    );
  });
});
