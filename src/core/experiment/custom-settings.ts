// Text a user types for a custom model's dims and integer fills, parsed (never throwing), and the id that names its sessions and profiles.
import { customModelId, MAX_DIM_SIZE, MAX_FILL_MAGNITUDE, type CustomModel, type IntFill } from './custom-model-schema';
import type { Experiment, Tenant } from './schema';

/** A parsed field: its value, or one line saying what was expected. */
export type FieldResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const INT = /^[+-]?\d{1,12}$/;

/** A dim size typed in a field: a whole number from 1 to {@link MAX_DIM_SIZE}. */
export function parseDimSizeText(text: string): FieldResult<number> {
  const t = text.trim();
  if (!INT.test(t)) return { ok: false, message: `expected a whole number from 1 to ${String(MAX_DIM_SIZE)}` };
  const value = Number(t);
  if (value < 1 || value > MAX_DIM_SIZE) return { ok: false, message: `expected a whole number from 1 to ${String(MAX_DIM_SIZE)}, got ${String(value)}` };
  return { ok: true, value };
}

function fillInt(text: string): number | null {
  const t = text.trim();
  if (!INT.test(t)) return null;
  const value = Number(t);
  return Math.abs(value) <= MAX_FILL_MAGNITUDE ? value : null;
}

/**
 * An integer input's fill as typed: `7` (every element 7) or `0..99` (seeded uniform integers in
 * [0, 99]), each bound a whole number within ±(2^31 - 1).
 */
export function parseFillText(input: string, text: string): FieldResult<IntFill> {
  const hint = "expected a whole number (a constant, e.g. '1') or a range 'lo..hi' (e.g. '0..999'), within ±(2^31 - 1)";
  const range = /^(.*?)\.\.(.*)$/.exec(text);
  if (range === null) {
    const value = fillInt(text);
    return value === null ? { ok: false, message: hint } : { ok: true, value: { input, kind: 'constant', value } };
  }
  const lo = fillInt(range[1] ?? '');
  const hi = fillInt(range[2] ?? '');
  if (lo === null || hi === null) return { ok: false, message: hint };
  if (lo > hi) return { ok: false, message: `expected lo <= hi, got ${String(lo)}..${String(hi)}` };
  return { ok: true, value: { input, kind: 'uniform', lo, hi } };
}

/** A fill as a user would type it: '1' or '0..99'. */
export function fillText(fill: IntFill): string {
  return fill.kind === 'constant' ? String(fill.value) : `${String(fill.lo)}..${String(fill.hi)}`;
}

/** FNV-1a 32 of a string's UTF-16 code units, 8 hex digits. */
function fnv32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The id that names a custom model's sessions and solo profiles: `custom:<name>#<sha256, 16 hex>~<settings, 8 hex>`,
 * so another file under the same name, or other dims or fills, never reuse a session or a profile.
 */
export function customSessionId(entry: CustomModel): string {
  const settings = JSON.stringify([entry.dims.map((d) => [d.name, d.size]), entry.fills.map((f) => (f.kind === 'constant' ? [f.input, f.value] : [f.input, f.lo, f.hi]))]);
  return `${customModelId(entry.name)}#${entry.sha256.slice(0, 16)}~${fnv32(settings)}`;
}

/** The custom model entry a model id names in this experiment, or undefined (a zoo id, or no entry). */
export function customEntryOf(experiment: Pick<Experiment, 'customModels'>, model: string): CustomModel | undefined {
  if (!model.startsWith('custom:')) return undefined;
  const name = model.slice('custom:'.length);
  return experiment.customModels?.find((m) => m.name === name);
}

/**
 * What a tenant's sessions are named after: its zoo model id, or {@link customSessionId} of its custom
 * model (the model id itself when the entry is missing: validation refuses that experiment).
 */
export function sessionModelOf(experiment: Pick<Experiment, 'customModels'>, tenant: Pick<Tenant, 'model'>): string {
  const entry = customEntryOf(experiment, tenant.model);
  return entry === undefined ? tenant.model : customSessionId(entry);
}
