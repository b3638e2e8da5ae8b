// A lane's requests one at a time in id order, from its messages or, for the next dispatch, straight from the shared dispatch ring.

/** How long a lane may run requests from the ring before it lets its event loop take a task (messages such as fault injection, a device loss), ms. */
export const RING_YIELD_EVERY_MS = 10;

/** What the sequencer needs around it (the worker; fakes in tests). */
export interface SequencerDeps<R extends { readonly id: number }> {
  /** Runs one request to its end; never rejects (it reports its own failure). */
  readonly handle: (request: R) => Promise<void>;
  /** Request `id` from the dispatch ring, or null when the ring does not hold it (no ring: always null). */
  readonly fromRing: (id: number) => R | null;
  /** Monotonic ms. */
  readonly nowMs: () => number;
}

/**
 * Runs a lane's requests one at a time (onnxruntime-web has no lock of its own: shared/DESIGN.md).
 * Messages arrive in id order; a message whose id was already run from the ring is skipped. After
 * each request the sequencer takes request id + 1 from the ring if it is there, without returning
 * to the event loop, for at most {@link RING_YIELD_EVERY_MS} in a row; then it waits for the next
 * message, which lets the worker take its other tasks. Ids the lane never sees (a request handled
 * outside the sequence, one that could not be sent) only mean the ring is not used until the next
 * message arrives: every request still comes by message.
 */
export class RequestSequencer<R extends { readonly id: number }> {
  private lastId = 0;
  private chain: Promise<void> = Promise.resolve();
  private fromRingCount = 0;

  constructor(private readonly deps: SequencerDeps<R>) {}

  /** The id of the last request run (0: none yet). */
  get lastRunId(): number {
    return this.lastId;
  }

  /** Requests run from the ring so far (each was also posted, and its message skipped). */
  get ringRuns(): number {
    return this.fromRingCount;
  }

  /** A request arrived by message; resolves when it (and what followed it from the ring) has run. */
  receive(request: R): Promise<void> {
    this.chain = this.chain.then(() => this.runFrom(request));
    return this.chain;
  }

  private async runFrom(request: R): Promise<void> {
    if (request.id <= this.lastId) return;
    const since = this.deps.nowMs();
    await this.run(request);
    while (this.deps.nowMs() - since < RING_YIELD_EVERY_MS) {
      const next = this.deps.fromRing(this.lastId + 1);
      if (next === null) return;
      this.fromRingCount++;
      await this.run(next);
    }
  }

  private async run(request: R): Promise<void> {
    this.lastId = request.id;
    await this.deps.handle(request);
  }
}
