// Structural edits of an experiment draft: add, remove and duplicate tenants; switch arrival, batch and granularity kinds.
import type { BatchPolicy } from '../core/experiment';
import { getIn, setIn, type Draft } from './experiment-draft';

/** The most tenants an experiment may have (the schema's bound). */
export const MAX_TENANTS = 16;

/** Arrival kinds the table edits in place; `mmpp` and `trace` come from presets or imported files. */
export const EDITABLE_ARRIVALS = ['poisson', 'constant', 'gamma', 'replay', 'closed-loop'] as const;
export type EditableArrival = (typeof EDITABLE_ARRIVALS)[number];
export type BatchKind = BatchPolicy['kind'];

const tenantsOf = (draft: Draft): unknown[] => {
  const tenants = draft.tenants;
  return Array.isArray(tenants) ? (tenants as unknown[]) : [];
};

const idOf = (tenant: unknown): string => {
  const id = getIn(tenant, ['id']);
  return typeof id === 'string' ? id : '';
};

/** `base`, or `base-2`, `base-3`... whichever no tenant uses yet. */
export function uniqueTenantId(draft: Draft, base: string): string {
  const taken = new Set(tenantsOf(draft).map(idOf));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${String(n)}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Appends a best-effort ResNet-18 tenant (Poisson at 20% of capacity, 100 ms SLO) with a fresh id. */
export function addTenant(draft: Draft): Draft {
  const tenant = {
    id: uniqueTenantId(draft, 'tenant'),
    model: 'resnet18',
    resolution: 224,
    batch: { kind: 'none' },
    arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.2 } },
    sloMs: 100,
    weight: 1,
    priority: 'best-effort',
    queueLimit: 64,
    overflow: 'drop-newest',
  };
  return { ...draft, tenants: [...tenantsOf(draft), tenant] };
}

/** Removes tenant `index` (the schema then reports an experiment left without tenants). */
export function removeTenant(draft: Draft, index: number): Draft {
  return { ...draft, tenants: tenantsOf(draft).filter((_, i) => i !== index) };
}

/** Inserts a copy of tenant `index` right after it, with the id `<id>-copy` (made unique). */
export function duplicateTenant(draft: Draft, index: number): Draft {
  const tenants = tenantsOf(draft);
  const original = tenants[index];
  if (original === undefined) return draft;
  const copy = setIn(structuredClone(original), ['id'], uniqueTenantId(draft, `${idOf(original) || 'tenant'}-copy`));
  return { ...draft, tenants: [...tenants.slice(0, index + 1), copy, ...tenants.slice(index + 1)] };
}

/** Sets every tenant's input side to `px` (a quick try of a heavy preset on a slow device, or tiny inputs for tests). */
export function setAllResolutions(draft: Draft, px: number): Draft {
  return { ...draft, tenants: tenantsOf(draft).map((tenant) => setIn(tenant, ['resolution'], px)) };
}

/** The rate a new arrival process starts from: the old one's when it had one, else 20% of capacity. */
function rateOf(arrival: unknown): unknown {
  return getIn(arrival, ['rate']) ?? { unit: 'capacity-fraction', value: 0.2 };
}

/** Switches tenant `index` to another arrival kind, keeping its rate where both kinds have one. */
export function setArrivalKind(draft: Draft, index: number, kind: EditableArrival): Draft {
  const path = ['tenants', index, 'arrival'];
  const old = getIn(draft, path);
  let arrival: unknown;
  switch (kind) {
    case 'poisson':
    case 'constant':
      arrival = { kind, rate: rateOf(old) };
      break;
    case 'gamma':
      arrival = { kind, rate: rateOf(old), cv: 2 };
      break;
    case 'replay':
      arrival = { kind, trace: 'azure-llm-2023-conv', rate: rateOf(old) };
      break;
    case 'closed-loop':
      arrival = { kind, outstanding: 1 };
      break;
  }
  return setIn(draft, path, arrival) as Draft;
}

/** True when `kind` is an arrival kind the table edits in place. */
export function isEditableArrival(kind: unknown): kind is EditableArrival {
  return (EDITABLE_ARRIVALS as readonly unknown[]).includes(kind);
}

/** Switches tenant `index` to another batch policy, keeping maxBatch where both have one. */
export function setBatchKind(draft: Draft, index: number, kind: BatchKind): Draft {
  const path = ['tenants', index, 'batch'];
  const maxBatch = getIn(draft, [...path, 'maxBatch']) ?? 4;
  const batch =
    kind === 'none' ? { kind } : kind === 'dynamic' ? { kind, maxBatch, maxQueueDelayMs: 5 } : { kind, maxBatch };
  return setIn(draft, path, batch) as Draft;
}

/** Switches slice granularity; layer blocks start at 4 blocks, whole inferences carry no block count and no block balance. */
export function setGranularity(draft: Draft, granularity: 'inference' | 'layer-blocks'): Draft {
  const layerBlocks = granularity === 'layer-blocks';
  const blocks = layerBlocks ? (getIn(draft, ['scheduler', 'blocks']) ?? 4) : undefined;
  const balance = layerBlocks ? getIn(draft, ['scheduler', 'blockBalance']) : undefined;
  const scheduler = setIn(setIn(setIn(draft.scheduler, ['granularity'], granularity), ['blocks'], blocks), ['blockBalance'], balance);
  return { ...draft, scheduler };
}

