// What a characterization is asked to do (zod, defaults stated): models (zoo or the user's own), sizes, backend, repeats.
import { z } from 'zod';
import { CustomModelSchema, customNameOf, type CustomModel } from '../experiment/custom-model-schema';
import { MODEL_ID, MODEL_ID_HINT } from '../experiment/model-id';
import { issuesFromZod, type ConfigIssue } from '../experiment/parse';

/** The models `--quick` characterizes (three small zoo models). */
export const QUICK_MODELS = ['tiny-cnn', 'squeezenet1_1', 'mobilenet_v2'] as const;

const SIZE = z.int().min(32).max(1024).multipleOf(32, 'expected a multiple of 32 px');

/**
 * Options of one characterization. Defaults: three quick models, WebGPU, 224 px, 3 repeats, batch up
 * to 64, 500 ms windows, at most 10 windows per repeat, no live confirmation. `quick`: 32 px on WASM,
 * batch up to 8, 200 ms windows, at most 5 (values given explicitly win over it). `resolutions`:
 * several input sizes in one run (solo sweeps and cells per size; `resolution` is one size).
 * `customModels`: the entries (file, hash, inputs, chosen dims) of the `custom:<name>` ids in `models`;
 * the page fills them from its experiment when absent. A custom model always runs at its chosen dims:
 * the input sizes apply to zoo models only (a custom model is keyed `custom:<name>@<size>` like them).
 */
export const CharacterizeOptionsSchema = z.strictObject({
  models: z.array(z.string().regex(MODEL_ID, MODEL_ID_HINT)).min(1, 'expected at least one model').max(8, 'expected at most 8 models').default([...QUICK_MODELS]),
  backend: z.enum(['webgpu', 'wasm']).optional(),
  resolution: SIZE.optional(),
  resolutions: z.array(SIZE).min(1, 'expected at least one input size').max(4, 'expected at most 4 input sizes').optional(),
  repeats: z.int().min(1).max(30).default(3),
  maxBatch: z.int().min(1).max(64).optional(),
  windowMs: z.number().min(50).max(60_000).optional(),
  maxWindows: z.int().min(3).max(100).optional(),
  quick: z.boolean().default(false),
  /** Confirm the default mix's capacity (FCFS) with live probes; default off (and off in quick unless asked). */
  confirmLive: z.boolean().default(false),
  customModels: z.array(CustomModelSchema).max(8, 'expected at most 8 custom models').optional(),
});
export type CharacterizeOptionsInput = z.input<typeof CharacterizeOptionsSchema>;

/** Options with every default resolved. */
export interface CharacterizeOptions {
  readonly models: readonly string[];
  readonly backend: 'webgpu' | 'wasm';
  /** The first input size (the only one unless `resolutions` has more). */
  readonly resolution: number;
  /** Every input size, in the order given, without repeats. */
  readonly resolutions: readonly number[];
  readonly confirmLive: boolean;
  readonly repeats: number;
  readonly maxBatch: number;
  readonly windowMs: number;
  readonly maxWindows: number;
  readonly quick: boolean;
  /** The entry of every `custom:` id in `models`, in the order of `models`. */
  readonly customModels: readonly CustomModel[];
}

/** Validates and resolves the defaults (quick ones under `quick`); issues name the field. */
export function resolveOptions(input: unknown): { ok: true; options: CharacterizeOptions } | { ok: false; issues: ConfigIssue[] } {
  const parsed = CharacterizeOptionsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const o = parsed.data;
  if (o.resolution !== undefined && o.resolutions !== undefined) return { ok: false, issues: [{ path: 'resolutions', message: 'expected resolution or resolutions, not both' }] };
  const models = [...new Set(o.models)];
  const customModels: CustomModel[] = [];
  for (const [i, model] of models.entries()) {
    const name = customNameOf(model);
    if (name === null) continue;
    const entry = o.customModels?.find((m) => m.name === name);
    if (entry === undefined) return { ok: false, issues: [{ path: `models[${String(i)}]`, message: `no file for ${model.slice(0, 60)}: expected an entry named ${JSON.stringify(name.slice(0, 40))} in customModels (load the file as a tenant first)` }] };
    customModels.push(entry);
  }
  const resolutions = [...new Set(o.resolutions ?? [o.resolution ?? (o.quick ? 32 : 224)])];
  return {
    ok: true,
    options: {
      models, customModels, quick: o.quick, repeats: o.repeats, confirmLive: o.confirmLive,
      backend: o.backend ?? (o.quick ? 'wasm' : 'webgpu'),
      resolution: resolutions[0] ?? 32,
      resolutions,
      maxBatch: o.maxBatch ?? (o.quick ? 8 : 64),
      windowMs: o.windowMs ?? (o.quick ? 200 : 500),
      maxWindows: o.maxWindows ?? (o.quick ? 5 : 10),
    },
  };
}
