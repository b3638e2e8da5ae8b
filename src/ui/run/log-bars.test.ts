// Tests of the interference chart's geometry: log ticks, log positions, grouped bar places.
import { describe, expect, it } from 'vitest';
import { groupedBars, logTicks, logY } from './log-bars';

describe('logTicks', () => {
  it.each<[number, number[]]>([
    [1, [0.5, 1, 2]],
    [1.9, [0.5, 1, 2]],
    [2, [0.5, 1, 2, 5]],
    [7.3, [0.5, 1, 2, 5, 10]],
    [31, [0.5, 1, 2, 5, 10, 20, 50]],
  ])('max %d: %j', (max, ticks) => {
    expect(logTicks(max)).toEqual(ticks);
  });
});

describe('logY', () => {
  it('maps the ends to the ends and a geometric middle to the middle', () => {
    expect(logY(0.5, 0.5, 8, 200, 0)).toBe(200);
    expect(logY(8, 0.5, 8, 200, 0)).toBe(0);
    expect(logY(2, 0.5, 8, 200, 0)).toBeCloseTo(100, 9);
  });

  it('holds values outside the axis at its ends', () => {
    expect(logY(0.1, 0.5, 8, 200, 0)).toBe(200);
    expect(logY(100, 0.5, 8, 200, 0)).toBe(0);
  });
});

describe('groupedBars', () => {
  it('centres each group\'s bars in its band, side by side with the gap between them', () => {
    const slots = groupedBars(2, 4, 48, 400, 4);
    expect(slots).toHaveLength(2);
    for (const [g, group] of slots.entries()) {
      expect(group).toHaveLength(4);
      const first = group[0];
      const last = group[3];
      if (first === undefined || last === undefined) throw new Error('four bars');
      // Band g spans [48 + 200 g, 48 + 200 (g + 1)]: the bars' middle is the band's middle.
      expect((first.x + last.x + last.width) / 2).toBeCloseTo(48 + 200 * g + 100, 9);
      for (let k = 1; k < 4; k++) expect((group[k]?.x ?? 0) - (group[k - 1]?.x ?? 0)).toBeCloseTo(first.width + 4, 9);
      // A tenth of the band free on either side.
      expect(last.x + last.width - first.x).toBeCloseTo(160, 9);
    }
  });

  it('nothing to place: no slots', () => {
    expect(groupedBars(0, 4, 48, 400)).toEqual([]);
  });
});
