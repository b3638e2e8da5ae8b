// The page's store of a run's request and slice events: typed-array columns in fixed-size chunks, tenants as indices.
import { SERVICE_TIMING, type RequestEvent, type SliceEvent } from '../../engine/engine-protocol';
import { ms } from '../../core/units';

/** Rows per chunk: a Float64 column's chunk is 64 KiB. Appending never copies a filled chunk. */
export const CHUNK_ROWS = 8192;

/** Bytes the page keeps per completed request (6 Float64 + 4 Int32 columns). */
export const BYTES_PER_REQUEST = 6 * 8 + 4 * 4;
/** Bytes the page keeps per slice (2 Float64 + 5 Int32 columns). */
export const BYTES_PER_SLICE = 2 * 8 + 5 * 4;

/** Tenant names as small integers (a Map: names are user text). Unknown names are appended. */
export class TenantIndex {
  private readonly byName = new Map<string, number>();
  private readonly names: string[] = [];

  constructor(names: readonly string[]) {
    for (const name of names) this.indexOf(name);
  }

  indexOf(name: string): number {
    let index = this.byName.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.byName.set(name, index);
    }
    return index;
  }

  nameOf(index: number): string {
    return this.names[index] ?? String(index);
  }
}

/**
 * Rows of `floats` Float64 and `ints` Int32 columns, each column a list of CHUNK_ROWS-row chunks. A
 * new chunk is allocated when the last is full, so memory is (8 floats + 4 ints) bytes per row plus at
 * most one partly filled chunk per column, and nothing is ever copied.
 */
class ChunkedColumns {
  /** f[column][chunk]. */
  private readonly f: Float64Array[][];
  private readonly i: Int32Array[][];
  private rows = 0;

  constructor(floats: number, ints: number) {
    this.f = Array.from({ length: floats }, () => []);
    this.i = Array.from({ length: ints }, () => []);
  }

  get length(): number {
    return this.rows;
  }

  /** Appends a zeroed row; returns its index. */
  addRow(): number {
    if (this.rows % CHUNK_ROWS === 0) {
      for (const column of this.f) column.push(new Float64Array(CHUNK_ROWS));
      for (const column of this.i) column.push(new Int32Array(CHUNK_ROWS));
    }
    return this.rows++;
  }

  setFloat(column: number, row: number, value: number): void {
    (this.f[column]?.[Math.floor(row / CHUNK_ROWS)] as Float64Array)[row % CHUNK_ROWS] = value;
  }

  setInt(column: number, row: number, value: number): void {
    (this.i[column]?.[Math.floor(row / CHUNK_ROWS)] as Int32Array)[row % CHUNK_ROWS] = value;
  }

  float(column: number, row: number): number {
    return this.f[column]?.[Math.floor(row / CHUNK_ROWS)]?.[row % CHUNK_ROWS] ?? NaN;
  }

  int(column: number, row: number): number {
    return this.i[column]?.[Math.floor(row / CHUNK_ROWS)]?.[row % CHUNK_ROWS] ?? 0;
  }

  /** Bytes held by the chunks. */
  get bytes(): number {
    const chunks = this.f[0]?.length ?? this.i[0]?.length ?? 0;
    return chunks * CHUNK_ROWS * (this.f.length * 8 + this.i.length * 4);
  }
}

// Column numbers of RequestColumns.
const R_ARRIVAL = 0, R_START = 1, R_END = 2, R_SERVICE = 3, R_LATENCY = 4, R_GPU = 5;
const R_TENANT = 0, R_BATCH = 1, R_SESSION_BATCH = 2, R_LANE = 3;

/**
 * Every completed request of a run, BYTES_PER_REQUEST bytes each (gpuMs null is kept as NaN; `timing`
 * is the engine's one constant). `at(i)` gives back an object equal to the event appended.
 */
export class RequestColumns {
  private readonly cols = new ChunkedColumns(6, 4);

  constructor(private readonly tenants: TenantIndex) {}

  get length(): number {
    return this.cols.length;
  }

  /** Bytes held (chunks, the last one maybe partly filled). */
  get bytes(): number {
    return this.cols.bytes;
  }

  append(e: RequestEvent): void {
    const c = this.cols;
    const row = c.addRow();
    c.setFloat(R_ARRIVAL, row, e.arrivalMs);
    c.setFloat(R_START, row, e.startMs);
    c.setFloat(R_END, row, e.endMs);
    c.setFloat(R_SERVICE, row, e.serviceMs);
    c.setFloat(R_LATENCY, row, e.latencyMs);
    c.setFloat(R_GPU, row, e.gpuMs ?? NaN);
    c.setInt(R_TENANT, row, this.tenants.indexOf(e.tenant));
    c.setInt(R_BATCH, row, e.batch);
    c.setInt(R_SESSION_BATCH, row, e.sessionBatch);
    c.setInt(R_LANE, row, e.lane);
  }

