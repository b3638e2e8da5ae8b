// SqueezeNet 1.1, torchvision layout: Fire modules, no BN, conv classifier then global average pool.
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import { IMAGENET_CLASSES } from './imagenet';

function fire(b: GraphBuilder, x: TensorRef, prefix: string, squeeze: number, expand1: number, expand3: number): TensorRef {
  const s = b.activation(b.conv(x, `${prefix}.squeeze`, { outChannels: squeeze, kernel: 1, bias: true }), `${prefix}.squeeze_activation`, 'relu');
  const e1 = b.conv(s, `${prefix}.expand1x1`, { outChannels: expand1, kernel: 1, bias: true });
  const e3 = b.conv(s, `${prefix}.expand3x3`, { outChannels: expand3, kernel: 3, padding: 1, bias: true });
  return b.concat(
    [b.activation(e1, `${prefix}.expand1x1_activation`, 'relu'), b.activation(e3, `${prefix}.expand3x3_activation`, 'relu')],
    `${prefix}.cat`,
  );
}

/** torchvision squeezenet1_1 (1,235,496 parameters). */
export function defineSqueezeNet11(b: GraphBuilder): TensorRef {
  const pool = (x: TensorRef, i: number): TensorRef => b.maxPool(x, `features.${i}`, { kernel: 3, stride: 2, ceilMode: true });
  let x = b.activation(b.conv(b.input, 'features.0', { outChannels: 64, kernel: 3, stride: 2, bias: true }), 'features.1', 'relu');
  x = pool(x, 2);
  x = fire(b, x, 'features.3', 16, 64, 64);
  x = fire(b, x, 'features.4', 16, 64, 64);
  x = pool(x, 5);
  x = fire(b, x, 'features.6', 32, 128, 128);
  x = fire(b, x, 'features.7', 32, 128, 128);
  x = pool(x, 8);
  x = fire(b, x, 'features.9', 48, 192, 192);
  x = fire(b, x, 'features.10', 48, 192, 192);
  x = fire(b, x, 'features.11', 64, 256, 256);
  x = fire(b, x, 'features.12', 64, 256, 256);
  // classifier: Dropout (identity at inference), final conv, ReLU, AdaptiveAvgPool2d((1, 1)), flatten.
  x = b.activation(b.conv(x, 'classifier.1', { outChannels: IMAGENET_CLASSES, kernel: 1, bias: true }), 'classifier.2', 'relu');
  return b.flatten(b.globalAvgPool(x, 'classifier.3'), 'flatten');
}
