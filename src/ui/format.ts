// Number formatting for the lab's tables and charts: milliseconds, axis ticks, durations left, byte sizes, large counts, tensor shapes.

/** "12.3 ms", "1 234 ms"; '—' for NaN. */
export function formatMs(valueMs: number): string {
  if (!Number.isFinite(valueMs)) return '—';
  const digits = valueMs >= 100 ? 0 : valueMs >= 10 ? 1 : 2;
  return `${valueMs.toFixed(digits)} ms`;
}

/**
 * A latency axis tick that fits a narrow axis and keeps every digit: "0", "5 ms", "250 ms", then
 * seconds from 1000 ms: "1 s", "1.5 s", "12 s", "1,250 s".
 */
export function formatAxisMs(valueMs: number): string {
  if (!Number.isFinite(valueMs)) return '';
  if (valueMs === 0) return '0';
  if (Math.abs(valueMs) < 1000) return `${String(Number(valueMs.toPrecision(3)))} ms`;
  const s = valueMs / 1000;
  const digits = Math.abs(s) < 10 && !Number.isInteger(s) ? 1 : 0;
  return `${s.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} s`;
}

/** A time left, rounded up to what a person reads: "under 1 s", "12 s", "2 min 5 s", "1 h 3 min". */
export function formatDurationLeft(durationMs: number): string {
  if (!Number.isFinite(durationMs) || durationMs < 0) return '—';
  const s = Math.ceil(durationMs / 1000);
  if (s < 1) return 'under 1 s';
  if (s < 60) return `${String(s)} s`;
  if (s < 3600) return `${String(Math.floor(s / 60))} min ${String(s % 60)} s`;
  return `${String(Math.floor(s / 3600))} h ${String(Math.floor((s % 3600) / 60))} min`;
}

/** "44.7 MB", "748 B" (decimal units). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit] ?? ''}`;
}

/** "11.7 M", "1.82 G", "950"; for parameter and MAC counts. */
export function formatCount(count: number): string {
  const scales: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, suffix] of scales) {
    if (count >= scale) return `${(count / scale).toFixed(count / scale >= 100 ? 0 : count / scale >= 10 ? 1 : 2)} ${suffix}`;
  }
  return String(count);
}

/** "[batch, 3, 32, 32]"; unknown dims as '?'. */
export function formatShape(dims: readonly (number | string | null)[]): string {
  return `[${dims.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** A small float in scientific notation when tiny: "3.1e-7", "0.0123". */
export function formatFloat(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5 ? value.toExponential(1) : value.toPrecision(3);
}
