// Shape rules shared by the ops of onnx-shapes.ts: broadcasting, sliding windows, Conv/ConvTranspose, MatMul, Reshape, folding.
import { attrInt, attrInts, attrString } from './onnx-tensor';
import type { Dims, ShapeNode } from './onnx-shapes';

/** A usable size: a safe integer >= 0. */
export const known = (d: number | null | undefined): d is number => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0;
/** A negative axis counted from the end. */
export const axisOf = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

/** numpy broadcasting of several shapes; null when a rank is unknown. */
export function broadcast(shapes: readonly (Dims | null)[]): Dims | null {
  if (shapes.some((s) => s === null)) return null;
  const all = shapes as readonly Dims[];
  const rank = all.reduce((r, s) => Math.max(r, s.length), 0);
  return Array.from({ length: rank }, (_, i) => {
    let out: number | null = 1;
    for (const s of all) {
      const d = s[s.length - rank + i];
      if (d === undefined || d === 1) continue;
      if (d === null) return null;
      if (out !== 1 && out !== d) return null;
      out = d;
    }
    return out;
  });
}

/** Output side of a sliding window along one axis (Conv, pools), ONNX auto_pad and ceil_mode rules. */
export function windowOut(length: number | null, kernel: number, stride: number, dilation: number, padBegin: number, padEnd: number, autoPad: string, ceil: boolean): number | null {
  if (!known(length)) return null;
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(length / stride);
  const span = dilation * (kernel - 1) + 1;
  const pads = autoPad === 'VALID' ? 0 : padBegin + padEnd;
  const raw = (length + pads - span) / stride;
  let out = (ceil ? Math.ceil(raw) : Math.floor(raw)) + 1;
  // ceil mode never starts a window in the end padding.
  if (ceil && (out - 1) * stride >= length + padBegin) out -= 1;
  return out >= 1 ? out : null;
}

/** Conv and pool output dims: [N, channels, windows along each spatial axis]. */
export function convLike(n: ShapeNode, x: Dims, kernel: readonly (number | null)[], channels: number | null, pool: boolean): Dims {
  const spatial = x.length - 2;
  const strides = attrInts(n.attrs, 'strides') ?? [];
  const dilations = attrInts(n.attrs, 'dilations') ?? [];
  const pads = attrInts(n.attrs, 'pads') ?? [];
  const autoPad = attrString(n.attrs, 'auto_pad', 'NOTSET');
  const ceil = pool && attrInt(n.attrs, 'ceil_mode', 0) === 1;
  const out: (number | null)[] = [x[0] ?? null, channels];
  for (let i = 0; i < spatial; i++) {
    const k = kernel[i];
    out.push(known(k) ? windowOut(x[i + 2] ?? null, k, strides[i] ?? 1, dilations[i] ?? 1, pads[i] ?? 0, pads[i + spatial] ?? 0, autoPad, ceil) : null);
  }
  return out;
}

/** ConvTranspose output dims (output_shape, or stride * (in - 1) + output_padding + dilated kernel - pads). */
export function convTranspose(n: ShapeNode, x: Dims, w: Dims): Dims {
  const spatial = x.length - 2;
  const group = attrInt(n.attrs, 'group', 1);
  const wc = w[1];
  const out: (number | null)[] = [x[0] ?? null, known(wc) ? wc * group : null];
  const given = attrInts(n.attrs, 'output_shape');
  const strides = attrInts(n.attrs, 'strides') ?? [];
  const pads = attrInts(n.attrs, 'pads') ?? [];
  const outPad = attrInts(n.attrs, 'output_padding') ?? [];
  const dilations = attrInts(n.attrs, 'dilations') ?? [];
  const kernel = attrInts(n.attrs, 'kernel_shape') ?? w.slice(2);
  for (let i = 0; i < spatial; i++) {
    const len = x[i + 2];
    const k = kernel[i];
    if (given) out.push(given[given.length - spatial + i] ?? null);
    else if (!known(len) || !known(k)) out.push(null);
    else out.push((strides[i] ?? 1) * (len - 1) + (outPad[i] ?? 0) + ((k - 1) * (dilations[i] ?? 1) + 1) - (pads[i] ?? 0) - (pads[i + spatial] ?? 0));
  }
  return out;
}

/** numpy matmul output dims (1-D operands promoted and dropped again, batch axes broadcast). */
export function matMul(a: Dims, b: Dims): Dims | null {
  if (a.length === 0 || b.length === 0) return null;
  const a2 = a.length === 1 ? [1, a[0] ?? null] : a;
  const b2 = b.length === 1 ? [b[0] ?? null, 1] : b;
  const batch = broadcast([a2.slice(0, -2), b2.slice(0, -2)]);
  if (batch === null) return null;
  const out = [...batch, ...(a.length === 1 ? [] : [a2[a2.length - 2] ?? null]), ...(b.length === 1 ? [] : [b2[b2.length - 1] ?? null])];
  return out;
}

/** Reshape's target: 0 copies the input dim (unless allowzero), -1 takes what is left. */
export function reshape(x: Dims | null, target: readonly number[], allowZero: boolean): Dims {
  const out = target.map((t, i) => (t === 0 && !allowZero ? (x?.[i] ?? null) : t === -1 ? null : t));
  const minus = target.indexOf(-1);
  if (minus >= 0 && x !== null && x.every(known)) {
    const total = (x as number[]).reduce((p, d) => p * d, 1);
    const rest = out.reduce<number | null>((p, d, i) => (i === minus || p === null ? p : known(d) ? p * d : null), 1);
    if (rest !== null && rest > 0) out[minus] = total / rest;
  }
  return out.map((d) => (known(d) ? d : null));
}

/** Folds elementwise arithmetic on small int vectors (PyTorch's Shape->Gather->...->Reshape chains). */
export function foldBinary(op: string, a: readonly number[] | null, b: readonly number[] | null): number[] | null {
  if (!a || !b || (a.length !== b.length && a.length !== 1 && b.length !== 1)) return null;
  const length = Math.max(a.length, b.length);
  const at = (v: readonly number[], i: number): number => (v.length === 1 ? (v[0] as number) : (v[i] as number));
  const f = { Add: (x: number, y: number) => x + y, Sub: (x: number, y: number) => x - y, Mul: (x: number, y: number) => x * y, Div: (x: number, y: number) => Math.trunc(x / y) }[op];
  return f ? Array.from({ length }, (_, i) => f(at(a, i), at(b, i))) : null;
}

