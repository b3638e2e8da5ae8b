// Dispatch requests in shared memory beside the lane's messages, so a lane starts the next batch the moment the last ends, without a task turn.
//
// A message to a worker is read only when the worker's event loop takes its next task: after each
// batch a lane waited one task turn (about 0.07 ms in Chromium) before it could even see the batch
// the engine had already posted, which costs a 1 ms model 6% of its throughput. The engine writes
// each dispatch into this ring as well as posting it; the lane, done with request k, looks for
// request k + 1 in the ring and runs it at once. The ring is only a shortcut: every request is still
// posted, and the lane skips a message it already ran from the ring (see request-sequencer.ts).

/** Slots in the ring (more than the dispatch depth of any lane: an overwritten slot only means a message is waited for). */
export const RING_SLOTS = 16;
/** Int32 fields at the head of a slot: id (0 while written), kind, requests, block, key bytes, carry bytes. */
const SLOT_FIELDS = 6;
/** UTF-8 bytes of the key and the carry together; a request with longer strings goes by message only. */
export const RING_STRING_BYTES = 232;
const SLOT_BYTES = SLOT_FIELDS * 4 + RING_STRING_BYTES;

/** A dispatch as the ring holds it: a whole batch (`block` null) or one layer block of it. */
export interface RingDispatch {
  readonly id: number;
  readonly key: string;
  readonly requests: number;
  /** The layer block, or null for a whole-model dispatch. */
  readonly block: number | null;
  /** The carry key of a layer block ('' for a whole-model dispatch). */
  readonly carry: string;
}

const KIND_WHOLE = 1;
const KIND_BLOCK = 2;

/** Whether this context can share memory with a worker (cross-origin isolated, with SharedArrayBuffer). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/**
 * One writer (the lane's client) and one reader (the lane worker) over a SharedArrayBuffer. Request
 * `id` lives in slot `id % RING_SLOTS`; each slot is a seqlock: the writer zeroes its id, writes the
 * fields, then stores the id; the reader takes a slot only when the id it wants is there before and
 * after it copies the fields, so a slot overwritten meanwhile is never read torn.
 */
export class DispatchRing {
  private readonly ints: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  /** @param buffer from {@link DispatchRing.allocate}, shared between the two sides. */
  constructor(readonly buffer: SharedArrayBuffer) {
    if (buffer.byteLength !== RING_SLOTS * SLOT_BYTES) throw new Error(`a dispatch ring takes ${String(RING_SLOTS * SLOT_BYTES)} bytes, got ${String(buffer.byteLength)}`);
    this.ints = new Int32Array(buffer);
    this.bytes = new Uint8Array(buffer);
  }

  /** A new ring's shared memory. */
  static allocate(): SharedArrayBuffer {
    return new SharedArrayBuffer(RING_SLOTS * SLOT_BYTES);
  }

  /** Writes a dispatch (writer side). False when it does not fit (its strings too long, an id out of range): it then goes by message only. */
  write(d: RingDispatch): boolean {
    if (!(Number.isSafeInteger(d.id) && d.id >= 1 && d.id <= 0x7fffffff)) return false;
    const key = this.encoder.encode(d.key);
    const carry = this.encoder.encode(d.carry);
    if (key.length + carry.length > RING_STRING_BYTES) return false;
    const head = this.head(d.id);
    Atomics.store(this.ints, head, 0);
    this.ints[head + 1] = d.block === null ? KIND_WHOLE : KIND_BLOCK;
    this.ints[head + 2] = d.requests;
    this.ints[head + 3] = d.block ?? 0;
    this.ints[head + 4] = key.length;
    this.ints[head + 5] = carry.length;
    const strings = head * 4 + SLOT_FIELDS * 4;
    this.bytes.set(key, strings);
    this.bytes.set(carry, strings + key.length);
    Atomics.store(this.ints, head, d.id);
    return true;
  }

  /** The dispatch `id` if its slot holds it whole (reader side); null otherwise (not written yet, or overwritten). */
  read(id: number): RingDispatch | null {
    if (!(Number.isSafeInteger(id) && id >= 1 && id <= 0x7fffffff)) return null;
    const head = this.head(id);
    if (Atomics.load(this.ints, head) !== id) return null;
    const kind = this.ints[head + 1];
    const requests = this.ints[head + 2] as number;
    const block = this.ints[head + 3] as number;
    const keyBytes = this.ints[head + 4] as number;
    const carryBytes = this.ints[head + 5] as number;
    if (!(keyBytes >= 0 && carryBytes >= 0 && keyBytes + carryBytes <= RING_STRING_BYTES)) return null;
    const strings = head * 4 + SLOT_FIELDS * 4;
    // slice(): a copy off the shared memory (TextDecoder refuses shared views).
    const key = this.bytes.slice(strings, strings + keyBytes);
    const carry = this.bytes.slice(strings + keyBytes, strings + keyBytes + carryBytes);
    if (Atomics.load(this.ints, head) !== id) return null;
    if (kind !== KIND_WHOLE && kind !== KIND_BLOCK) return null;
    return { id, key: this.decoder.decode(key), requests, block: kind === KIND_WHOLE ? null : block, carry: this.decoder.decode(carry) };
  }

  /** Int32 index of the slot of `id`. */
  private head(id: number): number {
    return (id % RING_SLOTS) * (SLOT_BYTES / 4);
  }
}
