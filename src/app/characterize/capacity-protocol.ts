// Messages between the page and the characterization's capacity worker (the default mix's capacity search, off the page thread).
import type { MixCapacitySearch, MixModel } from '../../core/characterize/default-mix';

/** Page -> worker: search the default mix of these models. */
export interface CapacityRequest {
  readonly id: number;
  readonly models: readonly MixModel[];
}

/** Worker -> page: the searches, or why they failed. */
export type CapacityResponse =
  | { readonly id: number; readonly kind: 'done'; readonly search: MixCapacitySearch }
  | { readonly id: number; readonly kind: 'failed'; readonly error: string };
