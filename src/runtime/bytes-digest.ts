// A short content digest of a file's bytes (byte length and FNV-1a 32), for session keys: cheap, synchronous, in any context.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * `<byte length in hex>-<FNV-1a 32 of the bytes in 8 hex digits>`, e.g. '1f40-9c2e11ab'. Not a
 * cryptographic hash (crypto.subtle needs a secure context, and this runs anywhere, synchronously):
 * it tells apart the files one user opens, not files made to collide.
 */
export function bytesDigest(bytes: Uint8Array): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i] as number;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return `${bytes.length.toString(16)}-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
