// Staggered chart refreshes: each chart takes new data in a task of its own, so no refresh is one long main-thread task.
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** Prefix of the performance measure of one chart's refresh (render and commit), e.g. 'tenancy-lab:chart:throughput'. */
export const CHART_MEASURE_PREFIX = 'tenancy-lab:chart:';

/** Refreshes waiting for their turn, oldest first; one runs per macrotask. */
const queue: (() => void)[] = [];
let pumping = false;

function pump(): void {
  const job = queue.shift();
  job?.();
  if (queue.length > 0) setTimeout(pump, 0);
  else pumping = false;
}

/**
 * `value`, handed to the component one refresh at a time: null at first, then each new value in a task
 * of its own after the charts queued before it (mounting included), at most once per `minIntervalMs`.
 * `label` names the chart in the performance measures. recharts takes tens of ms per chart on a slow
 * machine, and drawing all of them in one task blocks input for hundreds.
 */
export function useStaggered<T>(value: T, label: string, minIntervalMs = 0): T | null {
  const [shown, setShown] = useState<T | null>(null);
  const lastMs = useRef(-Infinity);
  useEffect(() => {
    let cancelled = false;
    const job = (): void => {
      if (cancelled) return;
      const startMs = performance.now();
      lastMs.current = startMs;
      flushSync(() => setShown(value));
      // One entry per chart refresh: the UI benchmark reads refresh rates and costs from these.
      performance.measure(`${CHART_MEASURE_PREFIX}${label}`, { start: startMs, end: performance.now() });
    };
    const enqueue = (): void => {
      queue.push(job);
      if (!pumping) {
        pumping = true;
        setTimeout(pump, 0);
      }
    };
    // Throttled with a trailing edge: a newer value replaces a waiting one, and the last value is always drawn.
    const waitMs = minIntervalMs - (performance.now() - lastMs.current);
    const timer = waitMs > 0 ? setTimeout(enqueue, waitMs) : undefined;
    if (timer === undefined) enqueue();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [value, label, minIntervalMs]);
  return shown;
}
