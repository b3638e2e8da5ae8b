// Test support: a zoo model rewritten so its input has a symbolic batch, height and width, as exported vision models have.
import onnxProto from 'onnx-proto';
import { buildModel, type ModelId } from './index';

const { onnx } = onnxProto;

/**
 * The zoo model `modelId` (generated at `resolution`) with its input's dims renamed to
 * ['batch', 3, `height`, `width`] and its output to ['batch', classes]. Only for models whose layers do
 * not depend on the input size (tiny-cnn: convolutions and a global average pool).
 */
export function symbolicSizeModel(modelId: ModelId, options: { readonly resolution?: number; readonly height?: string; readonly width?: string; readonly metadata?: Readonly<Record<string, string>> } = {}): Uint8Array {
  const { bytes } = buildModel(modelId, { resolution: options.resolution ?? 32 });
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (!graph) throw new Error(`${modelId}: no graph`);
  const input = graph.input?.[0]?.type?.tensorType?.shape?.dim;
  if (!input || input.length !== 4) throw new Error(`${modelId}: expected a rank-4 input`);
  input[2] = onnx.TensorShapeProto.Dimension.create({ dimParam: options.height ?? 'height' });
  input[3] = onnx.TensorShapeProto.Dimension.create({ dimParam: options.width ?? 'width' });
  graph.valueInfo = [];
  model.metadataProps = Object.entries(options.metadata ?? {}).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value }));
  return onnx.ModelProto.encode(model).finish();
}
