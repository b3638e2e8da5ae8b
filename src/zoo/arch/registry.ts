// Which architecture function defines each zoo model, and its display name.
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import type { ModelId } from '../model-ids';
import { defineTinyCnn } from './tiny-cnn';
import { defineResNet18, defineResNet50 } from './resnet';
import { defineMobileNetV2 } from './mobilenet-v2';
import { defineSqueezeNet11 } from './squeezenet';
import { defineGoogLeNet } from './googlenet';
import { defineEfficientNetB0 } from './efficientnet-b0';
import { defineVgg16 } from './vgg16';

/** One architecture of the zoo. */
export interface Architecture {
  /** Display name, e.g. 'ResNet-50'. */
  readonly name: string;
  /** Adds the layers to the builder and returns the logits tensor. */
  readonly define: (b: GraphBuilder) => TensorRef;
}

/** Every zoo model's architecture. */
export const ARCHITECTURES: Readonly<Record<ModelId, Architecture>> = {
  'tiny-cnn': { name: 'Tiny CNN', define: defineTinyCnn },
  resnet18: { name: 'ResNet-18', define: defineResNet18 },
  resnet50: { name: 'ResNet-50', define: defineResNet50 },
  mobilenet_v2: { name: 'MobileNetV2', define: defineMobileNetV2 },
  squeezenet1_1: { name: 'SqueezeNet 1.1', define: defineSqueezeNet11 },
  googlenet: { name: 'GoogLeNet', define: defineGoogLeNet },
  efficientnet_b0: { name: 'EfficientNet-B0', define: defineEfficientNetB0 },
  vgg16: { name: 'VGG-16', define: defineVgg16 },
};
