// Tests for the custom-models controller: a picked file becomes a validated tenant, bytes persist by sha256, missing files are asked for and checked.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exampleExperiment, parseExperiment, type Experiment } from '../../core/experiment';
import { ModelBytesRegistry } from '../../engine/engine-client';
import { inspectOnnx } from '../../zoo/inspect';
import { makeTestModel } from '../../zoo/onnx-test-models';
import { editorFor, validateDraft, type Draft, type EditorState } from '../experiment-draft';
import { createStore } from '../store';
import { CustomModelsController } from './custom-models-controller';
import type { ModelBytesStore } from './model-bytes-store';

const sha256 = (bytes: Uint8Array): Promise<string> => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));

class MapStore implements ModelBytesStore {
  readonly map = new Map<string, ArrayBuffer>();
  failWith: Error | null = null;
  get(sha: string) {
    return Promise.resolve(this.map.get(sha));
  }
  set(sha: string, bytes: ArrayBuffer) {
    if (this.failWith) return Promise.reject(this.failWith);
    this.map.set(sha, bytes);
    return Promise.resolve();
  }
}

function fakeEditor(experiment: Experiment = exampleExperiment()) {
  const store = createStore<{ editor: EditorState }>({ editor: editorFor(experiment) });
  return {
    store,
    edit: (change: (d: Draft) => Draft) => store.update((s) => ({ editor: validateDraft(change(s.editor.draft), s.editor.lastValid) })),
  };
}

const BYTES = makeTestModel({ inputDims: ['batch', 3, 'height', 'width'], extraInputs: [{ name: 'ids', elemType: 7, dims: ['batch', 'seq'] }] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CustomModelsController', () => {
  it('"Use as tenant" adds a valid custom tenant beside the others, records the file, keeps the bytes by sha256', async () => {
    const registry = new ModelBytesRegistry();
    const bytesStore = new MapStore();
    const controller = new CustomModelsController({ registry, bytesStore, sha256 });
    const editor = fakeEditor();
    controller.attach(editor);
    const before = editor.store.getSnapshot().editor.lastValid.tenants.length;
    await controller.useAsTenant('my model.onnx', BYTES, inspectOnnx(BYTES));
    const { editor: state } = editor.store.getSnapshot();
    expect(state.issues).toEqual([]);
    const e = state.experiment as Experiment;
    expect(e.tenants).toHaveLength(before + 1);
    expect(e.tenants.at(-1)).toMatchObject({ id: 'my_model', model: 'custom:my_model', resolution: 224 });
    const sha = await sha256(BYTES);
    expect(e.customModels).toEqual([{
      name: 'my_model', fileName: 'my model.onnx', byteLength: BYTES.byteLength, sha256: sha,
      inputs: [{ name: 'image', type: 'float32', dims: ['batch', 3, 'height', 'width'] }, { name: 'ids', type: 'int64', dims: ['batch', 'seq'] }],
      dims: [{ name: 'height', size: 224 }, { name: 'width', size: 224 }, { name: 'seq', size: 1 }],
      fills: [{ input: 'ids', kind: 'constant', value: 1 }],
    }]);
    expect(registry.has(sha)).toBe(true);
    expect(bytesStore.map.has(sha)).toBe(true);
    expect(registry.forExperiment(e)?.get(sha)?.byteLength).toBe(BYTES.byteLength);
    await settle();
    expect(controller.store.getSnapshot().files.map((f) => f.state)).toEqual(['ready']);
  });

  it('a full quota is one line and the model still runs in this page', async () => {
    const bytesStore = new MapStore();
    bytesStore.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const registry = new ModelBytesRegistry();
    const controller = new CustomModelsController({ registry, bytesStore, sha256 });
    controller.attach(fakeEditor());
    await controller.useAsTenant('big.onnx', BYTES, inspectOnnx(BYTES));
    expect(controller.store.getSnapshot().message).toMatch(/^'big\.onnx' \(\d+ bytes\) is not kept in this browser: its storage quota is full; it runs now/);
    expect(registry.has(await sha256(BYTES))).toBe(true);
  });

  it('after a reload: restores the bytes from the store, or says which file to supply and checks its hash', async () => {
    const sha = await sha256(BYTES);
    const withCustom = parseExperiment({
      ...exampleExperiment(),
      tenants: [...exampleExperiment().tenants, { ...exampleExperiment().tenants[0], id: 'mine', model: 'custom:mine' }],
      customModels: [{ name: 'mine', fileName: 'mine.onnx', byteLength: BYTES.byteLength, sha256: sha, inputs: [{ name: 'image', type: 'float32', dims: ['batch', 3, 'height', 'width'] }, { name: 'ids', type: 'int64', dims: ['batch', 'seq'] }], dims: [{ name: 'height', size: 32 }, { name: 'width', size: 32 }, { name: 'seq', size: 4 }] }],
    });
    if (!withCustom.ok) throw new Error(JSON.stringify(withCustom.issues));
    const kept = new MapStore();
    kept.map.set(sha, BYTES.slice().buffer);
    const restored = new CustomModelsController({ registry: new ModelBytesRegistry(), bytesStore: kept, sha256 });
    await restored.sync(withCustom.experiment);
    expect(restored.store.getSnapshot().files).toEqual([{ sha256: sha, fileName: 'mine.onnx', byteLength: BYTES.byteLength, name: 'mine', state: 'ready' }]);

    const empty = new CustomModelsController({ registry: new ModelBytesRegistry(), bytesStore: new MapStore(), sha256 });
    await empty.sync(withCustom.experiment);
    expect(empty.store.getSnapshot().files[0]?.state).toBe('missing');
    expect(await empty.supply(sha, 'other.onnx', makeTestModel())).toBe(false);
    expect(empty.store.getSnapshot().message).toMatch(/^'other\.onnx' has sha256 [0-9a-f]{12}…, not the [0-9a-f]{12}… this experiment names/);
    expect(await empty.supply(sha, 'mine.onnx', BYTES)).toBe(true);
    expect(empty.store.getSnapshot().files[0]?.state).toBe('ready');
    expect(empty.store.getSnapshot().message).toBeNull();
  });
});
