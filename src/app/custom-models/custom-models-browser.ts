// The page's one custom-models controller: the engine client's registry, IndexedDB, SubtleCrypto.
import { pageModelBytes } from '../../engine/engine-client';
import { CustomModelsController } from './custom-models-controller';
import { indexedDbModelBytes, subtleSha256 } from './model-bytes-store';

let controller: CustomModelsController | null = null;

/** The controller of this page (made on first use): the file panel adds tenants through it, the experiment section attaches to it. */
export function browserCustomModels(): CustomModelsController {
  controller ??= new CustomModelsController({ registry: pageModelBytes, bytesStore: indexedDbModelBytes(), sha256: subtleSha256 });
  return controller;
}
