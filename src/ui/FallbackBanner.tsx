// The WASM-fallback banner: shown whenever WebGPU is not used, listing every reason (probe and lane).
import { useLabSnapshot } from './use-lab';

/** Lists why WebGPU is not in use; renders nothing when it is. */
export function FallbackBanner() {
  const { probe, results } = useLabSnapshot();
  const laneReasons = results[0]?.fallbackReasons ?? [];
  const probeReasons = probe && !probe.available ? probe.reasons : [];
  const reasons = [...new Set([...probeReasons, ...laneReasons])];
  if (reasons.length === 0) return null;
  return (
    <section className="banner banner-warn" role="alert" data-testid="fallback-banner">
      <h2>WebGPU is not available: running on WASM (CPU)</h2>
      <ul>
        {reasons.map((reason) => <li key={reason} data-testid="fallback-reason">{reason}</li>)}
      </ul>
    </section>
  );
}
