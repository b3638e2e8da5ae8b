// Building blocks shared by the architectures: conv + BN (+ activation), torchvision naming.
import type { ConvOptions, GraphBuilder } from '../graph-builder';
import type { ActivationFn, TensorRef } from '../layer-ir';

/** gamma gain of the last BN of each residual branch, so the residual stream grows slowly with depth. */
export const RESIDUAL_BRANCH_GAIN = 0.5;

/** BN options of a block: eps (default 1e-5) and gain on gamma (default 1). */
export interface BnOptions {
  eps?: number;
  gain?: number;
}

/**
 * conv (no bias) -> BatchNorm -> optional activation, named like torchvision's
 * Conv2dNormActivation: `<prefix>.0` conv, `<prefix>.1` BN, `<prefix>.2` activation.
 */
export function convBnAct(
  b: GraphBuilder,
  x: TensorRef,
  prefix: string,
  conv: ConvOptions,
  act: ActivationFn | null,
  bn: BnOptions = {},
): TensorRef {
  const y = b.batchNorm(b.conv(x, `${prefix}.0`, { ...conv, bias: false }), `${prefix}.1`, bn);
  return act ? b.activation(y, `${prefix}.2`, act) : y;
}

/** Global average pool, flatten and the final linear classifier. */
export function classifierHead(b: GraphBuilder, x: TensorRef, name: string, classes: number): TensorRef {
  return b.linear(b.flatten(b.globalAvgPool(x, 'avgpool'), 'flatten'), name, classes);
}
