// Pure edits for custom models: an inspected file as a customModels entry and a tenant beside the current ones.
import { customModelId, type CustomModel } from '../../core/experiment';
import { symbolicDimsOf, type SymbolicDim } from '../../zoo/symbolic-dims';
import type { OnnxInspection } from '../../zoo/inspect';
import { addTenant, uniqueTenantId } from '../experiment-edits';
import { getIn, setIn, type Draft } from '../experiment-draft';

/** What the page knows of a picked file. */
export interface PickedFile {
  readonly fileName: string;
  readonly byteLength: number;
  readonly sha256: string;
  readonly inspection: OnnxInspection;
}

const entriesOf = (draft: Draft): unknown[] => (Array.isArray(draft.customModels) ? (draft.customModels as unknown[]) : []);

/** A model name from a file name: no extension, no spaces, at most 100 characters, unique among the draft's entries. */
export function customNameFor(draft: Draft, fileName: string): string {
  const base = fileName.replace(/\.onnx$/i, '').replace(/\s+/g, '_').slice(0, 100) || 'model';
  const taken = new Set(entriesOf(draft).map((e) => getIn(e, ['name'])));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${String(n)}`)) return `${base}-${String(n)}`;
}

/** The entry of a picked file: its inputs, each symbolic dim at its default, each integer input filled with 1. */
export function entryFor(name: string, file: PickedFile): { readonly entry: CustomModel; readonly dims: readonly SymbolicDim[] } {
  const dims = symbolicDimsOf(file.inspection);
  const entry: CustomModel = {
    name, fileName: file.fileName.slice(0, 256), byteLength: file.byteLength, sha256: file.sha256,
    inputs: file.inspection.inputs.map((i) => ({ name: i.name, type: i.elemType, dims: [...i.dims] })),
    dims: dims.map((d) => ({ name: d.name, size: d.size })),
    fills: file.inspection.inputs.filter((i) => i.elemType === 'int32' || i.elemType === 'int64').map((i) => ({ input: i.name, kind: 'constant', value: 1 })),
  };
  return { entry, dims };
}

/** The tenant resolution a custom model is keyed by: its first spatial size as a multiple of 32 in [32, 1024], else 32 (it only names the model key). */
function keyResolution(dims: readonly SymbolicDim[]): number {
  const side = dims.find((d) => d.source !== 'default')?.size ?? 32;
  return Math.min(1024, Math.max(32, Math.round(side / 32) * 32));
}

/**
 * The draft with the file as a custom model (its entry, reused when the draft already has one of the
 * same sha256) and a new tenant running it, appended beside the current tenants.
 */
export function addCustomTenant(draft: Draft, file: PickedFile): Draft {
  const existing = entriesOf(draft).findIndex((e) => getIn(e, ['sha256']) === file.sha256);
  let next = draft;
  let name: string;
  let resolution = 32;
  if (existing >= 0) {
    name = String(getIn(entriesOf(draft)[existing], ['name']));
  } else {
    name = customNameFor(draft, file.fileName);
    const { entry, dims } = entryFor(name, file);
    resolution = keyResolution(dims);
    next = { ...next, customModels: [...entriesOf(draft), entry] };
  }
  next = addTenant(next);
  const tenants = next.tenants as unknown[];
  const index = tenants.length - 1;
  const id = uniqueTenantId(draft, name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'custom');
  next = setIn(next, ['tenants', index, 'id'], id) as Draft;
  next = setIn(next, ['tenants', index, 'model'], customModelId(name)) as Draft;
  return setIn(next, ['tenants', index, 'resolution'], resolution) as Draft;
}
