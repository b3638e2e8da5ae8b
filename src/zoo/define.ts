// The layer IR of a zoo model (no weights): cheap, so the engine can read cut points and sizes without the ONNX encoder.
import { GraphBuilder } from './graph-builder';
import type { LayerGraph } from './layer-ir';
import { assertModelId, assertResolution, type ModelId } from './model-ids';
import { ARCHITECTURES } from './arch/registry';

/** Name of the graph input of every zoo model ([batch, 3, H, W]). */
export const INPUT_NAME = 'input';

/** The layer IR of a model (no weights), for partitioning and cost tables. */
export function defineModel(id: ModelId, resolution: number): LayerGraph {
  assertModelId(id);
  assertResolution(resolution);
  const arch = ARCHITECTURES[id];
  const b = new GraphBuilder(INPUT_NAME, 3, resolution, resolution);
  return b.finish(arch.define(b));
}
