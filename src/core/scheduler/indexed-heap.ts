// An indexed binary min-heap over small integer ids (tenants, lanes) with two numeric keys.

/**
 * Min-heap of ids 0..capacity-1, ordered by (primary, secondary, id) so that
 * ties break deterministically by id. Every id is in the heap at most once;
 * `set` inserts or re-keys in O(log n), `remove` deletes in O(log n), `peek`
 * is O(1). No allocation after construction.
 */
export class IndexedHeap {
  private readonly heap: Int32Array;
  /** Position of each id in `heap`, or -1 when absent. */
  private readonly pos: Int32Array;
  private readonly primary: Float64Array;
  private readonly secondary: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
    this.primary = new Float64Array(capacity);
    this.secondary = new Float64Array(capacity);
  }

  /** Ids it can hold: 0..capacity-1. */
  get capacity(): number {
    return this.pos.length;
  }

  /** Number of ids in the heap. */
  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return (this.pos[id] ?? -1) >= 0;
  }

  /** The id with the smallest keys, or -1 when empty. */
  peek(): number {
    return this.count > 0 ? (this.heap[0] as number) : -1;
  }

  /** Primary key of the top id (Infinity when empty). */
  peekKey(): number {
    return this.count > 0 ? (this.primary[this.heap[0] as number] as number) : Infinity;
  }

  /** Primary key of an id (meaningful only while it is in the heap). */
  keyOf(id: number): number {
    return this.primary[id] as number;
  }

  /** Inserts the id, or moves it to its new place when already present. */
  set(id: number, primary: number, secondary = 0): void {
    this.primary[id] = primary;
    this.secondary[id] = secondary;
    let at = this.pos[id] as number;
    if (at < 0) {
      at = this.count++;
      this.heap[at] = id;
      this.pos[id] = at;
    }
    this.down(this.up(at));
  }

  /** Removes the id when present. */
  remove(id: number): void {
    const at = this.pos[id] as number;
    if (at < 0) return;
    const last = this.heap[--this.count] as number;
    this.pos[id] = -1;
    if (at === this.count) return;
    this.heap[at] = last;
    this.pos[last] = at;
    this.down(this.up(at));
  }

  /** Removes and returns the top id, or -1 when empty. */
  pop(): number {
    const top = this.peek();
    if (top >= 0) this.remove(top);
    return top;
  }

  private less(a: number, b: number): boolean {
    const pa = this.primary[a] as number;
    const pb = this.primary[b] as number;
    if (pa !== pb) return pa < pb;
    const sa = this.secondary[a] as number;
    const sb = this.secondary[b] as number;
    if (sa !== sb) return sa < sb;
    return a < b;
  }

  private up(start: number): number {
    const heap = this.heap;
    const id = heap[start] as number;
    let at = start;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = heap[parentAt] as number;
      if (!this.less(id, parent)) break;
      heap[at] = parent;
      this.pos[parent] = at;
      at = parentAt;
    }
    heap[at] = id;
    this.pos[id] = at;
    return at;
  }

  private down(start: number): void {
    const heap = this.heap;
    const id = heap[start] as number;
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.count) break;
      const right = left + 1;
      let child = left;
      if (right < this.count && this.less(heap[right] as number, heap[left] as number)) child = right;
      const childId = heap[child] as number;
      if (!this.less(childId, id)) break;
      heap[at] = childId;
      this.pos[childId] = at;
      at = child;
    }
    heap[at] = id;
    this.pos[id] = at;
  }
}
