// The layer IR: the per-sample tensors and the layer-level ops a zoo model is made of.

/** A tensor of one sample (the batch dimension is implicit and symbolic). */
export interface TensorRef {
  readonly name: string;
  /** Channels (rank 4) or features (rank 2). */
  readonly channels: number;
  /** Height in elements; 1 for rank 2. */
  readonly height: number;
  /** Width in elements; 1 for rank 2. */
  readonly width: number;
  /** 4: [batch, C, H, W]; 2: [batch, features]. */
  readonly rank: 2 | 4;
}

/** Pointwise nonlinearities (ReLU6 = torch.nn.ReLU6, SiLU = x * sigmoid(x)). */
export type ActivationFn = 'relu' | 'relu6' | 'silu' | 'sigmoid';

/** Padding in elements: [top, left, bottom, right]. */
export type Pads4 = readonly [number, number, number, number];

interface OpBase {
  /** Unique layer name, torchvision-style module path (e.g. 'layer1.0.conv1'). */
  readonly name: string;
  readonly inputs: readonly TensorRef[];
  readonly output: TensorRef;
}

export interface ConvOp extends OpBase {
  readonly kind: 'conv';
  readonly kernel: readonly [number, number];
  readonly stride: number;
  readonly pads: Pads4;
  readonly groups: number;
  readonly bias: boolean;
  /** With a bias (no BN after it): the RMS the layer output is calibrated to. */
  readonly outputRms: number;
}

export interface BatchNormOp extends OpBase {
  readonly kind: 'batchnorm';
  readonly eps: number;
  /** Multiplier on gamma: < 1 for the last BN of a residual branch, so the residual stream stays bounded. */
  readonly gain: number;
}

export interface ActivationOp extends OpBase {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
}

export interface MaxPoolOp extends OpBase {
  readonly kind: 'maxpool';
  readonly kernel: number;
  readonly stride: number;
  /** Explicit pads; ceil_mode is folded into extra bottom/right padding (ignored by max). */
  readonly pads: Pads4;
}

export interface GlobalAvgPoolOp extends OpBase {
  readonly kind: 'global-avgpool';
}

/** torch AdaptiveAvgPool2d((outH, outW)) followed by flatten, as a MatMul with a constant pooling matrix. */
export interface AdaptiveAvgPoolFlattenOp extends OpBase {
  readonly kind: 'adaptive-avgpool-flatten';
  readonly outHeight: number;
  readonly outWidth: number;
}

export interface AddOp extends OpBase {
  readonly kind: 'add';
}

/** Per-channel scaling: inputs[0] [C,H,W] times inputs[1] [C,1,1] (squeeze-excitation). */
export interface ScaleOp extends OpBase {
  readonly kind: 'scale';
}

export interface ConcatOp extends OpBase {
  readonly kind: 'concat';
}

export interface FlattenOp extends OpBase {
  readonly kind: 'flatten';
}

export interface LinearOp extends OpBase {
  readonly kind: 'linear';
  /** The RMS the layer output is calibrated to. */
  readonly outputRms: number;
}

/** One layer-level op; a later partitioner can cut the op list into blocks. */
export type LayerOp =
  | ConvOp
  | BatchNormOp
  | ActivationOp
  | MaxPoolOp
  | GlobalAvgPoolOp
  | AdaptiveAvgPoolFlattenOp
  | AddOp
  | ScaleOp
  | ConcatOp
  | FlattenOp
  | LinearOp;

/** A whole model in the layer IR, with its cost figures (per sample). */
export interface LayerGraph {
  readonly input: TensorRef;
  readonly output: TensorRef;
  readonly ops: readonly LayerOp[];
  /** Trainable parameters (weights, biases, BN gamma/beta; not BN running stats). */
  readonly params: number;
  /** Multiply-accumulates of conv and linear layers for one sample. */
  readonly macs: number;
  /** Conv + linear layers. */
  readonly layerCount: number;
  /** Float elements of all initializers (params, BN running stats, constants). */
  readonly floatInitializerElements: number;
  /** Int64 elements of all initializers (reshape shapes). */
  readonly int64InitializerElements: number;
}
