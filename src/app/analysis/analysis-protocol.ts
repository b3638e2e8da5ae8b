// Messages between the page and the analysis worker.
import type { AnalysisReport } from '../../core/analysis/analyze-report';
import type { ConfigIssue, Experiment, PolicyName, ServiceModel } from '../../core/experiment';

/** Page -> worker: analyse this (validated) experiment with these service times. */
export interface AnalysisRequest {
  readonly id: number;
  readonly experiment: Experiment;
  readonly serviceModel: ServiceModel;
  readonly serviceTimeSource: string;
  readonly sloRate: number;
  readonly policies: readonly PolicyName[];
  /** Device price per hour; undefined: the default with its stated source. */
  readonly pricePerHour: number | undefined;
  readonly plan: boolean;
}

/** Worker -> page: progress of request `id`, its report or issues, or the error the analysis threw. */
export type AnalysisResponse =
  | { readonly id: number; readonly kind: 'progress'; readonly fraction: number; readonly step: string }
  | { readonly id: number; readonly kind: 'done'; readonly report: AnalysisReport }
  | { readonly id: number; readonly kind: 'failed'; readonly issues: readonly ConfigIssue[] };
