// Generated weights kept for reuse within a worker: a zoo model is generated several times in one run's setup, and each generation runs a calibration pass.
import type { LayerGraph } from './layer-ir';
import { generateWeights, type ProgressEvent, type WeightMap } from './weights';

/**
 * The most bytes of weights a worker keeps (fp32, least recently used dropped first). A lane builds a model
 * whole for its solo profile, whole again to time its segments for measured balance, then cut into blocks:
 * three generations, each a seeded calibration forward pass in JavaScript (at 32 px here: ResNet-50 ~4 s,
 * MobileNetV2 ~3 s, ResNet-18 ~3 s). 128 MiB holds VELTAIR's three models (MobileNetV2 14 MB, SqueezeNet
 * 5 MB, ResNet-50 102 MB); VGG-16 (553 MB) is never kept, so no worker's heap grows by more than this.
 */
export const WEIGHT_CACHE_BYTES = 128 * 1024 * 1024;

/** Makes the weights on a miss (generateWeights in the zoo; a counting stub in tests). */
export type WeightMaker = (graph: LayerGraph, seed: number, onProgress?: (p: ProgressEvent) => void) => WeightMap;

interface Entry {
  readonly weights: WeightMap;
  readonly bytes: number;
}

/** Bytes of a set of weights. */
const bytesOf = (weights: WeightMap): number => {
  let total = 0;
  for (const w of weights.values()) total += w.byteLength;
  return total;
};

/** Seeded weights by model, resolution and seed, kept while they fit in `limitBytes` (least recently used dropped first). */
export class WeightCache {
  /** Oldest use first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(
    private readonly limitBytes = WEIGHT_CACHE_BYTES,
    private readonly make: WeightMaker = (graph, seed, onProgress) => generateWeights(graph, seed, onProgress).weights,
  ) {}

  /**
   * The weights of `graph` (model `id` at `resolution`) for `seed`, made on a miss. Callers only read them
   * (ONNX emission copies them into the bytes). Equal arguments give equal weights, cached or not:
   * generation is deterministic in the seed. A hit reports no progress (there is nothing to wait for).
   */
  get(id: string, resolution: number, graph: LayerGraph, seed: number, onProgress?: (p: ProgressEvent) => void): WeightMap {
    const key = `${id}@${String(resolution)}#${String(seed)}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.weights;
    }
    const weights = this.make(graph, seed, onProgress);
    const bytes = bytesOf(weights);
    if (bytes > this.limitBytes) return weights;
    this.entries.set(key, { weights, bytes });
    this.held += bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.held <= this.limitBytes) break;
      this.entries.delete(oldKey);
      this.held -= old.bytes;
    }
    return weights;
  }

  /** Entries and bytes held now. */
  stats(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.entries.size, bytes: this.held };
  }
}

/** The worker's cache (each worker imports the zoo once). */
export const WEIGHT_CACHE = new WeightCache();
