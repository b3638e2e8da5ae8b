// Hand-made tiny ONNX files for unit and e2e tests of inspection and bring-your-own loading; the app never imports this.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Variations of the test model, each breaking one thing the lab checks. */
export interface TestModelOptions {
  /** ONNX TensorProto.DataType of the input; default 1 (float32). */
  readonly inputElemType?: number;
  /** Input dims (number = fixed, string = symbolic, null = unknown with no name); default ['batch', 3, 8, 8]. */
  readonly inputDims?: readonly (number | string | null)[];
  /** Store the conv weights in an external file instead of inside the model; default false. */
  readonly externalWeights?: boolean;
  /** The input's name; default 'image'. */
  readonly inputName?: string;
  /** Leave the input's shape out entirely (a tensor type with no shape); default false. */
  readonly noInputShape?: boolean;
  /** More graph inputs that no node reads (inspection tests of several inputs); default none. */
  readonly extraInputs?: readonly { readonly name: string; readonly elemType: number; readonly dims: readonly (number | string | null)[] }[];
  /** metadata_props entries; default none. */
  readonly metadata?: readonly { readonly key: string; readonly value: string }[];
}

const dim = (d: number | string | null): onnxProto.onnx.TensorShapeProto.IDimension =>
  d === null ? {} : typeof d === 'number' ? { dimValue: d } : { dimParam: d };

/**
 * A 4-channel 3x3 conv + ReLU + global average pool over a 3-channel image:
 * input 'image' [batch,3,8,8] float32, output 'scores' [batch,4] float32 (opset 13).
 * Weights are a fixed ramp, so the file is byte-identical on every call.
 */
export function makeTestModel(options: TestModelOptions = {}): Uint8Array {
  const inputDims = options.inputDims ?? ['batch', 3, 8, 8];
  const weightValues = Array.from({ length: 4 * 3 * 3 * 3 }, (_, i) => ((i % 7) - 3) / 10);
  const weight: onnxProto.onnx.ITensorProto = options.externalWeights
    ? {
        name: 'conv.weight', dims: [4, 3, 3, 3], dataType: onnx.TensorProto.DataType.FLOAT,
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: '0' }],
      }
    : { name: 'conv.weight', dims: [4, 3, 3, 3], dataType: onnx.TensorProto.DataType.FLOAT, floatData: weightValues };
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 8,
    producerName: 'tenancy-lab-tests',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: [...(options.metadata ?? [])],
    graph: {
      name: 'test-conv',
      node: [
        {
          opType: 'Conv', input: [options.inputName ?? 'image', 'conv.weight'], output: ['conv'], name: 'conv',
          attribute: [
            { name: 'kernel_shape', type: onnx.AttributeProto.AttributeType.INTS, ints: [3, 3] },
            { name: 'pads', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 1, 1, 1] },
          ],
        },
        { opType: 'Relu', input: ['conv'], output: ['relu'], name: 'relu' },
        { opType: 'GlobalAveragePool', input: ['relu'], output: ['pool'], name: 'pool' },
        { opType: 'Flatten', input: ['pool'], output: ['scores'], name: 'flatten' },
      ],
      initializer: [weight],
      input: [{
        name: options.inputName ?? 'image',
        type: {
          tensorType: {
            elemType: options.inputElemType ?? onnx.TensorProto.DataType.FLOAT,
            ...(options.noInputShape === true ? {} : { shape: { dim: inputDims.map(dim) } }),
          },
        },
      }, ...(options.extraInputs ?? []).map((extra) => ({
        name: extra.name,
        type: { tensorType: { elemType: extra.elemType, shape: { dim: extra.dims.map(dim) } } },
      }))],
      output: [{
        name: 'scores',
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [dim(inputDims[0] ?? 'batch'), dim(4)] } } },
      }],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
