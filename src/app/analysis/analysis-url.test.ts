// Analyze settings in the URL query: round trips, other parameters kept, any query read without throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../core/experiment';
import { DEFAULT_ANALYSIS_SETTINGS } from './analysis-controller';
import { settingsFromQuery, settingsToQuery } from './analysis-url';

describe('analysis settings in the URL', () => {
  it('round-trips any settings and keeps other parameters', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.subarray([...POLICIES]), fc.boolean(), (sloRate, pricePerHour, policies, plan) => {
        const settings = { sloRate, pricePerHour, policies, plan };
        const query = settingsToQuery(settings, 'debug=1');
        expect(new URLSearchParams(query).get('debug')).toBe('1');
        expect(settingsFromQuery(query)).toEqual(settings);
      }),
    );
  });

  it.each([
    ['', {}],
    ['?slo=abc', { sloRate: 'abc' }],
    ['policies=edf,lifo,fcfs&plan=0', { policies: ['fcfs', 'edf'], plan: false }],
  ] as const)('%j reads as %j', (query, expected) => {
    expect(settingsFromQuery(query)).toEqual(expected);
  });

  it('reads any text without throwing (fuzz)', () => {
    fc.assert(fc.property(fc.string(), (query) => {
      const read = settingsFromQuery(query);
      expect(typeof read).toBe('object');
      expect({ ...DEFAULT_ANALYSIS_SETTINGS, ...read }.policies.every((p) => (POLICIES as readonly string[]).includes(p))).toBe(true);
    }));
  });
});
