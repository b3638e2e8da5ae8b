// Number formatting for the lab's tables: milliseconds, byte sizes, large counts, tensor shapes.

/** "12.3 ms", "1 234 ms"; '—' for NaN. */
export function formatMs(valueMs: number): string {
  if (!Number.isFinite(valueMs)) return '—';
  const digits = valueMs >= 100 ? 0 : valueMs >= 10 ? 1 : 2;
  return `${valueMs.toFixed(digits)} ms`;
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
