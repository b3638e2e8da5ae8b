// Bounds the schema puts on an experiment where physics (or the lab's purpose) sets them; README states them.

/** Longest time any field may give (warm-up, duration, SLO, service time, dwell, queue delay, trace instant), ms: one day. */
export const MAX_MS = 86_400_000;
/** Shortest service time a model may take, ms: one microsecond (no kernel launch is faster). */
export const MIN_SERVICE_MS = 0.001;
/** Highest absolute request rate, req/s: one request per microsecond. */
export const MAX_RATE_PER_SEC = 1_000_000;
/** Widest service-time spread, p99 / median (a log-normal with a larger one has no finite use). */
export const MAX_P99_OVER_MEDIAN = 1000;
/** Smallest and largest tenant weight (their ratio bounds the weighted-fair virtual clocks). */
export const MIN_WEIGHT = 0.001;
export const MAX_WEIGHT = 1000;
/** Smallest Gamma coefficient of variation (shape 1/cv^2 = 10^4). */
export const MIN_CV = 0.01;
/** Most MMPP state switches a run may need at the mean dwell: (warmupMs + durationMs) / meanDwellMs. */
export const MAX_MMPP_SWITCHES = 10_000_000;
/** Most instants in a trace. */
export const MAX_TRACE_POINTS = 1_000_000;
/** Largest per-tenant queue limit. */
export const MAX_QUEUE_LIMIT = 1_000_000;
/** Most models in a service model. */
export const MAX_SERVICE_MODELS = 64;
/** Largest contention factor per extra busy lane. */
export const MAX_CONTENTION = 100;
/** Largest batch any field may name (the simulator tabulates 1..MAX_BATCH). */
export const MAX_BATCH_SIZE = 256;
