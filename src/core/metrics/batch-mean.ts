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

  /** Adds everything `other` counted (the pooled mean is total requests / total slices). */
  merge(other: BatchMean): void {
    this.requests += other.requests;
    this.slices += other.slices;
  }

  /** Mean requests per slice; null before any request. */
  get mean(): number | null {
    return this.requests === 0 ? null : this.requests / this.slices;
  }
}

/**
 * The mean batch of several runs pooled: total requests / total slices, each run's slices being its
 * requests / its mean batch (a run without a mean or without requests adds nothing). Null when none counts.
 */
export function pooledMeanBatch(runs: readonly { readonly requests: number; readonly meanBatch: number | null }[]): number | null {
  let requests = 0;
  let slices = 0;
  for (const run of runs) {
    if (run.meanBatch === null || !(run.meanBatch >= 1) || !(run.requests > 0)) continue;
    requests += run.requests;
    slices += run.requests / run.meanBatch;
  }
  return requests > 0 ? requests / slices : null;
}
