// The bytes of the user's own models kept in this browser (IndexedDB via idb-keyval, keyed by sha256), and their sha256 (SubtleCrypto).
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { errorMessage } from '../../core/error-message';

/** Where the bytes are kept: IndexedDB in the page, a Map in tests. */
export interface ModelBytesStore {
  get(sha256: string): Promise<ArrayBuffer | undefined>;
  /** Rejects when the browser refuses (quota, private mode); see {@link storeFailure}. */
  set(sha256: string, bytes: ArrayBuffer): Promise<void>;
}

/** Hex sha256 of bytes (injected: SubtleCrypto in the page, node:crypto or a fake in tests). */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

/** The database and object store of the bytes (one record per file, key: its sha256 in hex). */
export const MODEL_BYTES_DB = { database: 'tenancy-lab-models', store: 'bytes' } as const;

/** sha256 with the page's SubtleCrypto (a secure context: localhost or https). */
export const subtleSha256: Sha256 = async (bytes) => {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

/** IndexedDB (idb-keyval); without IndexedDB every call rejects with why. */
export function indexedDbModelBytes(database: string = MODEL_BYTES_DB.database): ModelBytesStore {
  const store: UseStore | null = typeof indexedDB === 'undefined' ? null : createStore(database, MODEL_BYTES_DB.store);
  const none = (): Promise<never> => Promise.reject(new Error('IndexedDB is not available here'));
  return {
    get: async (sha256) => {
      if (store === null) return none();
      const value: unknown = await get(sha256, store);
      return value instanceof ArrayBuffer ? value : undefined;
    },
    set: (sha256, bytes) => (store === null ? none() : set(sha256, bytes, store)),
  };
}

/** One line for a file the browser would not keep: a full quota says so, anything else gives its reason. */
export function storeFailure(fileName: string, sizeBytes: number, error: unknown): string {
  const message = errorMessage(error).replace(/\s*\n\s*/g, ' ');
  const quota = /quota/i.test(message) || (error instanceof DOMException && error.name === 'QuotaExceededError');
  const what = `'${fileName.slice(0, 60)}' (${String(sizeBytes)} bytes) is not kept in this browser`;
  return quota
    ? `${what}: its storage quota is full; it runs now, but after a reload you will be asked for the file again.`
    : `${what} (${message.slice(0, 160)}); it runs now, but after a reload you will be asked for the file again.`;
}
