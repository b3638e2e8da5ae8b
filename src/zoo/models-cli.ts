// Flags of `npm run models`: parsing and validation with errors that name the flag and what it expects.
import { assertDtype, assertModelId, assertResolution, MODEL_IDS, type ModelDtype, type ModelId } from './model-ids';

/** A validated `npm run models` invocation. */
export interface ModelsCommand {
  /** Output folder for <id>.onnx and manifest.json. */
  readonly outDir: string;
  /** Input side in px (default 224). */
  readonly resolution: number;
  /** Models to write (default: all). */
  readonly models: readonly ModelId[];
  /** Default 'fp32'. */
  readonly dtype: ModelDtype;
  /** Weight seed (default 1). */
  readonly seed: number;
}

/** Usage text printed by --help. */
export const MODELS_USAGE = `Usage: npm run models -- --out DIR [--resolution N] [--models a,b] [--dtype fp32|fp16] [--seed S]
  --out DIR         folder for <id>.onnx and manifest.json (required)
  --resolution N    input side in px, a multiple of 32, at least 32 (default 224)
  --models a,b      comma-separated subset of: ${MODEL_IDS.join(', ')} (default: all)
  --dtype fp32|fp16 weight and I/O precision (default fp32)
  --seed S          integer weight seed in [0, 4294967295] (default 1)`;

const FLAGS = ['--out', '--resolution', '--models', '--dtype', '--seed'] as const;
type Flag = (typeof FLAGS)[number];

function isFlag(x: string): x is Flag {
  return (FLAGS as readonly string[]).includes(x);
}

function parseInteger(flag: string, raw: string, expected: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new Error(`${flag}: got '${raw}'; expected ${expected}`);
  return value;
}

/** Parses the flags after `--` (accepts `--flag value` and `--flag=value`); returns null for --help. */
export function parseModelsArgs(args: readonly string[]): ModelsCommand | null {
  const values = new Map<Flag, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') return null;
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!isFlag(name)) throw new Error(`${name}: unknown flag; expected one of ${FLAGS.join(', ')} (see --help)`);
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new Error(`${name}: missing value (see --help)`);
    if (values.has(name)) throw new Error(`${name}: given twice; expected it at most once`);
    values.set(name, value);
  }
  const outDir = values.get('--out');
  if (outDir === undefined) throw new Error('--out: missing; expected the folder to write the models to, e.g. --out public/models');
  const resolution = parseInteger('--resolution', values.get('--resolution') ?? '224', 'a multiple of 32, at least 32');
  assertResolution(resolution, '--resolution');
  const models = (values.get('--models') ?? MODEL_IDS.join(','))
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (models.length === 0) throw new Error(`--models: empty; expected a comma-separated subset of ${MODEL_IDS.join(', ')}`);
  models.forEach((id) => assertModelId(id, '--models'));
  const dtype = values.get('--dtype') ?? 'fp32';
  assertDtype(dtype, '--dtype');
  const seed = parseInteger('--seed', values.get('--seed') ?? '1', 'an integer in [0, 4294967295]');
  if (seed > 0xffffffff) throw new Error(`--seed: got ${seed}; expected an integer in [0, 4294967295]`);
  return { outDir, resolution, models: models as ModelId[], dtype, seed };
}
