// GoogLeNet (Inception v1), torchvision layout: BasicConv2d = conv + BN(eps 1e-3) + ReLU, no aux logits.
import type { GraphBuilder, ConvOptions } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import { IMAGENET_CLASSES } from './imagenet';

const BN_EPS = 1e-3;

/** torchvision Inception(in, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj) arguments after `in`. */
type InceptionConfig = readonly [number, number, number, number, number, number];

function basicConv(b: GraphBuilder, x: TensorRef, prefix: string, conv: ConvOptions): TensorRef {
  const y = b.batchNorm(b.conv(x, `${prefix}.conv`, conv), `${prefix}.bn`, { eps: BN_EPS });
  return b.activation(y, `${prefix}.relu`, 'relu');
}

function inception(b: GraphBuilder, x: TensorRef, prefix: string, c: InceptionConfig): TensorRef {
  const [ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, poolProj] = c;
  const branch1 = basicConv(b, x, `${prefix}.branch1`, { outChannels: ch1x1, kernel: 1 });
  const reduce3 = basicConv(b, x, `${prefix}.branch2.0`, { outChannels: ch3x3red, kernel: 1 });
  const branch2 = basicConv(b, reduce3, `${prefix}.branch2.1`, { outChannels: ch3x3, kernel: 3, padding: 1 });
  // torchvision keeps a 3x3 conv in the "5x5" branch (a known quirk kept for weight compatibility).
  const reduce5 = basicConv(b, x, `${prefix}.branch3.0`, { outChannels: ch5x5red, kernel: 1 });
  const branch3 = basicConv(b, reduce5, `${prefix}.branch3.1`, { outChannels: ch5x5, kernel: 3, padding: 1 });
  const pooled = b.maxPool(x, `${prefix}.branch4.0`, { kernel: 3, stride: 1, padding: 1, ceilMode: true });
  const branch4 = basicConv(b, pooled, `${prefix}.branch4.1`, { outChannels: poolProj, kernel: 1 });
  return b.concat([branch1, branch2, branch3, branch4], `${prefix}.cat`);
}

const STAGE3: readonly (readonly [string, InceptionConfig])[] = [
  ['inception3a', [64, 96, 128, 16, 32, 32]],
  ['inception3b', [128, 128, 192, 32, 96, 64]],
];
const STAGE4: readonly (readonly [string, InceptionConfig])[] = [
  ['inception4a', [192, 96, 208, 16, 48, 64]],
  ['inception4b', [160, 112, 224, 24, 64, 64]],
  ['inception4c', [128, 128, 256, 24, 64, 64]],
  ['inception4d', [112, 144, 288, 32, 64, 64]],
  ['inception4e', [256, 160, 320, 32, 128, 128]],
];
const STAGE5: readonly (readonly [string, InceptionConfig])[] = [
  ['inception5a', [256, 160, 320, 32, 128, 128]],
  ['inception5b', [384, 192, 384, 48, 128, 128]],
];

/** torchvision googlenet without aux classifiers (6,624,904 parameters). */
export function defineGoogLeNet(b: GraphBuilder): TensorRef {
  const stage = (x: TensorRef, blocks: typeof STAGE3): TensorRef => blocks.reduce((y, [name, c]) => inception(b, y, name, c), x);
  let x = basicConv(b, b.input, 'conv1', { outChannels: 64, kernel: 7, stride: 2, padding: 3 });
  x = b.maxPool(x, 'maxpool1', { kernel: 3, stride: 2, ceilMode: true });
  x = basicConv(b, x, 'conv2', { outChannels: 64, kernel: 1 });
  x = basicConv(b, x, 'conv3', { outChannels: 192, kernel: 3, padding: 1 });
  x = b.maxPool(x, 'maxpool2', { kernel: 3, stride: 2, ceilMode: true });
  x = stage(x, STAGE3);
  x = b.maxPool(x, 'maxpool3', { kernel: 3, stride: 2, ceilMode: true });
  x = stage(x, STAGE4);
  x = b.maxPool(x, 'maxpool4', { kernel: 2, stride: 2, ceilMode: true });
  x = stage(x, STAGE5);
  // avgpool, flatten, dropout (identity at inference), fc.
  return b.linear(b.flatten(b.globalAvgPool(x, 'avgpool'), 'flatten'), 'fc', IMAGENET_CLASSES);
}
