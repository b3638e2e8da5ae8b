// EfficientNet-B0, torchvision layout: MBConv with SiLU and squeeze-excitation, stochastic depth off at inference.
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import { classifierHead, convBnAct, RESIDUAL_BRANCH_GAIN } from './blocks';
import { IMAGENET_CLASSES } from './imagenet';
import { invariant } from '../../core/assert';

/** torchvision MBConvConfig for B0: expand ratio, kernel, first stride, in, out, repeats. */
const STAGES: readonly (readonly [number, number, number, number, number, number])[] = [
  [1, 3, 1, 32, 16, 1],
  [6, 3, 2, 16, 24, 2],
  [6, 5, 2, 24, 40, 2],
  [6, 3, 2, 40, 80, 3],
  [6, 5, 1, 80, 112, 3],
  [6, 5, 2, 112, 192, 4],
  [6, 3, 1, 192, 320, 1],
];
const LAST_CHANNELS = 1280;
/** SE squeeze width is max(1, block input channels / 4). */
const SE_RATIO = 4;
/**
 * RMS of the SE gate logits on the probe batch: small, so sigmoid gates stay near 0.5 and vary little
 * between inputs; wide gates amplify any calibration error from block to block.
 */
const SE_GATE_LOGIT_RMS = 0.25;

/** SqueezeExcitation(expanded, squeeze, SiLU): avgpool -> fc1 -> SiLU -> fc2 -> sigmoid -> scale. */
function squeezeExcite(b: GraphBuilder, x: TensorRef, prefix: string, squeeze: number): TensorRef {
  let s = b.globalAvgPool(x, `${prefix}.avgpool`);
  s = b.activation(b.conv(s, `${prefix}.fc1`, { outChannels: squeeze, kernel: 1, bias: true }), `${prefix}.activation`, 'silu');
  const gate = b.conv(s, `${prefix}.fc2`, { outChannels: x.channels, kernel: 1, bias: true, outputRms: SE_GATE_LOGIT_RMS });
  s = b.activation(gate, `${prefix}.scale_activation`, 'sigmoid');
  return b.scale(x, s, `${prefix}.scale`);
}

function mbConv(b: GraphBuilder, x: TensorRef, prefix: string, expand: number, kernel: number, stride: number, out: number): TensorRef {
  const expanded = x.channels * expand;
  const residual = stride === 1 && x.channels === out;
  let y = x;
  let i = 0;
  if (expand !== 1) y = convBnAct(b, y, `${prefix}.block.${i++}`, { outChannels: expanded, kernel: 1 }, 'silu');
  const depthwise = { outChannels: expanded, kernel, stride, padding: (kernel - 1) / 2, groups: expanded };
  y = convBnAct(b, y, `${prefix}.block.${i++}`, depthwise, 'silu');
  y = squeezeExcite(b, y, `${prefix}.block.${i++}`, Math.max(1, Math.floor(x.channels / SE_RATIO)));
  y = convBnAct(b, y, `${prefix}.block.${i}`, { outChannels: out, kernel: 1 }, null, { gain: residual ? RESIDUAL_BRANCH_GAIN : 1 });
  return residual ? b.add(y, x, `${prefix}.add`) : y;
}

/** torchvision efficientnet_b0 (5,288,548 parameters). */
export function defineEfficientNetB0(b: GraphBuilder): TensorRef {
  let x = convBnAct(b, b.input, 'features.0', { outChannels: 32, kernel: 3, stride: 2, padding: 1 }, 'silu');
  STAGES.forEach(([expand, kernel, stride, inChannels, out, repeats], stage) => {
    invariant(x.channels === inChannels, `features.${stage + 1}: expected ${inChannels} input channels`);
    for (let i = 0; i < repeats; i++) x = mbConv(b, x, `features.${stage + 1}.${i}`, expand, kernel, i === 0 ? stride : 1, out);
  });
  x = convBnAct(b, x, `features.${STAGES.length + 1}`, { outChannels: LAST_CHANNELS, kernel: 1 }, 'silu');
  return classifierHead(b, x, 'classifier.1', IMAGENET_CLASSES);
}
