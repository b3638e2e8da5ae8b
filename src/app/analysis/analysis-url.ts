// The Analyze settings in the URL's query (`?slo=0.99&price=0.526&policies=fcfs,edf&plan=1`), beside the experiment in the hash.
import { POLICIES, type PolicyName } from '../../core/experiment';
import type { AnalysisSettings } from './analysis-controller';

const isPolicy = (s: string): s is PolicyName => (POLICIES as readonly string[]).includes(s);

/** The query string (without '?') holding `settings`, other parameters of `search` kept. */
export function settingsToQuery(settings: AnalysisSettings, search: string): string {
  const params = new URLSearchParams(search);
  params.set('slo', settings.sloRate);
  params.set('price', settings.pricePerHour);
  params.set('policies', settings.policies.join(','));
  params.set('plan', settings.plan ? '1' : '0');
  return params.toString();
}

/**
 * The settings a query carries, as typed (a bad SLO rate or price stays as text, so its field shows
 * the problem); unknown policy names are left out, `plan` is on unless it is `0`. Never throws.
 */
export function settingsFromQuery(search: string): Partial<AnalysisSettings> {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return {};
  }
  const out: { -readonly [K in keyof AnalysisSettings]?: AnalysisSettings[K] } = {};
  const slo = params.get('slo');
  if (slo !== null) out.sloRate = slo;
  const price = params.get('price');
  if (price !== null) out.pricePerHour = price;
  const policies = params.get('policies');
  if (policies !== null) out.policies = POLICIES.filter((p) => policies.split(',').filter(isPolicy).includes(p));
  const plan = params.get('plan');
  if (plan !== null) out.plan = plan !== '0';
  return out;
}
