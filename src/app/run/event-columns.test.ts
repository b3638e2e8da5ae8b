// Tests for the page's event columns: rows come back equal to what was appended, across chunk boundaries, in the stated bytes per row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestEvent, SliceEvent } from '../../engine/engine-protocol';
import { BYTES_PER_REQUEST, BYTES_PER_SLICE, CHUNK_ROWS, RequestColumns, SliceColumns, TenantIndex } from './event-columns';
import { ms } from '../../core/units';

const event = (i: number, tenant = i % 3 === 0 ? 'b' : 'a'): RequestEvent => ({
  tenant, arrivalMs: ms(i * 1.25), startMs: ms(i * 1.25 + 0.1), endMs: ms(i * 1.25 + 0.7), batch: 1 + (i % 4), sessionBatch: 4, lane: i % 2,
  serviceMs: ms(0.6), latencyMs: ms(0.7 + i * 1e-9), gpuMs: i % 5 === 0 ? null : ms(0.5), timing: 'wall-clock',
});
const slice = (i: number): SliceEvent => ({ lane: i % 2, tenant: i % 2 === 0 ? 'a' : 'b', startMs: ms(i / 3), endMs: ms(i / 3 + 0.25), batch: 2, block: i % 4, blocks: 4 });

describe('event columns', () => {
  it.each([0, 1, CHUNK_ROWS - 1, CHUNK_ROWS, CHUNK_ROWS + 1, 3 * CHUNK_ROWS + 17])('%d requests and slices come back equal, in order', (n) => {
    const tenants = new TenantIndex(['a', 'b']);
    const requests = new RequestColumns(tenants);
    const slices = new SliceColumns(tenants);
    for (let i = 0; i < n; i++) {
      requests.append(event(i));
      slices.append(slice(i));
    }
    expect(requests.length).toBe(n);
    for (const i of [0, 1, CHUNK_ROWS - 1, CHUNK_ROWS, n - 1].filter((k) => k >= 0 && k < n)) {
      expect(requests.at(i)).toEqual(event(i));
      expect(slices.at(i)).toEqual(slice(i));
    }
    expect(requests.at(n)).toBeUndefined();
    expect(slices.at(-1)).toBeUndefined();
    // The stated bound: bytes per row, plus at most one partly filled chunk.
    expect(requests.bytes).toBeLessThanOrEqual(n * BYTES_PER_REQUEST + CHUNK_ROWS * BYTES_PER_REQUEST);
    expect(slices.bytes).toBeLessThanOrEqual(n * BYTES_PER_SLICE + CHUNK_ROWS * BYTES_PER_SLICE);
  });

  it('keeps the keys in the engine order (so the exported JSON is unchanged)', () => {
    const requests = new RequestColumns(new TenantIndex([]));
    requests.append(event(3));
    expect(JSON.stringify(requests.at(0))).toBe(JSON.stringify(event(3)));
  });

  it('keeps user names of any text as given (a Map, not an object)', () => {
    const tenants = new TenantIndex(['__proto__']);
    const requests = new RequestColumns(tenants);
    for (const name of ['__proto__', 'constructor', 'a', '__proto__']) requests.append(event(1, name));
    expect([0, 1, 2, 3].map((i) => requests.at(i)?.tenant)).toEqual(['__proto__', 'constructor', 'a', '__proto__']);
  });

  it('fuzz: any finite event round-trips exactly', () => {
    const requestArb = fc.record({
      tenant: fc.string({ maxLength: 8 }), arrivalMs: fc.double({ noNaN: true, noDefaultInfinity: true }), startMs: fc.double({ noNaN: true, noDefaultInfinity: true }),
      endMs: fc.double({ noNaN: true, noDefaultInfinity: true }), batch: fc.integer({ min: 1, max: 1024 }), sessionBatch: fc.integer({ min: 1, max: 1024 }),
      lane: fc.integer({ min: 0, max: 15 }), serviceMs: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), latencyMs: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      gpuMs: fc.option(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })), timing: fc.constant('wall-clock' as const),
    });
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 50 }), (events) => {
        const columns = new RequestColumns(new TenantIndex([]));
        // The arbitrary draws plain numbers; Ms is a brand of the type only.
        for (const e of events) columns.append(e as unknown as RequestEvent);
        // -0 is kept as 0 in JSON anyway; the columns may give -0 back, which JSON writes as 0.
        expect(events.map((_, i) => JSON.stringify(columns.at(i)))).toEqual(events.map((e) => JSON.stringify(e)));
      }),
      { seed: 10, numRuns: 200 },
    );
  });
});
