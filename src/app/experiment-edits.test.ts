// Tests of structural draft edits: tenants added, removed, duplicated; kinds switched; service times typed.
import { describe, expect, it } from 'vitest';
import { exampleExperiment, parseExperiment } from '../core/experiment';
import { editorFor, getIn, validateDraft, type Draft } from './experiment-draft';
import {
  addTenant, duplicateTenant, removeTenant, setAllResolutions, setArrivalKind, setBatchKind, setGranularity, uniqueTenantId, type EditableArrival,
} from './experiment-edits';
import { addServiceModel, modelsInDraft, removeServiceTime, setFixedServiceTime } from './experiment-service-model';

const base = (): Draft => editorFor(exampleExperiment()).draft;
const ids = (draft: Draft): unknown[] => (draft.tenants as unknown[]).map((t) => getIn(t, ['id']));
const valid = (draft: Draft): boolean => parseExperiment(draft).ok;

describe('tenant edits', () => {
  it.each([
    ['add', (d: Draft) => addTenant(d), ['camera', 'batch-job', 'tenant']],
    ['add twice', (d: Draft) => addTenant(addTenant(d)), ['camera', 'batch-job', 'tenant', 'tenant-2']],
    ['remove first', (d: Draft) => removeTenant(d, 0), ['batch-job']],
    ['remove out of range', (d: Draft) => removeTenant(d, 5), ['camera', 'batch-job']],
    ['duplicate first', (d: Draft) => duplicateTenant(d, 0), ['camera', 'camera-copy', 'batch-job']],
    ['duplicate twice', (d: Draft) => duplicateTenant(duplicateTenant(d, 0), 0), ['camera', 'camera-copy-2', 'camera-copy', 'batch-job']],
  ])('%s', (_name, edit, expected) => {
    const draft = edit(base());
    expect(ids(draft)).toEqual(expected);
    expect(valid(draft)).toBe(true);
  });

  it('removing every tenant is reported at tenants, not silently refilled', () => {
    const state = validateDraft(removeTenant(removeTenant(base(), 0), 0), exampleExperiment());
    expect(state.issues).toContainEqual({ path: 'tenants', message: 'expected at least one tenant' });
  });

  it('setAllResolutions sets every input side and nothing else', () => {
    const before = base();
    const after = setAllResolutions(before, 32);
    expect((after.tenants as unknown[]).map((t) => getIn(t, ['resolution']))).toEqual([32, 32]);
    expect(ids(after)).toEqual(ids(before));
    expect({ ...after, tenants: null }).toEqual({ ...before, tenants: null });
    expect(valid(after)).toBe(true);
  });

  it('uniqueTenantId skips taken ids', () => {
    expect(uniqueTenantId(base(), 'camera')).toBe('camera-2');
    expect(uniqueTenantId(base(), 'fresh')).toBe('fresh');
  });
});

describe('kind switches', () => {
  it.each<[EditableArrival, Record<string, unknown>]>([
    ['constant', { kind: 'constant', rate: { unit: 'capacity-fraction', value: 0.4 } }],
    ['gamma', { kind: 'gamma', rate: { unit: 'capacity-fraction', value: 0.4 }, cv: 2 }],
    ['closed-loop', { kind: 'closed-loop', outstanding: 1 }],
    ['poisson', { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.4 } }],
  ])('arrival -> %s keeps the rate', (kind, expected) => {
    const draft = setArrivalKind(base(), 0, kind);
    expect(getIn(draft, ['tenants', 0, 'arrival'])).toEqual(expected);
    expect(valid(draft)).toBe(true);
  });

  it.each([
    ['none', { kind: 'none' }],
    ['dynamic', { kind: 'dynamic', maxBatch: 4, maxQueueDelayMs: 5 }],
    ['adaptive', { kind: 'adaptive', maxBatch: 4 }],
  ] as const)('batch -> %s', (kind, expected) => {
    const draft = setBatchKind(base(), 1, kind);
    expect(getIn(draft, ['tenants', 1, 'batch'])).toEqual(expected);
    expect(valid(draft)).toBe(true);
  });

  it.each([
    ['layer-blocks', { policy: 'priority', granularity: 'layer-blocks', blocks: 4 }],
    ['inference', { policy: 'priority', granularity: 'inference' }],
  ] as const)('granularity -> %s', (granularity, expected) => {
    const draft = setGranularity(setGranularity(base(), 'layer-blocks'), granularity);
    expect(draft.scheduler).toEqual(expected);
    expect(valid(draft)).toBe(true);
  });

  it('a measured block balance stays with layer blocks and goes with whole inferences', () => {
    const blocked = setGranularity(base(), 'layer-blocks');
    const measured = { ...blocked, scheduler: { ...(blocked.scheduler as object), blockBalance: 'measured' } };
    expect(setGranularity(measured, 'layer-blocks').scheduler).toMatchObject({ blockBalance: 'measured' });
    const whole = setGranularity(measured, 'inference');
    expect(whole.scheduler).toEqual({ policy: 'priority', granularity: 'inference' });
    expect(valid(whole)).toBe(true);
  });
});

describe('service model edits', () => {
  it('starts with empty times that validation names, field by field', () => {
    const draft = addServiceModel(base());
    expect(modelsInDraft(draft)).toEqual(['resnet18', 'resnet50']);
    const paths = validateDraft(draft, exampleExperiment()).issues.map((i) => i.path);
    expect(paths).toEqual(['serviceModel.byModel.resnet18.ms', 'serviceModel.byModel.resnet50.ms']);
  });

  it('typed times make the experiment valid; a model without an entry is reported', () => {
    let draft = addServiceModel(base());
    draft = setFixedServiceTime(draft, 'resnet18', 'ms', 3);
    draft = setFixedServiceTime(draft, 'resnet50', 'ms', 7);
    expect(valid(draft)).toBe(true);
    const issues = validateDraft(removeServiceTime(draft, 'resnet50'), exampleExperiment()).issues;
    expect(issues[0]?.path).toBe('serviceModel.byModel');
    expect(issues[0]?.message).toContain('"resnet50"');
  });
});