  /** The event at `row` (keys in the engine's order, so JSON export is unchanged); undefined past the end. */
  at(row: number): RequestEvent | undefined {
    if (!(row >= 0 && row < this.cols.length)) return undefined;
    const c = this.cols;
    const gpuMs = c.float(R_GPU, row);
    return {
      tenant: this.tenants.nameOf(c.int(R_TENANT, row)),
      arrivalMs: ms(c.float(R_ARRIVAL, row)),
      startMs: ms(c.float(R_START, row)),
      endMs: ms(c.float(R_END, row)),
      batch: c.int(R_BATCH, row),
      sessionBatch: c.int(R_SESSION_BATCH, row),
      lane: c.int(R_LANE, row),
      serviceMs: ms(c.float(R_SERVICE, row)),
      latencyMs: ms(c.float(R_LATENCY, row)),
      gpuMs: Number.isNaN(gpuMs) ? null : ms(gpuMs),
      timing: SERVICE_TIMING,
    };
  }
}

const S_START = 0, S_END = 1;
const S_LANE = 0, S_TENANT = 1, S_BATCH = 2, S_BLOCK = 3, S_BLOCKS = 4;

/** One slice as {@link SliceColumns.visit} hands it over (no object per slice). */
export type SliceVisitor = (startMs: number, endMs: number, lane: number, tenant: number, batch: number) => void;

/**
 * Every slice lanes ran, BYTES_PER_SLICE bytes each; `at(i)` gives back an object equal to the slice
 * appended. Each chunk's earliest start and latest end are kept (16 bytes per 8192 slices), so a time
 * range is read without scanning the chunks outside it.
 */
export class SliceColumns {
  private readonly cols = new ChunkedColumns(2, 5);
  private readonly chunkFromMs: number[] = [];
  private readonly chunkToMs: number[] = [];

  constructor(private readonly tenants: TenantIndex) {}

  get length(): number {
    return this.cols.length;
  }

  get bytes(): number {
    return this.cols.bytes;
  }

  append(s: SliceEvent): void {
    const c = this.cols;
    const row = c.addRow();
    c.setFloat(S_START, row, s.startMs);
    c.setFloat(S_END, row, s.endMs);
    c.setInt(S_LANE, row, s.lane);
    c.setInt(S_TENANT, row, this.tenants.indexOf(s.tenant));
    c.setInt(S_BATCH, row, s.batch);
    c.setInt(S_BLOCK, row, s.block);
    c.setInt(S_BLOCKS, row, s.blocks);
    const chunk = Math.floor(row / CHUNK_ROWS);
    this.chunkFromMs[chunk] = Math.min(this.chunkFromMs[chunk] ?? Infinity, s.startMs);
    this.chunkToMs[chunk] = Math.max(this.chunkToMs[chunk] ?? -Infinity, s.endMs);
  }

  /** The name of tenant index `index` (as {@link SliceColumns.visit} hands it over). */
  tenantName(index: number): string {
    return this.tenants.nameOf(index);
  }

  /** Earliest start and latest end of every slice, ms; null when there are none. */
  extentMs(): { readonly fromMs: number; readonly toMs: number } | null {
    if (this.cols.length === 0) return null;
    let fromMs = Infinity;
    let toMs = -Infinity;
    for (let k = 0; k < this.chunkFromMs.length; k++) {
      fromMs = Math.min(fromMs, this.chunkFromMs[k] ?? Infinity);
      toMs = Math.max(toMs, this.chunkToMs[k] ?? -Infinity);
    }
    return { fromMs, toMs };
  }

  /** Calls `visit` for every slice that overlaps [fromMs, toMs], in the order they were appended; chunks wholly outside are skipped. */
  visit(fromMs: number, toMs: number, visit: SliceVisitor): void {
    const c = this.cols;
    for (let chunk = 0; chunk < this.chunkFromMs.length; chunk++) {
      if ((this.chunkFromMs[chunk] ?? Infinity) > toMs || (this.chunkToMs[chunk] ?? -Infinity) < fromMs) continue;
      const end = Math.min(c.length, (chunk + 1) * CHUNK_ROWS);
      for (let row = chunk * CHUNK_ROWS; row < end; row++) {
        const startMs = c.float(S_START, row);
        const endMs = c.float(S_END, row);
        if (startMs > toMs || endMs < fromMs) continue;
        visit(startMs, endMs, c.int(S_LANE, row), c.int(S_TENANT, row), c.int(S_BATCH, row));
      }
    }
  }

  at(row: number): SliceEvent | undefined {
    if (!(row >= 0 && row < this.cols.length)) return undefined;
    const c = this.cols;
    return {
      lane: c.int(S_LANE, row),
      tenant: this.tenants.nameOf(c.int(S_TENANT, row)),
      startMs: ms(c.float(S_START, row)),
      endMs: ms(c.float(S_END, row)),
      batch: c.int(S_BATCH, row),
      block: c.int(S_BLOCK, row),
      blocks: c.int(S_BLOCKS, row),
    };
  }
}
