// The one queue of chart refreshes (one per macrotask, oldest first) and the performance measure of each refresh.

/** Prefix of the performance measure of one chart's refresh (render and commit), e.g. 'tenancy-lab:chart:throughput'. */
export const CHART_MEASURE_PREFIX = 'tenancy-lab:chart:';

/** Refreshes waiting for their turn, oldest first; one runs per macrotask. */
const queue: (() => void)[] = [];
let pumping = false;

/** Refreshes since a chart's measures were last cleared, by chart label. */
const measured = new Map<string, number>();
/**
 * Most measures one chart keeps in the performance timeline: the browser keeps every entry until it is
 * cleared (bench:soak found 1,630 of them growing the page), and the UI benchmark reads only the last
 * seconds. Past it the chart's measures are cleared and counting starts again.
 */
export const MAX_CHART_MEASURES = 4096;

function pump(): void {
  const job = queue.shift();
  try {
    job?.();
  } finally {
    // A refresh that throws (a render error) must not stop the pump: the charts queued behind it still refresh.
    if (queue.length > 0) setTimeout(pump, 0);
    else pumping = false;
  }
}

/** Records one chart refresh as a performance measure, clearing that chart's measures every {@link MAX_CHART_MEASURES}. */
export function measureRefresh(label: string, startMs: number): void {
  const name = `${CHART_MEASURE_PREFIX}${label}`;
  const count = (measured.get(name) ?? 0) + 1;
  if (count > MAX_CHART_MEASURES) {
    performance.clearMeasures(name);
    measured.set(name, 1);
  } else {
    measured.set(name, count);
  }
  performance.measure(name, { start: startMs, end: performance.now() });
}

/** Queues one chart refresh; it runs in a macrotask of its own after every refresh queued before it. */
export function enqueueRefresh(job: () => void): void {
  queue.push(job);
  if (!pumping) {
    pumping = true;
    setTimeout(pump, 0);
  }
}
