// Tests for the chart series: windowed throughput, latency percentiles, SLO rate with drops, runs per second, timeline, service inflation.
import { describe, expect, it } from 'vitest';
import type { SliceEvent } from '../../engine/engine-protocol';
import { sampleOf } from './run-record';
import type { RequestEvent } from '../../engine/engine-protocol';
import { chartPoints, LATENCY_WINDOW_MS, MAX_CHART_POINTS, SeriesBuilder, TIMELINE_WINDOW_MS, type SeriesPoint } from './run-series';
import { FIXTURE_PROFILES, fixtureExperiment, fixtureUpdates } from './run-test-fixture';
import { ms } from '../../core/units';

/** The fixture run fed update by update, as the controller does. */
function build(untilMs = 2000): SeriesBuilder {
  const builder = new SeriesBuilder(fixtureExperiment(), FIXTURE_PROFILES, 1);
  for (const update of fixtureUpdates(untilMs)) {
    builder.add(update.events, update.slices);
    const sample = sampleOf(update.snapshot);
    if (sample) builder.addSample(sample);
  }
  return builder;
}

describe('SeriesBuilder', () => {
  it('one point per sample, at the sample instant in seconds', () => {
    const { points, tenants, sloMs, warmupS } = build().series();
    expect(points.map((p) => p.tS)).toEqual([0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2]);
    expect(tenants).toEqual(['a', 'b']);
    expect(sloMs).toEqual([50, 20]);
    expect(warmupS).toBe(0.2);
  });

  it('tenants and SLOs are the same arrays in every series of a run (charts build their options once)', () => {
    const builder = build();
    const first = builder.series();
    const second = builder.series();
    expect(second.tenants).toBe(first.tenants);
    expect(second.sloMs).toBe(first.sloMs);
  });

  it('throughput: completions in the trailing second (the elapsed time before the first second)', () => {
    const { points } = build().series();
    const at = (s: number) => points.find((p) => p.tS === s);
    // a completes every 10 ms from 10 ms on; b every 50 ms from 30 ms on.
    expect(at(0.2)?.perSec).toEqual([100, 20]);
    expect(at(1)?.perSec).toEqual([100, 20]);
    expect(at(2)?.perSec).toEqual([100, 20]);
    expect(at(2)?.totalPerSec).toBe(120);
    expect(at(2)?.runsPerSec).toBe(120);
  });

  it('latency: nearest-rank percentiles within 1% over the trailing 2 s window, with its sample count', () => {
    const last = build().series().points.at(-1);
    const within1 = (got: readonly (number | null)[] | undefined, want: readonly number[]): void => {
      want.forEach((w, i) => expect(Math.abs((got?.[i] ?? NaN) - w)).toBeLessThanOrEqual(w * 0.01));
    };
    within1(last?.p50, [10, 30]);
    within1(last?.p99, [10, 30]);
    expect(last?.n).toEqual([200, 40]);
  });

  it('SLO rate: within-SLO completions over completions and drops of the window', () => {
    const { points } = build().series();
    expect(points.every((p) => p.slo[0] === 1)).toBe(true);
    // b always misses its 20 ms SLO (latency 30 ms) and drops one request at 1 s.
    expect(points.every((p) => p.slo[1] === 0)).toBe(true);
    expect(points.every((p) => p.queued.every((q) => q === 0))).toBe(true);
  });

  it('service inflation: lane service time over the solo latency at the session batch, measured requests only', () => {
    const [a, b] = build().series().serviceInflation;
    expect(a?.p50.value).toBeCloseTo(2, 1);
    expect(b?.p50.value).toBeCloseTo(2, 1);
    // a: requests arriving at or after the 200 ms warm-up, completed by 2000 ms.
    expect(a?.count).toBe(180);
  });

  it('service time per request: measured requests only, a batch\'s service time over its requests', () => {
    const fixture = build().series();
    expect(fixture.servicePerRequestMs[0]).toBeCloseTo(8, 1);
    const builder = new SeriesBuilder(fixtureExperiment(), FIXTURE_PROFILES, 1);
    const done = (arrivalMs: number, batch: number, serviceMs: number): RequestEvent => ({
      tenant: 'a', arrivalMs: ms(arrivalMs), startMs: ms(900), endMs: ms(1000), batch, sessionBatch: batch, lane: 0, serviceMs: ms(serviceMs), latencyMs: ms(1000 - arrivalMs), gpuMs: null, timing: 'wall-clock',
    });
    // One slice of 1 and one of 4 after warm-up (five requests, two slices); a warm-up slice of 8 is left out.
    builder.add([done(100, 8, 80), done(300, 1, 4), ...Array.from({ length: 4 }, () => done(400, 4, 12))], []);
    const { servicePerRequestMs } = builder.series();
    expect(servicePerRequestMs[0]).toBeCloseTo(3, 1);
    expect(servicePerRequestMs[1]).toBeNull();
  });

  it('the timeline holds the slices of the last seconds, oldest first', () => {
    const builder = new SeriesBuilder(fixtureExperiment(), FIXTURE_PROFILES, 2);
    const slice = (lane: number, startMs: number, endMs: number): SliceEvent => ({ lane, tenant: 'a', startMs: ms(startMs), endMs: ms(endMs), batch: 1, block: 0, blocks: 1 });
    builder.add([], [slice(0, 0, 100), slice(1, 2000, 2100), slice(0, 6900, 7000), slice(1, 7000, 7400), slice(0, 9000, 9500)]);
    builder.addSample({ atMs: 9500, arrivals: [0, 0], completed: [0, 0], dropped: [0, 0], queued: [0, 0], running: [0, 0] });
    const { timeline } = builder.series();
    expect(timeline.toMs).toBe(9500);
    expect(timeline.fromMs).toBe(9500 - TIMELINE_WINDOW_MS);
    expect(timeline.lanes).toBe(2);
    expect(timeline.slices.map((s) => s.startMs)).toEqual([6900, 7000, 9000]);
  });

  it('runs per second count only the last block of a layer-blocked batch, even when ends arrive out of order', () => {
    const builder = new SeriesBuilder(fixtureExperiment(), FIXTURE_PROFILES, 1);
    const block = (block: number, endMs: number): SliceEvent => ({ lane: 0, tenant: 'a', startMs: ms(endMs - 10), endMs: ms(endMs), batch: 1, block, blocks: 4 });
    builder.add([], [block(0, 100), block(1, 200), block(2, 300), block(3, 400), block(3, 900)]);
    builder.addSample({ atMs: 1000, arrivals: [0, 0], completed: [0, 0], dropped: [0, 0], queued: [0, 0], running: [0, 0] });
    builder.add([], [block(3, 950)]);
    builder.addSample({ atMs: 1500, arrivals: [0, 0], completed: [0, 0], dropped: [0, 0], queued: [0, 0], running: [0, 0] });
    expect(builder.series().points.map((p) => p.runsPerSec)).toEqual([2, 2]);
  });

  it('a sample older than the previous one is ignored', () => {
    const builder = build(400);
    builder.addSample({ atMs: 100, arrivals: [0, 0], completed: [0, 0], dropped: [0, 0], queued: [0, 0], running: [0, 0] });
    expect(builder.series().points.map((p) => p.tS)).toEqual([0.2, 0.4]);
  });

  it('holds what the windows cover, not the run: 200k requests at 500/s keep a few seconds of completions and slices', () => {
    const builder = new SeriesBuilder(fixtureExperiment(), FIXTURE_PROFILES, 1);
    const ratePerSec = 500;
    const stepMs = 1000 / ratePerSec;
    const total = 200_000;
    let most = { completions: 0, slices: 0 };
    let events: RequestEvent[] = [];
    let slices: SliceEvent[] = [];
    for (let i = 0; i < total; i++) {
      const endMs = 10 + i * stepMs;
      const tenant = i % 2 === 0 ? 'a' : 'b';
      events.push({ tenant, arrivalMs: ms(endMs - 3), startMs: ms(endMs - 1), endMs: ms(endMs), batch: 1, sessionBatch: 1, lane: 0, serviceMs: ms(1), latencyMs: ms(3), gpuMs: null, timing: 'wall-clock' });
      slices.push({ lane: 0, tenant, startMs: ms(endMs - 1), endMs: ms(endMs), batch: 1, block: 0, blocks: 1 });
      if (i % 100 === 99) {
        // A sample every 200 ms, as the engine posts them.
        builder.add(events, slices);
        builder.addSample({ atMs: endMs, arrivals: [0, 0], completed: [0, 0], dropped: [0, 0], queued: [0, 0], running: [0, 0] });
        events = [];
        slices = [];
        const held = builder.retained();
        most = { completions: Math.max(most.completions, held.completions), slices: Math.max(most.slices, held.slices) };
      }
    }
    // The latency window plus one sample's worth; the timeline's window plus its second of slack.
    expect(most.completions).toBeLessThanOrEqual(ratePerSec * (LATENCY_WINDOW_MS + 200) / 1000);
    expect(most.slices).toBeLessThanOrEqual(ratePerSec * (TIMELINE_WINDOW_MS + 1000 + 200) / 1000);
    const series = builder.series();
    expect(series.points.at(-1)?.perSec).toEqual([250, 250]);
    expect(series.points.at(-1)?.p50).toEqual([expect.closeTo(3, 1), expect.closeTo(3, 1)]);
    expect(series.timeline.slices.length).toBe(ratePerSec * TIMELINE_WINDOW_MS / 1000);
  });

  it.each([1, 599, 600, 601, 1199, 1200, 5000, 100_000])('chart points of %i samples: at most MAX_CHART_POINTS, first and last kept, a power-of-two stride', (n) => {
    const points = Array.from({ length: n }, (_, i) => ({ tS: i / 5 }) as unknown as SeriesPoint);
    const { points: kept, pointStride } = chartPoints(points);
    expect(kept.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    expect(Math.log2(pointStride) % 1).toBe(0);
    if (n <= MAX_CHART_POINTS) expect(kept).toEqual(points);
    // The points drawn stay put as the run grows (only the last one moves), until the stride doubles.
    const grown = chartPoints([...points, { tS: n / 5 } as unknown as SeriesPoint]);
    if (grown.pointStride === pointStride) expect(grown.points.slice(0, -1).filter((p) => kept.includes(p)).length).toBeGreaterThanOrEqual(kept.length - 1);
  });
});
