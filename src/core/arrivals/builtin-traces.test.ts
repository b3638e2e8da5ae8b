// Tests for replaying the built-in production traces: time scaling, looping, the schema, and the lesson in simulation.
import { describe, expect, it } from 'vitest';
import { scaleLoad } from '../analysis/scale-load';
import { parseExperiment, SCHEMA_VERSION, type Experiment, type Tenant } from '../experiment';
import { simulateExperiment } from '../sim';
import { ms, perSec } from '../units';
import { BUILTIN_TRACE_IDS, BUILTIN_TRACE_SPAN_S, BUILTIN_TRACES, gapCv, scaledGapsMs, scaledStartMs, windowScaleMsPerUs } from './builtin-traces';
import { createArrivalSource, meanRatePerSec, resolveArrival } from './index';
import { replayArrivals } from './open-loop';

const tenant = (id: string, arrival: Tenant['arrival']): Tenant => ({
  id, model: 'resnet18', resolution: 224, batch: { kind: 'none' }, arrival, sloMs: 100, weight: 1, priority: 'best-effort', queueLimit: 256, overflow: 'drop-newest',
});
const fraction = { unit: 'capacity-fraction', value: 0.5 } as const;
/** The real-traffic preset's shape: a replayed trace beside Poisson at the same mean rate. */
const base: Experiment = {
  schemaVersion: SCHEMA_VERSION, name: 'replay', seed: 7, warmupMs: 2000, durationMs: 20_000,
  tenants: [tenant('trace', { kind: 'replay', trace: 'azure-llm-2023-conv', rate: fraction }), tenant('poisson', { kind: 'poisson', rate: fraction })],
  scheduler: { policy: 'fcfs', granularity: 'inference' }, lanes: { mode: 'concurrent', dispatchDepth: 1 },
};
const fixed10 = { byModel: { resnet18: { kind: 'fixed', ms: 10, perExtraItemMs: 0 } }, contentionPerExtraLane: 0 } as const;

const drain = (source: ReturnType<typeof replayArrivals>): number[] => {
  const out: number[] = [];
  for (let t = source.mode === 'open' ? source.next() : undefined; t !== undefined; t = source.mode === 'open' ? source.next() : undefined) out.push(t);
  return out;
};

