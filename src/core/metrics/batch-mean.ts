// The mean batch size of a tenant's slices, accumulated from its completed requests (each request knows its batch).

/**
 * Mean requests per slice, from requests one at a time: a slice of batch b completes b requests, each
 * adding 1/b slices, so slices = sum of 1/batch and the mean over slices is requests / slices (the
 * harmonic mean over requests). Constant memory.
 */
export class BatchMean {
  private requests = 0;
  private slices = 0;

  /** Adds one completed request served in a batch of `batch` (>= 1) requests. */
  add(batch: number): void {
    if (!(batch >= 1)) return;
    this.requests++;
    this.slices += 1 / batch;
  }

  /** Mean requests per slice; null before any request. */
  get mean(): number | null {
    return this.requests === 0 ? null : this.requests / this.slices;
  }
}
