// Test and fuzz support: a valid run file shaped to be slow to import (every event in one latency window, one sample per event).
import type { RunRecord } from './run-record';

/**
 * The fixture's record with `count` request events of tenant `a` completing inside one 2 s window,
 * `count` samples (one per event) and `count` slices in reverse order of their ends: each sample's
 * window holds up to `count` latencies, which an import that re-sorts the window per sample takes
 * quadratic time over (about 3.7 MB at count = 12000).
 */
export function craftedRunFile(base: RunRecord, count: number): string {
  const json = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const events = [];
  const slices = [];
  const samples = [];
  for (let k = 0; k < count; k++) {
    const endMs = 1000 + (k * 1000) / count;
    const latencyMs = 1 + ((k * 7919) % 997);
    events.push({ tenant: 'a', arrivalMs: endMs - latencyMs, startMs: endMs - 1, endMs, batch: 1, sessionBatch: 1, lane: 0, serviceMs: 1, latencyMs, gpuMs: null, timing: 'wall-clock' });
    slices.push({ lane: 0, tenant: 'a', startMs: 2000 - (k * 1000) / count - 1, endMs: 2000 - (k * 1000) / count, batch: 1, block: 0, blocks: 1 });
    samples.push({ atMs: endMs, arrivals: [k + 1, 0], completed: [k + 1, 0], dropped: [0, 0], queued: [0, 0], running: [0, 0] });
  }
  json.events = events;
  json.slices = slices;
  json.samples = samples;
  return JSON.stringify(json);
}
