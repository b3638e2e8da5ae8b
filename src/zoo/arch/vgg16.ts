// VGG-16 (configuration D, no BN), torchvision layout with the 25088 -> 4096 -> 4096 -> 1000 classifier.
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import { IMAGENET_CLASSES } from './imagenet';

/** torchvision cfgs['D']: conv output channels, 'M' for a 2x2 max pool. */
const CONFIG_D: readonly (number | 'M')[] = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'];
/** AdaptiveAvgPool2d((7, 7)) before the classifier. */
const POOLED_SIDE = 7;
const HIDDEN = 4096;

/** torchvision vgg16 (138,357,544 parameters); the adaptive pool works at any resolution. */
export function defineVgg16(b: GraphBuilder): TensorRef {
  let x = b.input;
  let index = 0; // torchvision's index into features: a conv and its ReLU take two slots, a pool one
  for (const v of CONFIG_D) {
    if (v === 'M') {
      x = b.maxPool(x, `features.${index++}`, { kernel: 2, stride: 2 });
    } else {
      x = b.conv(x, `features.${index++}`, { outChannels: v, kernel: 3, padding: 1, bias: true });
      x = b.activation(x, `features.${index++}`, 'relu');
    }
  }
  x = b.adaptiveAvgPoolFlatten(x, 'avgpool', POOLED_SIDE, POOLED_SIDE);
  // classifier: Linear, ReLU, Dropout, Linear, ReLU, Dropout, Linear (dropout is the identity at inference).
  x = b.activation(b.linear(x, 'classifier.0', HIDDEN), 'classifier.1', 'relu');
  x = b.activation(b.linear(x, 'classifier.3', HIDDEN), 'classifier.4', 'relu');
  return b.linear(x, 'classifier.6', IMAGENET_CLASSES);
}
