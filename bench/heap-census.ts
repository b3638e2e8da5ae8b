// A census of one JS heap over CDP (a heap snapshot, aggregated by node type and constructor name), and the difference of two: what grew.
import type { CDPSession } from 'playwright-core';

/** Objects and their self size, by `type:name` (e.g. 'object:Array', 'closure:render', 'string:(strings)'). */
export type HeapCensus = ReadonlyMap<string, { readonly count: number; readonly bytes: number }>;

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly (readonly string[] | string)[] } };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

/** Takes a heap snapshot of the page (after a full GC) and counts its nodes by type and name. */
export async function heapCensus(cdp: CDPSession): Promise<HeapCensus> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }): void => void chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const parsed = JSON.parse(chunks.join('')) as Snapshot;
  const fields = parsed.snapshot.meta.node_fields;
  const types = parsed.snapshot.meta.node_types[0] as readonly string[];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const census = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < parsed.nodes.length; i += width) {
    const type = types[parsed.nodes[i + typeAt] as number] ?? '?';
    // Numbers and code by kind only; strings by their first characters (what they say tells where they come from).
    const raw = parsed.strings[parsed.nodes[i + nameAt] as number] ?? '?';
    const name = ['number', 'code', 'hidden'].includes(type) ? `(${type})` : type.includes('string') ? JSON.stringify(raw.slice(0, 24).replace(/\d/g, '9')) : raw;
    const key = `${type}:${name.slice(0, 80)}`;
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += parsed.nodes[i + sizeAt] as number;
    census.set(key, entry);
  }
  return census;
}

/** The `top` kinds whose self size grew most from `before` to `after`, as printable lines. */
export function censusGrowth(before: HeapCensus, after: HeapCensus, top = 25): string[] {
  const rows = [...after].map(([key, a]) => {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, bytes: a.bytes - b.bytes, count: a.count - b.count };
  });
  rows.sort((x, y) => y.bytes - x.bytes);
  return rows.slice(0, top).map((r) => `${(r.bytes / 1024 ** 2).toFixed(2).padStart(8)} MB ${String(r.count).padStart(9)} objects  ${r.key}`);
}
