// Which architecture function defines each zoo model, and its display name.
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import type { ModelId } from '../model-ids';
import { defineTinyCnn } from './tiny-cnn';
import { defineResNet18, defineResNet50 } from './resnet';

/** One architecture of the zoo. */
export interface Architecture {
  /** Display name, e.g. 'ResNet-50'. */
  readonly name: string;
  /** Adds the layers to the builder and returns the logits tensor. */
  readonly define: (b: GraphBuilder) => TensorRef;
}

/** Architectures implemented so far. */
export const ARCHITECTURES: Partial<Record<ModelId, Architecture>> = {
  'tiny-cnn': { name: 'Tiny CNN', define: defineTinyCnn },
  resnet18: { name: 'ResNet-18', define: defineResNet18 },
  resnet50: { name: 'ResNet-50', define: defineResNet50 },
};
