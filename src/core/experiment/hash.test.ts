// Tests for the URL-hash encoding of experiments: round trip over many generated experiments, and bad hashes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from './example';
import { experimentFromHash, experimentToHash } from './hash';
import type { Arrival } from './arrival-schema';
import type { Experiment } from './schema';

const rate = fc.record({ unit: fc.constantFrom('per-sec' as const, 'capacity-fraction' as const), value: fc.double({ min: 0.01, max: 50, noNaN: true }) });
const arrival: fc.Arbitrary<Arrival> = fc.oneof(
  fc.record({ kind: fc.constant('closed-loop' as const), outstanding: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('poisson' as const), rate }),
  fc.record({ kind: fc.constant('gamma' as const), rate, cv: fc.double({ min: 0.1, max: 10, noNaN: true }) }),
  fc.record({ kind: fc.constant('trace' as const), timestampsMs: fc.array(fc.nat(100000), { minLength: 1 }).map((t) => t.sort((a, b) => a - b)) }),
);

describe('experiment hash', () => {
  it('is URL-safe and round-trips the example', () => {
    const hash = experimentToHash(exampleExperiment());
    expect(hash).toMatch(/^x1\.[A-Za-z0-9_-]+$/);
    expect(experimentFromHash(`#${hash}`)).toEqual({ ok: true, experiment: exampleExperiment() });
  });

  it('round-trips generated experiments, including non-ASCII names', () => {
    fc.assert(
      fc.property(arrival, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(0xffffffff), (a, name, seed) => {
        const base = exampleExperiment();
        const experiment: Experiment = { ...base, name, seed, tenants: base.tenants.map((t) => ({ ...t, arrival: a })) };
        expect(experimentFromHash(experimentToHash(experiment))).toEqual({ ok: true, experiment });
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it.each([
    ['no prefix', 'eyJ9'],
    ['non-base64url characters', 'x1.ab+c/'],
    ['not JSON', `x1.${btoa('nope').replace(/=+$/, '')}`],
    ['invalid UTF-8', `x1.${btoa(String.fromCharCode(0xff, 0xfe)).replace(/=+$/, '')}`],
  ])('rejects a hash with %s at the root', (_name, hash) => {
    const result = experimentFromHash(hash);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toBe('');
  });

  it('validates what it decodes', () => {
    const bad = { ...exampleExperiment(), durationMs: -5 };
    const result = experimentFromHash(experimentToHash(bad));
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['durationMs']);
  });
});
