// The experiment's optional `customModels` section (zod): per user-loaded .onnx file its name, hash, inputs and the chosen dims and integer fills.
import { z } from 'zod';

/** Most custom models one experiment names (one per tenant at most). */
export const MAX_CUSTOM_MODELS = 16;
/** Most inputs, dims per input and chosen dims / fills recorded per model. */
export const MAX_CUSTOM_INPUTS = 64;
export const MAX_CUSTOM_RANK = 16;
/** Largest size a symbolic dim may be given (a 2 GiB input is refused later in any case). */
export const MAX_DIM_SIZE = 65_536;
/** Integer fills stay within int32 (they are token ids or lengths; int64 inputs get the same values). */
export const MAX_FILL_MAGNITUDE = 2 ** 31 - 1;

/** The name after `custom:` in a tenant's model id (MODEL_ID allows 1-128 non-space characters). */
export const CUSTOM_NAME = /^[^\s]{1,128}$/;
/** The model id of a custom model named `name`. */
export const customModelId = (name: string): string => `custom:${name}`;
/** The custom name of a model id, or null for a zoo id. */
export function customNameOf(model: string): string | null {
  return model.startsWith('custom:') ? model.slice('custom:'.length) : null;
}

/** One graph input as the file declares it: ORT type name and dims (number fixed, string symbolic, null unknown). */
export const CustomInputSchema = z.strictObject({
  name: z.string().max(256),
  type: z.string().min(1).max(32),
  dims: z.array(z.union([z.int().min(0), z.string().max(256), z.null()])).max(MAX_CUSTOM_RANK),
});
export type CustomInput = z.infer<typeof CustomInputSchema>;

/** A symbolic dim (not a batch axis) given a size: `name` as in the file, `size` from 1 to {@link MAX_DIM_SIZE}. */
export const DimChoiceSchema = z.strictObject({
  name: z.string().min(1).max(256),
  size: z.int().min(1, 'expected a size of at least 1').max(MAX_DIM_SIZE, `expected a size of at most ${String(MAX_DIM_SIZE)}`),
});
export type DimChoice = z.infer<typeof DimChoiceSchema>;

const fillInt = z.int().min(-MAX_FILL_MAGNITUDE, 'expected at least -(2^31 - 1)').max(MAX_FILL_MAGNITUDE, 'expected at most 2^31 - 1');

/**
 * How an int32/int64 input is filled: every element `value` ('constant'), or seeded uniform integers
 * in [lo, hi] ('uniform'). Default (no entry): constant 1 (a valid token id and length for most models).
 */
export const IntFillSchema = z.discriminatedUnion('kind', [
  z.strictObject({ input: z.string().max(256), kind: z.literal('constant'), value: fillInt }),
  z.strictObject({ input: z.string().max(256), kind: z.literal('uniform'), lo: fillInt, hi: fillInt }),
]).check((ctx) => {
  const fill = ctx.value;
  if (fill.kind === 'uniform' && fill.lo > fill.hi) ctx.issues.push({ code: 'custom', input: fill.hi, path: ['hi'], message: `expected hi >= lo (${String(fill.lo)})` });
});
export type IntFill = z.infer<typeof IntFillSchema>;

/** The fill of an integer input with no entry: constant 1. */
export const DEFAULT_INT_FILL = { kind: 'constant', value: 1 } as const;

/**
 * A user-loaded model as an experiment records it. The bytes are not here (nor in the URL): the page
 * keeps them in IndexedDB by `sha256` and asks for the file when they are missing.
 */
export const CustomModelSchema = z.strictObject({
  /** Tenants name it `custom:<name>`. */
  name: z.string().regex(CUSTOM_NAME, 'expected 1-128 characters, no spaces'),
  /** Display name (default: the name). */
  displayName: z.string().max(200).optional(),
  fileName: z.string().min(1).max(256),
  byteLength: z.int().min(1).max(2 ** 40),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
  inputs: z.array(CustomInputSchema).min(1, 'expected at least one input').max(MAX_CUSTOM_INPUTS),
  dims: z.array(DimChoiceSchema).max(MAX_CUSTOM_INPUTS * MAX_CUSTOM_RANK).default([]),
  fills: z.array(IntFillSchema).max(MAX_CUSTOM_INPUTS).default([]),
}).check((ctx) => {
  const entry = ctx.value;
  const named = new Set<string>();
  for (const input of entry.inputs) for (const [axis, d] of input.dims.entries()) if (axis > 0 && typeof d === 'string') named.add(d);
  const batchNames = new Set(entry.inputs.map((i) => i.dims[0]).filter((d): d is string => typeof d === 'string'));
  const seen = new Set<string>();
  entry.dims.forEach((choice, i) => {
    if (seen.has(choice.name)) ctx.issues.push({ code: 'custom', input: choice.name, path: ['dims', i, 'name'], message: 'duplicate dim' });
    seen.add(choice.name);
    if (!named.has(choice.name) || batchNames.has(choice.name)) ctx.issues.push({ code: 'custom', input: choice.name, path: ['dims', i, 'name'], message: 'expected a symbolic dim of an input other than a batch axis' });
  });
  for (const name of named) {
    if (!batchNames.has(name) && !seen.has(name)) ctx.issues.push({ code: 'custom', input: entry.dims, path: ['dims'], message: `expected a size for the symbolic dim ${JSON.stringify(name.slice(0, 40))}` });
  }
  const intInputs = new Set(entry.inputs.filter((i) => i.type === 'int32' || i.type === 'int64').map((i) => i.name));
  entry.fills.forEach((fill, i) => {
    if (!intInputs.has(fill.input)) ctx.issues.push({ code: 'custom', input: fill.input, path: ['fills', i, 'input'], message: 'expected the name of an int32 or int64 input' });
  });
});
export type CustomModel = z.infer<typeof CustomModelSchema>;

/** The size chosen for symbolic dim `name`, or undefined. */
export function dimSizeOf(entry: Pick<CustomModel, 'dims'>, name: string): number | undefined {
  return entry.dims.find((d) => d.name === name)?.size;
}

/** The fill of integer input `input` (the default, constant 1, when none is recorded). */
export function fillOf(entry: Pick<CustomModel, 'fills'>, input: string): IntFill {
  return entry.fills.find((f) => f.input === input) ?? { input, ...DEFAULT_INT_FILL };
}

/** `name=size` of every chosen dim, in the file's order, e.g. 'height=32,width=48' ('' when none). */
export function dimsLabel(entry: Pick<CustomModel, 'dims'>): string {
  return entry.dims.map((d) => `${d.name}=${String(d.size)}`).join(',');
}
