// Messages between the page and the simulator worker.
import type { Experiment } from '../core/experiment';
import type { SimulateResult } from '../core/sim';

/** Page -> worker: simulate this (validated) experiment. */
export interface SimulateRequest {
  readonly id: number;
  readonly experiment: Experiment;
}

/** Worker -> page: the result for request `id`, or the error the simulator threw. */
export type SimulateResponse =
  | { readonly id: number; readonly ok: true; readonly result: SimulateResult }
  | { readonly id: number; readonly ok: false; readonly error: string };
