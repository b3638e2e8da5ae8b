// `npm run characterize` arguments parsed (never throwing, each problem naming its flag): options, output folder, the user's own model files and their dims.
import type { DimChoice } from '../experiment/custom-model-schema';
import { parseDimSizeText } from '../experiment/custom-settings';
import type { ConfigIssue } from '../experiment/parse';
import { QUICK_MODELS, resolveOptions, type CharacterizeOptionsInput } from './characterize-options';

export const CHARACTERIZE_USAGE =
    'usage: npm run characterize -- [--models a,b] [--model-file PATH [--dims name=N,name=N]]... [--backend webgpu|wasm] [--resolution N | --resolutions N,M] [--repeats N] [--max-batch N] [--window-ms N] [--confirm-live] [--quick] [--out DIR]';

/** Most models a characterization takes, zoo and files together (the options' own cap). */
const MAX_MODELS = 8;

/** One `--model-file`: the path as given and the sizes its `--dims` chose (in the order given; the rest keep the page's defaults). */
export interface ModelFileArg {
  readonly path: string;
  readonly dims: readonly DimChoice[];
}

/**
 * Parsed command line: the options input (validated later by resolveOptions; the page adds each model
 * file's `custom:` id and entry), the output folder, and the model files to hand to the page.
 */
export type CharacterizeArgs =
  | { ok: true; input: CharacterizeOptionsInput; outDir: string; modelFiles: readonly ModelFileArg[] }
  | { ok: false; issues: ConfigIssue[] };

const NUMERIC = new Map<string, 'resolution' | 'repeats' | 'maxBatch' | 'windowMs'>([
  ['--resolution', 'resolution'],
  ['--repeats', 'repeats'],
  ['--max-batch', 'maxBatch'],
  ['--window-ms', 'windowMs'],
]);

/** True for control and line-separator characters (shown as '?' so that every message stays one line). */
const isControl = (code: number): boolean => code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029;
const cut = (text: string, max = 40): string => Array.from(text.slice(0, max), (c) => (isControl(c.charCodeAt(0)) ? '?' : c)).join('');

/**
 * `name=N,name=N` (spaces around items allowed): each name a symbolic dim of the file (checked by the
 * page), each N a whole number from 1 to 65,536 (MAX_DIM_SIZE), no name twice. A message, or the choices.
 */
export function parseDimsText(text: string): { ok: true; dims: DimChoice[] } | { ok: false; message: string } {
  const dims: DimChoice[] = [];
  for (const item of text.split(',').map((x) => x.trim())) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim();
    if (eq < 0 || name === '' || name.length > 256 || /\s/.test(name)) return { ok: false, message: `expected name=N items separated by commas (e.g. height=224,width=320), got '${cut(item)}'` };
    const size = parseDimSizeText(item.slice(eq + 1));
    if (!size.ok) return { ok: false, message: `${cut(name)}: ${size.message}` };
    if (dims.some((d) => d.name === name)) return { ok: false, message: `${cut(name)} is given twice` };
    dims.push({ name, size: size.value });
  }
  return { ok: true, dims };
}

/**
 * Parses the arguments after `--` (`--flag value` or `--flag=value`); never throws; each issue names its
 * flag. `--model-file PATH` may repeat; a `--dims` belongs to the `--model-file` just before it.
 */
export function parseCharacterizeArgs(args: readonly string[], defaultOutDir = 'characterization'): CharacterizeArgs {
  const issues: ConfigIssue[] = [];
  const input: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const files: { path: string; dims: DimChoice[] | null }[] = [];
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
      if (v !== null && bad !== undefined) issues.push({ path: flag, message: `expected sizes in px separated by commas, got '${cut(bad)}'` });
      else if (v !== null) input.resolutions = sizes.map(Number);
    } else if (flag === '--models') {
      const v = takeValue();
      if (v !== null) input.models = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    } else if (flag === '--model-file') {
      const v = takeValue();
      if (v !== null && v.trim() === '') issues.push({ path: flag, message: 'expected the path of an .onnx file' });
      else if (v !== null) files.push({ path: v, dims: null });
    } else if (flag === '--dims') {
      const v = takeValue();
      const last = files[files.length - 1];
      const dims = v === null ? null : parseDimsText(v);
      if (v === null || dims === null) continue;
      if (last === undefined) issues.push({ path: flag, message: 'expected after a --model-file (it sets the sizes of that file)' });
      else if (last.dims !== null) issues.push({ path: flag, message: `expected once per --model-file ('${cut(last.path)}' has one already)` });
      else if (!dims.ok) issues.push({ path: flag, message: dims.message });
      else last.dims = dims.dims;
    } else if (flag === '--backend') {
      const v = takeValue();
      if (v !== null) input.backend = v;
    } else if (flag === '--out') {
      const v = takeValue();
      if (v !== null) outDir = v;
    } else if (NUMERIC.has(flag)) {
      const v = takeValue();
      const n = v === null ? NaN : /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
      if (v !== null && Number.isNaN(n)) issues.push({ path: flag, message: `expected a number, got '${cut(v)}'` });
      else if (v !== null) input[NUMERIC.get(flag) ?? ''] = n;
    } else {
      issues.push({ path: cut(flag, 60), message: 'unknown argument' });
    }
  }
  const zooCount = Array.isArray(input.models) ? input.models.length : QUICK_MODELS.length;
  if (files.length > 0 && zooCount + files.length > MAX_MODELS) {
    issues.push({ path: '--model-file', message: `expected at most ${String(MAX_MODELS)} models in all (${String(zooCount)} from --models${Array.isArray(input.models) ? '' : ' by default'}, ${String(files.length)} files)` });
  }
  if (issues.length > 0) return { ok: false, issues };
  const resolved = resolveOptions(input);
  if (!resolved.ok) return { ok: false, issues: resolved.issues.map((x) => ({ path: `--${x.path.split(/[.[]/)[0]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) ?? ''}`, message: x.message })) };
  return { ok: true, input: { ...input }, outDir, modelFiles: files.map((f) => ({ path: f.path, dims: f.dims ?? [] })) };
}
