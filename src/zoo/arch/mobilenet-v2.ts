// MobileNetV2 (width 1.0), torchvision layout: inverted residuals with ReLU6 and linear bottlenecks.
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import { classifierHead, convBnAct, RESIDUAL_BRANCH_GAIN } from './blocks';
import { IMAGENET_CLASSES } from './imagenet';

/** torchvision inverted_residual_setting: expansion t, output channels c, repeats n, first stride s. */
const SETTINGS: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];
const STEM_CHANNELS = 32;
const LAST_CHANNELS = 1280;

function invertedResidual(b: GraphBuilder, x: TensorRef, prefix: string, expand: number, out: number, stride: number): TensorRef {
  const hidden = x.channels * expand;
  const residual = stride === 1 && x.channels === out;
  let y = x;
  let i = 0;
  if (expand !== 1) y = convBnAct(b, y, `${prefix}.conv.${i++}`, { outChannels: hidden, kernel: 1 }, 'relu6');
  y = convBnAct(b, y, `${prefix}.conv.${i++}`, { outChannels: hidden, kernel: 3, stride, padding: 1, groups: hidden }, 'relu6');
  y = b.conv(y, `${prefix}.conv.${i++}`, { outChannels: out, kernel: 1 });
  y = b.batchNorm(y, `${prefix}.conv.${i}`, { gain: residual ? RESIDUAL_BRANCH_GAIN : 1 });
  return residual ? b.add(x, y, `${prefix}.add`) : y;
}

/** torchvision mobilenet_v2 (3,504,872 parameters). */
export function defineMobileNetV2(b: GraphBuilder): TensorRef {
  let x = convBnAct(b, b.input, 'features.0', { outChannels: STEM_CHANNELS, kernel: 3, stride: 2, padding: 1 }, 'relu6');
  let index = 1;
  for (const [t, c, n, s] of SETTINGS) {
    for (let i = 0; i < n; i++) x = invertedResidual(b, x, `features.${index++}`, t, c, i === 0 ? s : 1);
  }
  x = convBnAct(b, x, `features.${index}`, { outChannels: LAST_CHANNELS, kernel: 1 }, 'relu6');
  return classifierHead(b, x, 'classifier.1', IMAGENET_CLASSES);
}
