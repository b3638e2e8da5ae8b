// Staggered chart refreshes: each chart takes new data in a task of its own, so no refresh is one long main-thread task.
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { enqueueRefresh, measureRefresh } from './refresh-queue';

export { CHART_MEASURE_PREFIX } from './refresh-queue';

/**
 * `value`, handed to the component one refresh at a time: null at first, then each new value in a task
 * of its own after the charts queued before it (mounting included), at most once per `minIntervalMs`.
 * `label` names the chart in the performance measures. recharts takes tens of ms per chart on a slow
 * machine, and drawing all of them in one task blocks input for hundreds. A chart has at most one
 * refresh waiting, which draws the newest value when its turn comes: when refreshes take longer than
 * values come (a loaded machine), the queue does not grow, nor does memory with the values it held.
 */
export function useStaggered<T>(value: T, label: string, minIntervalMs = 0): T | null {
  const [shown, setShown] = useState<T | null>(null);
  const lastMs = useRef(-Infinity);
  const latest = useRef(value);
  const waiting = useRef(false);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    latest.current = value;
    // Throttled with a trailing edge: the refresh already waiting draws this newer value.
    if (waiting.current) return;
    waiting.current = true;
    const job = (): void => {
      waiting.current = false;
      if (!mounted.current) return;
      const startMs = performance.now();
      lastMs.current = startMs;
      const next = latest.current;
      flushSync(() => setShown(next));
      // One entry per chart refresh: the UI benchmark reads refresh rates and costs from these.
      measureRefresh(label, startMs);
    };
    const enqueue = (): void => enqueueRefresh(job);
    const waitMs = minIntervalMs - (performance.now() - lastMs.current);
    if (waitMs > 0) setTimeout(enqueue, waitMs);
    else enqueue();
  }, [value, label, minIntervalMs]);
  return shown;
}
