// One tenant's completions as the chart windows read them: a FIFO of (instant, latency, within SLO) that forgets what the windows have passed.

const INITIAL_CAPACITY = 256;

/**
 * Completions in recording order, addressed by their absolute index (0 = the tenant's first). The
 * windows only move forward, so `forgetBefore(i)` drops rows below i: the queue holds what the
 * trailing windows still cover (about rate x window), never the whole run. Typed arrays, grown by
 * doubling or compacted in place.
 */
export class CompletionQueue {
  private doneMs = new Float64Array(INITIAL_CAPACITY);
  private latencyMs = new Float64Array(INITIAL_CAPACITY);
  private within = new Uint8Array(INITIAL_CAPACITY);
  /** Absolute index of row 0 of the arrays. */
  private base = 0;
  /** Rows [head, tail) of the arrays are kept. */
  private head = 0;
  private tail = 0;

  /** Absolute index one past the newest completion: completions recorded so far. */
  get end(): number {
    return this.base + this.tail;
  }

  /** Rows held now (for bound checks). */
  get held(): number {
    return this.tail - this.head;
  }

  push(doneMs: number, latencyMs: number, withinSlo: boolean): void {
    if (this.tail === this.doneMs.length) this.makeRoom();
    this.doneMs[this.tail] = doneMs;
    this.latencyMs[this.tail] = latencyMs;
    this.within[this.tail] = withinSlo ? 1 : 0;
    this.tail++;
  }

  /** Completion instant of absolute index i (Infinity when not held). */
  doneAt(i: number): number {
    const k = i - this.base;
    return k >= this.head && k < this.tail ? (this.doneMs[k] ?? Infinity) : Infinity;
  }

  latencyAt(i: number): number {
    return this.latencyMs[i - this.base] ?? 0;
  }

  withinAt(i: number): boolean {
    return this.within[i - this.base] === 1;
  }

  /** No index below `i` is read again. */
  forgetBefore(i: number): void {
    this.head = Math.max(this.head, Math.min(this.tail, i - this.base));
  }

  private makeRoom(): void {
    const kept = this.tail - this.head;
    if (kept * 2 <= this.doneMs.length) {
      this.doneMs.copyWithin(0, this.head, this.tail);
      this.latencyMs.copyWithin(0, this.head, this.tail);
      this.within.copyWithin(0, this.head, this.tail);
    } else {
      const size = this.doneMs.length * 2;
      this.doneMs = grown(new Float64Array(size), this.doneMs.subarray(this.head, this.tail));
      this.latencyMs = grown(new Float64Array(size), this.latencyMs.subarray(this.head, this.tail));
      this.within = grown(new Uint8Array(size), this.within.subarray(this.head, this.tail));
    }
    this.base += this.head;
    this.tail = kept;
    this.head = 0;
  }
}

function grown<T extends Float64Array | Uint8Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
