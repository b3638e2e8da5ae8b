// Random variates from a uniform Rng: exponential, standard normal, Gamma (Marsaglia-Tsang).
import type { Rng } from '../rng';

/** Uniform in (0, 1]: safe under Math.log. */
function openUniform(rng: Rng): number {
  return 1 - rng.next();
}

/** Exponential with the given mean (> 0). */
export function sampleExponential(rng: Rng, mean: number): number {
  return -mean * Math.log(openUniform(rng));
}

/** Standard normal (Box-Muller; the second variate of the pair is discarded to keep the sampler stateless). */
export function sampleStandardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(openUniform(rng))) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Gamma(shape, scale): mean shape*scale, coefficient of variation 1/sqrt(shape).
 * Marsaglia & Tsang, "A simple method for generating gamma variables" (ACM TOMS 2000);
 * for shape < 1 it boosts: Gamma(shape) = Gamma(shape + 1) * U^(1/shape).
 */
export function sampleGamma(rng: Rng, shape: number, scale: number): number {
  if (shape < 1) {
    return sampleGamma(rng, shape + 1, scale) * Math.pow(openUniform(rng), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleStandardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(rng);
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return d * v * scale;
    }
  }
}
