// Reading ONNX protobuf scalars, attributes and small constant tensors (Long-safe, never throws on odd data).
import type { onnx } from 'onnx-proto';

/** An int64 field as a number (protobufjs gives a Long for int64, typed loosely); null when absent or not a number. */
export function toNum(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'object' || v === null || !('toNumber' in v)) return null;
  const long = v as { toNumber(): unknown };
  const n = long.toNumber();
  return typeof n === 'number' ? n : null;
}

/** Bits per element of each ONNX TensorProto.DataType (string: unknown, 0). */
const ELEM_BITS: Readonly<Record<number, number>> = {
  1: 32, 2: 8, 3: 8, 4: 16, 5: 16, 6: 32, 7: 64, 8: 0, 9: 8, 10: 16, 11: 64, 12: 32, 13: 64, 14: 64, 15: 128,
  16: 16, 17: 8, 18: 8, 19: 8, 20: 8, 21: 4, 22: 4, 23: 4,
};

/** Bytes of `elements` elements of ONNX data type `dataType` (sub-byte types round up); 0 for strings and unknown types. */
export function elementBytes(dataType: number, elements: number): number {
  return Math.ceil(((ELEM_BITS[dataType] ?? 0) * elements) / 8);
}

/** True for the floating-point ONNX data types (float, float16, double, bfloat16, the float8 and float4 types). */
export function isFloatType(dataType: number): boolean {
  return [1, 10, 11, 16, 17, 18, 19, 20, 23].includes(dataType);
}

/** The most elements a constant may have for its values to be read (shape arithmetic needs a handful). */
export const MAX_CONSTANT_ELEMENTS = 4096;

/** Product of a tensor's dims; null when a dim is negative or the product is past 2^53. */
export function elementCount(dims: readonly number[]): number | null {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) return null;
    n *= d;
    if (!Number.isSafeInteger(n)) return null;
  }
  return n;
}

function rawValues(t: onnx.TensorProto, count: number): number[] | null {
  const raw = t.rawData;
  const width = elementBytes(t.dataType, 1);
  if (raw.length < count * width || width === 0) return null;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * width;
    switch (t.dataType) {
      case 1: out.push(view.getFloat32(at, true)); break;
      case 11: out.push(view.getFloat64(at, true)); break;
      case 7: out.push(Number(view.getBigInt64(at, true))); break;
      case 13: out.push(Number(view.getBigUint64(at, true))); break;
      case 6: out.push(view.getInt32(at, true)); break;
      case 12: out.push(view.getUint32(at, true)); break;
      case 5: out.push(view.getInt16(at, true)); break;
      case 4: out.push(view.getUint16(at, true)); break;
      case 3: out.push(view.getInt8(at)); break;
      case 2: case 9: out.push(view.getUint8(at)); break;
      default: return null;
    }
  }
  return out;
}

/**
 * The values of a small constant tensor (int and float types, raw_data or typed fields), or null when it
 * is large (past {@link MAX_CONSTANT_ELEMENTS}), external, or of a type shape arithmetic never uses.
 */
export function tensorValues(t: onnx.TensorProto): number[] | null {
  const count = elementCount(t.dims.map((d) => toNum(d) ?? -1));
  if (count === null || count > MAX_CONSTANT_ELEMENTS || t.externalData.length > 0) return null;
  if (t.rawData.length > 0) return rawValues(t, count);
  const typed: readonly unknown[] =
    t.dataType === 7 ? t.int64Data : t.dataType === 13 ? t.uint64Data : t.dataType === 1 ? t.floatData : t.dataType === 11 ? t.doubleData : t.int32Data;
  if (typed.length < count) return null;
  return typed.slice(0, count).map((v) => toNum(v) ?? 0);
}

/** A node's attributes by name. */
export type Attributes = ReadonlyMap<string, onnx.AttributeProto>;

/** Integer attribute `name`, or `fallback` when absent. */
export function attrInt(attrs: Attributes, name: string, fallback: number): number {
  const a = attrs.get(name);
  return a ? (toNum(a.i) ?? fallback) : fallback;
}

/** Integer-list attribute `name`, or null when absent. */
export function attrInts(attrs: Attributes, name: string): number[] | null {
  const a = attrs.get(name);
  return a ? a.ints.map((v) => toNum(v) ?? 0) : null;
}

/** Float-list attribute `name`, or null when absent. */
export function attrFloats(attrs: Attributes, name: string): number[] | null {
  const a = attrs.get(name);
  return a ? [...a.floats] : null;
}

/** String attribute `name` (UTF-8), or `fallback` when absent. */
export function attrString(attrs: Attributes, name: string, fallback: string): string {
  const a = attrs.get(name);
  return a && a.s.length > 0 ? new TextDecoder().decode(a.s) : fallback;
}
