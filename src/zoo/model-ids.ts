// The model identifiers of the zoo, their validation, and the resolution rule.

/** Every model the zoo can generate, lightest first for tests. */
export const MODEL_IDS = [
  'tiny-cnn',
  'resnet18',
  'resnet50',
  'mobilenet_v2',
  'squeezenet1_1',
  'googlenet',
  'efficientnet_b0',
  'vgg16',
] as const;

/** One model identifier of the zoo. */
export type ModelId = (typeof MODEL_IDS)[number];

/** Weight/activation precision of a generated model. */
export type ModelDtype = 'fp32' | 'fp16';

/** The precisions a model can be generated in. */
export const MODEL_DTYPES: readonly ModelDtype[] = ['fp32', 'fp16'];

/** Input side length rule: a multiple of this many pixels (the largest stride of the zoo). */
export const RESOLUTION_STEP_PX = 32;

/** True when x names a zoo model. */
export function isModelId(x: string): x is ModelId {
  return (MODEL_IDS as readonly string[]).includes(x);
}

/** Throws an Error naming the field when id is not a zoo model. */
export function assertModelId(id: string, field = 'id'): asserts id is ModelId {
  if (!isModelId(id)) {
    throw new Error(`${field}: unknown model '${id}'; expected one of ${MODEL_IDS.join(', ')}`);
  }
}

/** Throws an Error naming the field unless resolutionPx is an integer multiple of 32, at least 32. */
export function assertResolution(resolutionPx: number, field = 'resolution'): void {
  if (!Number.isInteger(resolutionPx) || resolutionPx < RESOLUTION_STEP_PX || resolutionPx % RESOLUTION_STEP_PX !== 0) {
    throw new Error(
      `${field}: got ${String(resolutionPx)}; expected an integer multiple of ${RESOLUTION_STEP_PX} px, at least ${RESOLUTION_STEP_PX} (e.g. 32, 64, 224)`,
    );
  }
}

/** Throws an Error naming the field unless dtype is 'fp32' or 'fp16'. */
export function assertDtype(dtype: string, field = 'dtype'): asserts dtype is ModelDtype {
  if (!(MODEL_DTYPES as readonly string[]).includes(dtype)) {
    throw new Error(`${field}: got '${dtype}'; expected one of ${MODEL_DTYPES.join(', ')}`);
  }
}
