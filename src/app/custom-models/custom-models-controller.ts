// The page's custom models: a picked file becomes a tenant; their bytes are hashed, kept in IndexedDB and handed to the engine client; missing ones are asked for.
import { errorMessage } from '../../core/error-message';
import type { CustomModel, Experiment } from '../../core/experiment';
import type { ModelBytesRegistry } from '../../engine/engine-client';
import type { OnnxInspection } from '../../zoo/inspect';
import type { Draft } from '../experiment-draft';
import { createStore, type ReadableStore } from '../store';
import { addCustomTenant } from './custom-model-entry';
import { storeFailure, type ModelBytesStore, type Sha256 } from './model-bytes-store';

/** Where the bytes of one custom model of the experiment are. */
export type CustomFileState = 'ready' | 'loading' | 'missing';

/** What the page shows of the custom models. */
export interface CustomModelsSnapshot {
  /** Per sha256 of the experiment's custom models: its state and what to supply when missing. */
  readonly files: readonly { readonly sha256: string; readonly fileName: string; readonly byteLength: number; readonly name: string; readonly state: CustomFileState }[];
  /** One line: a file the browser would not keep, a file whose hash does not match, a hashing failure; null when all is well. */
  readonly message: string | null;
}

/** The experiment editor as this controller uses it. */
export interface DraftEditor {
  edit(change: (draft: Draft) => Draft): void;
  readonly store: ReadableStore<{ readonly editor: { readonly lastValid: Experiment } }>;
}

/** What the controller needs (fakes in tests). */
export interface CustomModelsDeps {
  readonly registry: ModelBytesRegistry;
  readonly bytesStore: ModelBytesStore;
  readonly sha256: Sha256;
}

/** Owns the custom models' bytes on the page side; the UI reads `store`. */
export class CustomModelsController {
  private readonly state = createStore<CustomModelsSnapshot>({ files: [], message: null });
  private editor: DraftEditor | null = null;
  private detach: (() => void) | null = null;

  constructor(private readonly deps: CustomModelsDeps) {}

  get store(): ReadableStore<CustomModelsSnapshot> {
    return this.state;
  }

  /** The custom models of the page's experiment (its last valid state); none before the editor is attached. */
  entries(): readonly CustomModel[] {
    return this.editor?.store.getSnapshot().editor.lastValid.customModels ?? [];
  }

  /** Follows the experiment editor: every custom model it names is looked up (registry, then IndexedDB). */
  attach(editor: DraftEditor): () => void {
    this.detach?.();
    this.editor = editor;
    const sync = (): void => void this.sync(editor.store.getSnapshot().editor.lastValid);
    const unsubscribe = editor.store.subscribe(sync);
    sync();
    this.detach = () => {
      unsubscribe();
      if (this.editor === editor) this.editor = null;
    };
    return this.detach;
  }

  /** Resolves once every custom model of `experiment` is ready or known to be missing. */
  async sync(experiment: Experiment): Promise<void> {
    const entries = experiment.customModels ?? [];
    const files = entries.map((e: CustomModel): CustomModelsSnapshot['files'][number] => ({
      sha256: e.sha256, fileName: e.fileName, byteLength: e.byteLength, name: e.name,
      state: this.deps.registry.has(e.sha256) ? 'ready' : 'loading',
    }));
    this.state.update((s) => ({ ...s, files }));
    for (const file of files.filter((f) => f.state === 'loading')) {
      let bytes: ArrayBuffer | undefined;
      try {
        bytes = await this.deps.bytesStore.get(file.sha256);
      } catch {
        bytes = undefined;
      }
      if (bytes !== undefined) this.deps.registry.set(file.sha256, bytes);
      this.setState(file.sha256, bytes === undefined ? 'missing' : 'ready');
    }
  }

  private setState(sha256: string, state: CustomFileState): void {
    this.state.update((s) => ({ ...s, files: s.files.map((f) => (f.sha256 === sha256 ? { ...f, state } : f)) }));
  }

  /** Hashes, registers and keeps the bytes; a browser that will not keep them gives a one-line message (the run still works). */
  private async keep(fileName: string, bytes: Uint8Array): Promise<string> {
    const sha256 = await this.deps.sha256(bytes);
    // A copy of exactly these bytes (a Node Buffer's slice() is a view on a shared pool).
    const buffer = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(buffer).set(bytes);
    this.deps.registry.set(sha256, buffer);
    try {
      await this.deps.bytesStore.set(sha256, buffer);
    } catch (error) {
      this.state.update((s) => ({ ...s, message: storeFailure(fileName, bytes.byteLength, error) }));
    }
    return sha256;
  }

  /** Adds a tenant running the picked file beside the current tenants (the file must have inspected ok). */
  async useAsTenant(fileName: string, bytes: Uint8Array, inspection: OnnxInspection): Promise<void> {
    const editor = this.editor;
    if (editor === null) throw new Error('the experiment editor is not on the page');
    if (!inspection.ok) throw new Error(`'${fileName}' cannot run here: ${inspection.problems[0]?.message ?? 'see the file panel'}`);
    this.state.update((s) => ({ ...s, message: null }));
    try {
      const sha256 = await this.keep(fileName, bytes);
      editor.edit((draft) => addCustomTenant(draft, { fileName, byteLength: bytes.byteLength, sha256, inspection }));
    } catch (error) {
      this.state.update((s) => ({ ...s, message: `'${fileName}' could not be added: ${errorMessage(error)}` }));
    }
  }

  /** The file a missing model asked for: kept when its sha256 matches, else a one-line message naming both hashes. */
  async supply(expectedSha256: string, fileName: string, bytes: Uint8Array): Promise<boolean> {
    const sha256 = await this.deps.sha256(bytes);
    if (sha256 !== expectedSha256) {
      this.state.update((s) => ({ ...s, message: `'${fileName.slice(0, 60)}' has sha256 ${sha256.slice(0, 12)}…, not the ${expectedSha256.slice(0, 12)}… this experiment names; pick the file it was made with.` }));
      return false;
    }
    this.state.update((s) => ({ ...s, message: null }));
    await this.keep(fileName, bytes);
    this.setState(sha256, 'ready');
    return true;
  }
}
