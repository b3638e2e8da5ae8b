// What a characterization is asked to do (zod, defaults stated), and `npm run characterize` arguments parsed into it.
import { z } from 'zod';
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
}

/** Validates and resolves the defaults (quick ones under `quick`); issues name the field. */
export function resolveOptions(input: unknown): { ok: true; options: CharacterizeOptions } | { ok: false; issues: ConfigIssue[] } {
  const parsed = CharacterizeOptionsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const o = parsed.data;
  if (o.resolution !== undefined && o.resolutions !== undefined) return { ok: false, issues: [{ path: 'resolutions', message: 'expected resolution or resolutions, not both' }] };
  const models = [...new Set(o.models)];
  const resolutions = [...new Set(o.resolutions ?? [o.resolution ?? (o.quick ? 32 : 224)])];
  return {
    ok: true,
    options: {
      models, quick: o.quick, repeats: o.repeats, confirmLive: o.confirmLive,
      backend: o.backend ?? (o.quick ? 'wasm' : 'webgpu'),
      resolution: resolutions[0] ?? 32,
      resolutions,
      maxBatch: o.maxBatch ?? (o.quick ? 8 : 64),
      windowMs: o.windowMs ?? (o.quick ? 200 : 500),
      maxWindows: o.maxWindows ?? (o.quick ? 5 : 10),
    },
  };
}

export const CHARACTERIZE_USAGE =
    'usage: npm run characterize -- [--models a,b] [--backend webgpu|wasm] [--resolution N | --resolutions N,M] [--repeats N] [--max-batch N] [--window-ms N] [--confirm-live] [--quick] [--out DIR]';

/** Parsed command line: the options input (validated later by resolveOptions) and the output folder. */
export type CharacterizeArgs = { ok: true; input: CharacterizeOptionsInput; outDir: string } | { ok: false; issues: ConfigIssue[] };

const NUMERIC = new Map<string, 'resolution' | 'repeats' | 'maxBatch' | 'windowMs'>([
  ['--resolution', 'resolution'],
  ['--repeats', 'repeats'],
  ['--max-batch', 'maxBatch'],
  ['--window-ms', 'windowMs'],
]);

/** Parses the arguments after `--` (`--flag value` or `--flag=value`); never throws; each issue names its flag. */
export function parseCharacterizeArgs(args: readonly string[], defaultOutDir = 'characterization'): CharacterizeArgs {
  const issues: ConfigIssue[] = [];
  const input: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let outDir = defaultOutDir;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string | null => {
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) {
        issues.push({ path: flag, message: 'expected a value' });
        return null;
      }
      i++;
      return v;
    };
    if (flag === '--quick' || flag === '--confirm-live') {
      if (eq > 0 && arg.startsWith('--')) issues.push({ path: flag, message: 'takes no value' });
      else input[flag === '--quick' ? 'quick' : 'confirmLive'] = true;
    } else if (flag === '--resolutions') {
      const v = takeValue();
      const sizes = v === null ? [] : v.split(',').map((x) => x.trim());
      const bad = sizes.find((x) => !/^\d{1,5}$/.test(x));
      if (v !== null && bad !== undefined) issues.push({ path: flag, message: `expected sizes in px separated by commas, got '${bad.slice(0, 40)}'` });
      else if (v !== null) input.resolutions = sizes.map(Number);
    } else if (flag === '--models') {
      const v = takeValue();
      if (v !== null) input.models = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    } else if (flag === '--backend') {
      const v = takeValue();
      if (v !== null) input.backend = v;
    } else if (flag === '--out') {
      const v = takeValue();
      if (v !== null) outDir = v;
    } else if (NUMERIC.has(flag)) {
      const v = takeValue();
      const n = v === null ? NaN : /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
      if (v !== null && Number.isNaN(n)) issues.push({ path: flag, message: `expected a number, got '${v.slice(0, 40)}'` });
      else if (v !== null) input[NUMERIC.get(flag) ?? ''] = n;
    } else {
      issues.push({ path: flag.slice(0, 60), message: 'unknown argument' });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const resolved = resolveOptions(input);
  if (!resolved.ok) return { ok: false, issues: resolved.issues.map((x) => ({ path: `--${x.path.split(/[.[]/)[0]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) ?? ''}`, message: x.message })) };
  return { ok: true, input: { ...input }, outDir };
}
