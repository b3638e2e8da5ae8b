// Tests for streamed export: the JSON and CSV parts join to exactly the text of the whole record, whatever the rows and names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestEvent, SliceEvent } from '../../engine/engine-protocol';
import { RunController, type RunEngine } from './run-controller';
import { runJsonParts, runRequestsCsv, runRequestsCsvParts, type RunRows } from './run-file';
import type { RunRecord } from './run-record';
import { fixtureExperiment, fixtureUpdates } from './run-test-fixture';
import { ms, type Ms } from '../../core/units';

/** A controller that ran the fixture (optionally with a renamed experiment). */
function fixtureController(name = 'fixture'): RunController {
  let listener: Parameters<RunEngine['onUpdate']>[0] = () => undefined;
  const engine: RunEngine = { start: () => undefined, stop: () => undefined, onUpdate: (l) => ((listener = l), () => undefined) };
  const controller = new RunController({ createEngine: () => engine, nowIso: () => '2026-12-01T12:00:00.000Z', environment: { userAgent: 'test', crossOriginIsolated: true } });
  controller.start({ ...fixtureExperiment(), name });
  for (const update of fixtureUpdates()) listener(update);
  return controller;
}

const whole = (record: RunRecord): string => JSON.stringify(record, null, 2);

describe('streamed run export', () => {
  it.each([
    ['the fixture run', 'fixture'],
    // A user's text that spells the placeholders must not move the cut.
    ['an experiment named like a placeholder', '\u0000events\u0000 "events": "\u0000slices\u0000"'],
  ])('%s: the JSON parts read from the columns join to JSON.stringify(record, null, 2)', (_name, experimentName) => {
    const controller = fixtureController(experimentName);
    const rows = controller.rows() as RunRows;
    const record = controller.record() as RunRecord;
    expect(record.events.length).toBeGreaterThan(0);
    const parts = runJsonParts(rows);
    expect(parts.join('')).toBe(whole(record));
    expect(parts.reduce((most, p) => Math.max(most, p.length), 0)).toBeLessThan(whole(record).length);
  });

  it('the requests CSV parts join to the CSV of the record', () => {
    const controller = fixtureController();
    expect(runRequestsCsvParts(controller.rows() as RunRows).join('')).toBe(runRequestsCsv(controller.record() as RunRecord));
  });

  it('fuzz: any rows (none, one, several parts) join to the JSON of the record', () => {
    const base = fixtureController().record() as RunRecord;
    const msArb = (arb: fc.Arbitrary<number>): fc.Arbitrary<Ms> => arb.map(ms);
    const eventArb = fc.record({
      tenant: fc.string({ maxLength: 6 }), arrivalMs: msArb(fc.double({ noNaN: true, noDefaultInfinity: true })), startMs: msArb(fc.integer()), endMs: msArb(fc.integer()),
      batch: fc.integer({ min: 1, max: 8 }), sessionBatch: fc.integer({ min: 1, max: 8 }), lane: fc.nat(3), serviceMs: msArb(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })),
      latencyMs: msArb(fc.double({ min: 0, max: 1e6, noNaN: true })), gpuMs: fc.option(msArb(fc.double({ min: 0, max: 10, noNaN: true }))), timing: fc.constant('wall-clock' as const),
    }) satisfies fc.Arbitrary<RequestEvent>;
    const sliceArb = fc.record({
      lane: fc.nat(3), tenant: fc.string({ maxLength: 6 }), startMs: msArb(fc.double({ noNaN: true, noDefaultInfinity: true })), endMs: msArb(fc.integer()),
      batch: fc.integer({ min: 1, max: 8 }), block: fc.nat(3), blocks: fc.integer({ min: 1, max: 4 }),
    }) satisfies fc.Arbitrary<SliceEvent>;
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 5 }), fc.array(sliceArb, { maxLength: 5 }), fc.nat(9000), (events, slices, copies) => {
        // Many copies of one event cross the part size (4096 rows) without building them all.
        const many = events.length === 0 ? events : Array.from({ length: copies }, (_, i) => events[i % events.length] as RequestEvent);
        const record: RunRecord = { ...base, events: many, slices };
        expect(runJsonParts(record).join('')).toBe(whole(record));
      }),
      { seed: 11, numRuns: 40 },
    );
  });
});
