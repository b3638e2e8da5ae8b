// ResNet-18 (BasicBlock) and ResNet-50 (Bottleneck, stride on the 3x3 conv), torchvision layout.
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import { IMAGENET_CLASSES } from './imagenet';
import { RESIDUAL_BRANCH_GAIN } from './blocks';

type BlockKind = 'basic' | 'bottleneck';

/** conv -> bn (-> relu), torchvision names `<prefix>.convN` / `<prefix>.bnN`. */
function convBn(b: GraphBuilder, x: TensorRef, prefix: string, n: number, out: number, kernel: number, stride: number, relu: boolean, gain = 1): TensorRef {
  const conv = b.conv(x, `${prefix}.conv${n}`, { outChannels: out, kernel, stride, padding: (kernel - 1) / 2 });
  const bn = b.batchNorm(conv, `${prefix}.bn${n}`, { gain });
  return relu ? b.activation(bn, `${prefix}.relu${n}`, 'relu') : bn;
}

function block(b: GraphBuilder, x: TensorRef, prefix: string, kind: BlockKind, planes: number, stride: number): TensorRef {
  const expansion = kind === 'basic' ? 1 : 4;
  const out = planes * expansion;
  let y: TensorRef;
  if (kind === 'basic') {
    y = convBn(b, x, prefix, 1, planes, 3, stride, true);
    y = convBn(b, y, prefix, 2, planes, 3, 1, false, RESIDUAL_BRANCH_GAIN);
  } else {
    y = convBn(b, x, prefix, 1, planes, 1, 1, true);
    y = convBn(b, y, prefix, 2, planes, 3, stride, true);
    y = convBn(b, y, prefix, 3, out, 1, 1, false, RESIDUAL_BRANCH_GAIN);
  }
  let identity = x;
  if (stride !== 1 || x.channels !== out) {
    const conv = b.conv(x, `${prefix}.downsample.0`, { outChannels: out, kernel: 1, stride });
    identity = b.batchNorm(conv, `${prefix}.downsample.1`);
  }
  return b.activation(b.add(y, identity, `${prefix}.add`), `${prefix}.relu`, 'relu');
}

function defineResNet(b: GraphBuilder, kind: BlockKind, blocks: readonly number[]): TensorRef {
  let x = b.conv(b.input, 'conv1', { outChannels: 64, kernel: 7, stride: 2, padding: 3 });
  x = b.activation(b.batchNorm(x, 'bn1'), 'relu', 'relu');
  x = b.maxPool(x, 'maxpool', { kernel: 3, stride: 2, padding: 1 });
  blocks.forEach((count, stage) => {
    const planes = 64 * 2 ** stage;
    for (let i = 0; i < count; i++) {
      x = block(b, x, `layer${stage + 1}.${i}`, kind, planes, i === 0 && stage > 0 ? 2 : 1);
    }
  });
  return b.linear(b.flatten(b.globalAvgPool(x, 'avgpool'), 'flatten'), 'fc', IMAGENET_CLASSES);
}

/** torchvision resnet18: BasicBlock x [2, 2, 2, 2]. */
export const defineResNet18 = (b: GraphBuilder): TensorRef => defineResNet(b, 'basic', [2, 2, 2, 2]);
/** torchvision resnet50: Bottleneck x [3, 4, 6, 3]. */
export const defineResNet50 = (b: GraphBuilder): TensorRef => defineResNet(b, 'bottleneck', [3, 4, 6, 3]);
