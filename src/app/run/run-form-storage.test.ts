// Tests for the stored run settings: valid forms round-trip, anything else (fuzzed) reads as null without throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localRunFormStorage, parseStoredRunForm, RUN_FORM_KEY } from './run-form-storage';

/** A Map-backed Storage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('stored run settings', () => {
  it('round-trips a valid form', () => {
    const storage = localRunFormStorage(memoryStorage());
    expect(storage.load()).toBeNull();
    storage.save({ backend: 'wasm', build: 'jsep', profileRuns: 12 });
    expect(storage.load()).toEqual({ backend: 'wasm', build: 'jsep', profileRuns: 12 });
  });

  it.each([
    ['not JSON', '{backend'],
    ['an array', '[]'],
    ['null', 'null'],
    ['an unknown backend', '{"backend":"cuda","build":"jsep","profileRuns":30}'],
    ['an unknown build', '{"backend":"wasm","build":"x","profileRuns":30}'],
    ['too few profile runs', '{"backend":"wasm","build":"jsep","profileRuns":4}'],
    ['fractional profile runs', '{"backend":"wasm","build":"jsep","profileRuns":5.5}'],
    ['a prototype key', '{"__proto__":{"backend":"wasm"},"build":"jsep","profileRuns":30}'],
  ])('reads %s as no stored settings', (_name, text) => {
    expect(parseStoredRunForm(text)).toBeNull();
  });

  it('never throws and only ever returns a whole valid form (fuzzed)', () => {
    const anyJson = fc.oneof(fc.string(), fc.json(), fc.record({ backend: fc.oneof(fc.constantFrom('wasm', 'webgpu'), fc.string()), build: fc.oneof(fc.constantFrom('jsep', 'webgpu-ep'), fc.string()), profileRuns: fc.oneof(fc.integer(), fc.double()) }).map((r) => JSON.stringify(r)));
    fc.assert(
      fc.property(anyJson, (text) => {
        const form = parseStoredRunForm(text);
        if (form !== null) {
          expect(['wasm', 'webgpu']).toContain(form.backend);
          expect(['jsep', 'webgpu-ep']).toContain(form.build);
          expect(Number.isInteger(form.profileRuns) && form.profileRuns >= 5 && form.profileRuns <= 500).toBe(true);
        }
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('survives a storage that throws', () => {
    const broken = { ...memoryStorage(), getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } } as Storage;
    const storage = localRunFormStorage(broken);
    expect(storage.load()).toBeNull();
    expect(() => storage.save({ backend: 'wasm', build: 'jsep', profileRuns: 30 })).not.toThrow();
    expect(RUN_FORM_KEY).toMatch(/\.v1$/);
  });
});
