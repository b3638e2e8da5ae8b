// Tests of the run notice read from a run's summary and series (the scripted fixture: service 8 ms against a 4 ms solo profile).
import { describe, expect, it } from 'vitest';
import { sampleOf } from './run-record';
import { noticeOfRun } from './run-notice';
import { SeriesBuilder } from './run-series';
import { FIXTURE_PROFILES, fixtureExperiment, fixtureUpdates } from './run-test-fixture';

/** The fixture's final summary and series. */
function fixtureRun() {
  const experiment = fixtureExperiment();
  const builder = new SeriesBuilder(experiment, FIXTURE_PROFILES, 1);
  const updates = fixtureUpdates(2000);
  for (const update of updates) {
    builder.add(update.events, update.slices);
    const sample = sampleOf(update.snapshot);
    if (sample) builder.addSample(sample);
  }
  return { experiment, summary: updates.at(-1)?.snapshot.metrics ?? null, series: builder.series() };
}

describe('noticeOfRun', () => {
  it('nothing before the first measurements', () => {
    const { experiment } = fixtureRun();
    expect(noticeOfRun({ experiment, summary: null, series: null, cpu: true })).toBeNull();
  });

  it.each<[string, boolean, RegExp]>([
    ['on WASM: the CPU', true, /compete for the CPU/],
    ['on WebGPU: the GPU', false, /compete for the GPU/],
  ])('service twice the solo profile is said, with its figures (%s)', (_name, cpu, device) => {
    const notice = noticeOfRun({ ...fixtureRun(), cpu });
    expect(notice?.inflated.map((t) => t.id)).toEqual(['a', 'b']);
    expect(notice?.inflated[0]?.ratio).toBeCloseTo(2, 1);
    // a: about 100/s x 8 ms, b: about 20/s x 8 ms: under the lane's capacity.
    expect(notice?.overloaded).toEqual([]);
    const text = notice?.sentences.join(' ') ?? '';
    expect(text).toMatch(/up to 2\.0× slower than the solo profile/);
    expect(text).toMatch(device);
    expect(text).toMatch(/0\.5 of capacity was really 1\.00/);
  });
});
