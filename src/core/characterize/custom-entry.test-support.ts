// Test support: a valid customModels entry (symbolic batch, height and width, chosen 32 x 48), for characterization tests.
import type { CustomModel } from '../experiment/custom-model-schema';

/** A custom model entry named `name`: one float32 input [batch, 3, height, width] at height 32, width 48. */
export function exampleCustomModel(name: string, sha256 = 'ab'.repeat(32)): CustomModel {
  return {
    name, fileName: `${name}.onnx`, byteLength: 12_345, sha256,
    inputs: [{ name: 'image', type: 'float32', dims: ['batch', 3, 'height', 'width'] }],
    dims: [{ name: 'height', size: 32 }, { name: 'width', size: 48 }],
    fills: [],
  };
}