describe('built-in traces', () => {
  it.each(BUILTIN_TRACE_IDS.map((id) => [id]))('%s: 2,000 gaps, none negative, burstier than Poisson', (id) => {
    const gaps = BUILTIN_TRACES[id].gapsUs;
    expect(gaps).toHaveLength(2000);
    expect(gaps.every((g) => Number.isInteger(g) && g >= 0)).toBe(true);
    expect(gapCv(id)).toBeGreaterThan(1);
  });

  it.each([[0.5], [7], [250], [1000]])('time-scales to exactly the asked mean rate (%d req/s)', (rate) => {
    for (const id of BUILTIN_TRACE_IDS) {
      const gaps = scaledGapsMs(id, rate);
      const spanMs = gaps.reduce((a, b) => a + b, 0);
      expect((gaps.length * 1000) / spanMs).toBeCloseTo(rate, 9);
      // The shape is kept: every gap is the original times one factor.
      const factor = (gaps[1] ?? 0) / (BUILTIN_TRACES[id].gapsUs[1] ?? 1);
      gaps.forEach((g, i) => expect(g).toBeCloseTo((BUILTIN_TRACES[id].gapsUs[i] ?? 0) * factor, 6));
    }
  });

  it('replays in a loop until the end, the same for every seed, all instants before the end', () => {
    const gaps = [1, 2, 3];
    expect(drain(replayArrivals(gaps, ms(20)))).toEqual([1, 3, 6, 7, 9, 12, 13, 15, 18, 19]);
    expect(drain(replayArrivals(gaps, ms(1)))).toEqual([]);
    expect(() => replayArrivals([0, 0], ms(10))).toThrow();
  });

  it.each(BUILTIN_TRACE_IDS.map((id) => [id]))('%s: the span the schema checks starts against is the data\'s', (id) => {
    const spanUs = BUILTIN_TRACES[id].gapsUs.reduce((a, b) => a + b, 0);
    expect(BUILTIN_TRACE_SPAN_S[id]).toBeCloseTo(spanUs / 1e6, 6);
  });

  it.each([
    ['at 0: as before', 0, [1, 3, 6, 7, 9, 12, 13, 15, 18, 19]],
    ['inside a gap', 2, [1, 4, 5, 7, 10, 11, 13, 16, 17, 19]],
    ['on an arrival', 3, [0, 3, 4, 6, 9, 10, 12, 15, 16, 18]],
    ['a whole loop on', 6, [0, 1, 3, 6, 7, 9, 12, 13, 15, 18, 19]],
  ])('starts %s into the loop (%d ms), what came before it at the end of the loop', (_, startMs, expected) => {
    expect(drain(replayArrivals([1, 2, 3], ms(20), startMs))).toEqual(expected);
  });

  it('refuses a start that is not a finite instant >= 0', () => {
    for (const bad of [-1, Infinity, NaN]) expect(() => replayArrivals([1, 2, 3], ms(20), bad)).toThrow();
  });

  it('time-scales the start with the gaps: the arrivals from it are the unshifted replay\'s later ones', () => {
    const at = (startAtS: number) => resolveArrival({ ...base.tenants[0], arrival: { kind: 'replay', trace: 'azure-llm-2023-code', rate: { unit: 'per-sec', value: 20 }, startAtS } } as Tenant, {});
    const shifted = at(180);
    if (shifted.kind !== 'replay') throw new Error(shifted.kind);
    expect(shifted.startMs).toBeCloseTo(scaledStartMs('azure-llm-2023-code', 20, 180), 9);
    // 180 s of an 853.1 s trace: the same fraction of the scaled loop (2,000 arrivals at 20 req/s: 100 s).
    expect(shifted.startMs).toBeCloseTo((180 / BUILTIN_TRACE_SPAN_S['azure-llm-2023-code']) * 100_000, 3);
    const whole = drain(createArrivalSource(at(0), { next: () => 0.5 } as never, ms(200_000)) as ReturnType<typeof replayArrivals>);
    const fromStart = drain(createArrivalSource(shifted, { next: () => 0.5 } as never, ms(50_000)) as ReturnType<typeof replayArrivals>);
    const later = whole.filter((t) => t >= shifted.startMs).map((t) => t - shifted.startMs).filter((t) => t < 50_000);
    expect(fromStart).toHaveLength(later.length);
    fromStart.forEach((t, i) => expect(t).toBeCloseTo(later[i] ?? NaN, 6));
  });

  it('the schema takes a start below the trace\'s span and refuses one at or past it, or negative, naming the field', () => {
    const withStart = (startAtS: number) => parseExperiment({ ...base, tenants: [{ ...base.tenants[0], arrival: { kind: 'replay', trace: 'azure-llm-2023-conv', rate: fraction, startAtS } }, base.tenants[1]] });
    expect(withStart(0).ok).toBe(true);
    expect(withStart(424).ok).toBe(true);
    for (const bad of [424.61, 853, -1]) {
      const out = withStart(bad);
      expect(out.ok, String(bad)).toBe(false);
      if (!out.ok) expect(out.issues[0]?.path).toBe('tenants[0].arrival.startAtS');
    }
  });

  it('resolves a capacity-fraction rate against the solo capacity; the mean rate is that rate', () => {
    const resolved = resolveArrival(base.tenants[0] as Tenant, { 'resnet18@224': 200 });
    expect(resolved).toMatchObject({ kind: 'replay', trace: 'azure-llm-2023-conv', ratePerSec: perSec(100) });
    expect(meanRatePerSec(resolved)).toBe(100);
    const source = createArrivalSource(resolved, { next: () => 0.5 } as never, ms(100_000));
    const n = drain(source as ReturnType<typeof replayArrivals>).length;
    // 100 s at a mean of 100 req/s: the 2,000 real gaps replayed five times over.
    expect(n).toBeGreaterThanOrEqual(9999);
    expect(n).toBeLessThanOrEqual(10_000);
  });

  it('the schema takes a built-in trace and refuses another name, naming the field', () => {
    const ok = parseExperiment(base);
    expect(ok.ok).toBe(true);
    const bad = parseExperiment({ ...base, tenants: [{ ...base.tenants[0], arrival: { kind: 'replay', trace: 'my-trace', rate: { unit: 'per-sec', value: 5 } } }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toBe('tenants[0].arrival.trace');
  });

  it('load scaling keeps a replay\'s start (in the original trace\'s seconds)', () => {
    const started: Experiment = { ...base, tenants: [{ ...base.tenants[0], arrival: { kind: 'replay', trace: 'azure-llm-2023-conv', rate: fraction, startAtS: 90 } } as Tenant, base.tenants[1] as Tenant] };
    const scaled = scaleLoad(started, fixed10, 2, { warmupMs: 2000, durationMs: 20_000, minDurationMs: 0 });
    expect(scaled.tenants[0]?.arrival).toEqual({ kind: 'replay', trace: 'azure-llm-2023-conv', rate: { unit: 'per-sec', value: 100 }, startAtS: 90 });
  });

  it('load scaling scales a replay\'s rate with the others', () => {
    const scaled = scaleLoad(base, fixed10, 2, { warmupMs: 2000, durationMs: 20_000, minDurationMs: 0 });
    // Solo capacity 100 req/s (10 ms fixed): 0.5 of it, doubled.
    expect(scaled.tenants[0]?.arrival).toEqual({ kind: 'replay', trace: 'azure-llm-2023-conv', rate: { unit: 'per-sec', value: 100 } });
  });

  it('the lesson in simulation: at the same mean load the trace tenant\'s p99 is well above the Poisson tenant\'s', () => {
    const result = simulateExperiment({ ...base, durationMs: 120_000, serviceModel: fixed10 });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const trace = result.report.perTenant.trace;
    const poisson = result.report.perTenant.poisson;
    expect(trace?.measured.completed).toBeGreaterThan(1000);
    expect(poisson?.measured.completed).toBeGreaterThan(1000);
    const [traceP99, poissonP99] = [trace?.latencyMs.p99.value ?? 0, poisson?.latencyMs.p99.value ?? Infinity];
    // Measured here: 49.9 ms against 42.5 ms (10 ms fixed service, each tenant alone on its lane at load 0.5).
    expect(traceP99).toBeGreaterThan(1.1 * poissonP99);
  });
});

describe('windowScaleMsPerUs: a replay started into its trace offers its rate over the run', () => {
  it.each([
    ['azure-llm-2023-code', 193, 1, 22_000],
    ['azure-llm-2023-code', 193, 18, 22_000],
    ['azure-llm-2023-code', 193, 35, 5_500],
    ['azure-llm-2023-conv', 50, 10, 22_000],
    ['azure-llm-2023-code', 3000, 200, 60_000],
  ] as const)('%s from %d s at %d req/s over %d ms: the window holds rate x window arrivals', (trace, startAtS, ratePerSec, windowMs) => {
    const scale = windowScaleMsPerUs(trace, ratePerSec, startAtS, windowMs);
    const source = replayArrivals(BUILTIN_TRACES[trace].gapsUs.map((g) => g * scale), ms(windowMs), startAtS * 1e6 * scale);
    let n = 0;
    while (source.next() !== undefined) n++;
    const wanted = (ratePerSec * windowMs) / 1000;
    // The count is a step function of the scale: arrivals at one instant (a burst) can overshoot by their number;
    // one arrival may sit on the window's end.
    expect(n).toBeGreaterThanOrEqual(Math.floor(wanted) - 1);
    expect(n).toBeLessThanOrEqual(Math.ceil(wanted * 1.25) + 2);
  });

  it('falls back to the whole trace\'s scale when the window wants under one arrival', () => {
    const whole = scaledGapsMs('azure-llm-2023-code', 0.01);
    const scale = windowScaleMsPerUs('azure-llm-2023-code', 0.01, 193, 1000);
    expect(BUILTIN_TRACES['azure-llm-2023-code'].gapsUs[5]! * scale).toBeCloseTo(whole[5]!, 6);
  });
});

describe('a replay from startAtS in a run with a warm-up', () => {
  it.each([[1], [9], [35], [120]])('%d req/s: startAtS lines up with the measured window, which holds rate x duration arrivals and the burst', (ratePerSec) => {
    const window = { warmupMs: 2000, durationMs: 20_000 };
    const replay = { kind: 'replay', trace: 'azure-llm-2023-code', rate: { unit: 'per-sec', value: ratePerSec }, startAtS: 193 } as const;
    const resolved = resolveArrival({ ...tenant('t', replay) }, {}, window);
    if (resolved.kind !== 'replay') throw new Error('not a replay');
    const source = replayArrivals(resolved.gapsMs, ms(window.warmupMs + window.durationMs), resolved.startMs);
    const measured: number[] = [];
    for (let at = source.next(); at !== undefined; at = source.next()) if (at >= window.warmupMs) measured.push(at);
    const wanted = (ratePerSec * window.durationMs) / 1000;
    expect(measured.length).toBeGreaterThanOrEqual(Math.floor(wanted) - 1);
    expect(measured.length).toBeLessThanOrEqual(Math.ceil(wanted * 1.25) + 2);
    // The trace's burst (124 requests within half a second of trace time at 195.3 s) is inside the measured window:
    // some 500 ms of it holds far more than the mean rate's share.
    const busiest = measured.reduce((most, at, i) => Math.max(most, measured.filter((b, j) => j >= i && b < at + 500).length), 0);
    expect(busiest).toBeGreaterThanOrEqual(3);
    expect(busiest).toBeGreaterThan(ratePerSec * 0.5 * 3);
  });
});
