// tiny-cnn: four conv+BN+ReLU layers, global average pool, linear to 10 classes (fast tests).
import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../layer-ir';
import { classifierHead, convBnAct } from './blocks';

/** Classes of the tiny model's classifier. */
export const TINY_CNN_CLASSES = 10;

/** (out channels, stride) of each conv layer. */
const LAYERS: readonly (readonly [number, number])[] = [
  [16, 1],
  [32, 2],
  [64, 2],
  [64, 2],
];

/** Defines tiny-cnn on the builder; returns the logits. */
export function defineTinyCnn(b: GraphBuilder): TensorRef {
  let x = b.input;
  LAYERS.forEach(([channels, stride], i) => {
    x = convBnAct(b, x, `features.${i}`, { outChannels: channels, kernel: 3, stride, padding: 1 }, 'relu');
  });
  return classifierHead(b, x, 'fc', TINY_CNN_CLASSES);
}
