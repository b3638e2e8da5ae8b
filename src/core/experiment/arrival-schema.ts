// Zod schemas for a tenant's request rate and arrival process (part of the Experiment schema).
import { z } from 'zod';
import { BUILTIN_TRACE_IDS, BUILTIN_TRACE_SPAN_S } from '../arrivals/builtin-trace-ids';
import { cappedArray } from './capped-array';
import { MAX_BATCH_SIZE, MAX_MS, MAX_RATE_PER_SEC, MAX_TRACE_POINTS, MIN_CV } from './bounds';

const rateMessage = `expected at most ${String(MAX_RATE_PER_SEC)} requests per second`;
const dayMessage = `expected at most ${String(MAX_MS)} ms (one day)`;

/**
 * A request rate: absolute (`per-sec`, requests per second) or a fraction of the
 * device's measured solo capacity for the tenant's model and resolution
 * (`capacity-fraction`, 1 = the solo peak), so a scenario ports between devices.
 */
export const RateSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('per-sec'), value: z.number().positive().max(MAX_RATE_PER_SEC, rateMessage) }),
  z.strictObject({ unit: z.literal('capacity-fraction'), value: z.number().positive().max(100) }),
]);
export type Rate = z.infer<typeof RateSchema>;

/** An MMPP state rate: like {@link RateSchema} but 0 is allowed (an "off" state). */
const StateRateSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('per-sec'), value: z.number().nonnegative().max(MAX_RATE_PER_SEC, rateMessage) }),
  z.strictObject({ unit: z.literal('capacity-fraction'), value: z.number().nonnegative().max(100) }),
]);

/** A dwell time, ms (the experiment also bounds the switches it implies; see schema.ts). */
const positiveMs = z.number().positive().max(MAX_MS, dayMessage);

/**
 * How requests arrive. All open-loop processes produce scheduled arrival times
 * (ms from the start of the run); latency is counted from those (LoadGen's rule).
 * - `closed-loop`: `outstanding` requests in flight; each completion or drop issues the next one at once.
 * - `constant`: evenly spaced at `rate` (random phase from the seed).
 * - `poisson`: exponential inter-arrival times with mean 1/rate.
 * - `gamma`: Gamma inter-arrival times with mean 1/rate and coefficient of variation `cv` in [0.01, 10] (cv=1 is Poisson, >1 bursty).
 * - `mmpp`: two-state Markov-modulated Poisson process; state i emits Poisson at `rates[i]`
 *   and lasts an exponential time with mean `meanDwellMs[i]`. Long-run rate = dwell-weighted mean of the rates.
 * - `trace`: replay of the given arrival timestamps (ms from the start, non-decreasing).
 * - `replay`: a real production trace the lab ships (`trace`, e.g. the Azure LLM 2023 conversation
 *   service), time-scaled so its mean rate is `rate`, looped until the run ends; its bursts keep their shape.
 *   `startAtS` (default 0): where in the trace the replay starts, seconds of the original trace (before
 *   time-scaling, below the excerpt's span); what comes before it is replayed at the end of the first loop.
 */
export const ArrivalSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('closed-loop'), outstanding: z.int().min(1).max(4096) }),
  z.strictObject({ kind: z.literal('constant'), rate: RateSchema }),
  z.strictObject({ kind: z.literal('poisson'), rate: RateSchema }),
  z.strictObject({ kind: z.literal('gamma'), rate: RateSchema, cv: z.number().min(MIN_CV).max(10) }),
  z
    .strictObject({ kind: z.literal('replay'), trace: z.enum(BUILTIN_TRACE_IDS), rate: RateSchema, startAtS: z.number().nonnegative().max(MAX_MS / 1000).optional() })
    .check((ctx) => {
      const spanS = BUILTIN_TRACE_SPAN_S[ctx.value.trace];
      const startAtS = ctx.value.startAtS;
      if (startAtS !== undefined && startAtS >= spanS) {
        ctx.issues.push({ code: 'custom', input: startAtS, path: ['startAtS'], message: `expected a start within the trace's ${spanS.toFixed(1)} s (below ${String(spanS)})` });
      }
    }),
  z
    .strictObject({
      kind: z.literal('mmpp'),
      rates: z.tuple([StateRateSchema, StateRateSchema]),
      meanDwellMs: z.tuple([positiveMs, positiveMs]),
    })
    .check((ctx) => {
      if (ctx.value.rates.every((r) => r.value === 0)) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value.rates,
          path: ['rates'],
          message: 'expected at least one state with a rate above 0',
        });
      }
    }),
  z
    .strictObject({ kind: z.literal('trace'), timestampsMs: cappedArray(z.number().nonnegative().max(MAX_MS, dayMessage), { min: 1, max: MAX_TRACE_POINTS, what: 'timestamps' }) })
    .check((ctx) => {
      const ts = ctx.value.timestampsMs;
      for (let i = 1; i < ts.length; i++) {
        if ((ts[i] ?? 0) < (ts[i - 1] ?? 0)) {
          ctx.issues.push({
            code: 'custom',
            input: ts[i],
            path: ['timestampsMs', i],
            message: `expected non-decreasing timestamps (${String(ts[i])} < ${String(ts[i - 1])})`,
          });
          return;
        }
      }
    }),
]);
export type Arrival = z.infer<typeof ArrivalSchema>;
export type ArrivalKind = Arrival['kind'];

/**
 * Batch policy. `none`: one request per inference. `dynamic`: Triton-style, wait up to
 * `maxQueueDelayMs` for up to `maxBatch` requests. `adaptive`: iGniter-style, the batch size
 * (<= maxBatch) is chosen so that the batch's service time fits in SLO/2.
 */
export const BatchSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('dynamic'),
    maxBatch: z.int().min(1).max(MAX_BATCH_SIZE),
    maxQueueDelayMs: z.number().nonnegative().max(MAX_MS, dayMessage),
  }),
  z.strictObject({ kind: z.literal('adaptive'), maxBatch: z.int().min(1).max(MAX_BATCH_SIZE) }),
]);
export type BatchPolicy = z.infer<typeof BatchSchema>;
