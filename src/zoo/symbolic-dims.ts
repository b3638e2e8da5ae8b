// Default sizes for a file's symbolic dims (not the batch): from its metadata_props, else 224 for spatial-looking dims, else 1; each says where it came from.
import type { OnnxInspection } from './inspect';

/** Where a default size came from, for the field's hint. */
export type DimDefaultSource = 'metadata' | 'spatial' | 'default';

/** A symbolic dim the user sizes, with its default and where the inputs use it. */
export interface SymbolicDim {
  readonly name: string;
  readonly size: number;
  readonly source: DimDefaultSource;
  /** One line for people: "metadata 'height' = 32", 'looks spatial: 224', 'not spatial: 1'. */
  readonly why: string;
  /** Where it appears: 'image axis 2', first few. */
  readonly usedAt: readonly string[];
}

/** Default side of a spatial dim with no metadata (the usual ImageNet input). */
export const SPATIAL_DEFAULT = 224;

/** Metadata keys that give an image side for every spatial dim (lowercase; checked after the dim's own name). */
const SIDE_KEYS = ['image_size', 'img_size', 'input_size', 'resolution', 'image_resolution'];
const SPATIAL_NAME = /^(h|w|height|width|.*(_|\b)(h|w)|.*height|.*width|img_?size|image_?size|.*resolution)$/i;

function positiveInt(value: string): number | null {
  const m = /^\s*(\d{1,6})\s*$/.exec(value) ?? /^\s*\[?\s*(\d{1,6})\s*[,x]/.exec(value);
  const n = m === null ? NaN : Number(m[1]);
  return Number.isInteger(n) && n >= 1 && n <= 65_536 ? n : null;
}

/**
 * The symbolic dims of `inspection` (batch axes left out) with defaults: a metadata_props entry named
 * like the dim (case-insensitive, a whole number) wins; a dim that looks spatial (named h/w/height/
 * width..., or axis 2 or 3 of a rank-4 input) takes an image-size entry (image_size, input_size, ...)
 * or {@link SPATIAL_DEFAULT}; any other dim 1.
 */
export function symbolicDimsOf(inspection: Pick<OnnxInspection, 'inputs' | 'symbolicDimNames' | 'metadata'>): SymbolicDim[] {
  const meta = new Map<string, string>();
  for (const { key, value } of inspection.metadata) if (!meta.has(key.toLowerCase())) meta.set(key.toLowerCase(), value);
  return inspection.symbolicDimNames.map((name): SymbolicDim => {
    const usedAt: string[] = [];
    let spatialAxis = false;
    for (const input of inspection.inputs) {
      input.dims.forEach((d, axis) => {
        if (d !== name) return;
        if (usedAt.length < 4) usedAt.push(`${input.name} axis ${String(axis)}`);
        if (input.dims.length === 4 && (axis === 2 || axis === 3)) spatialAxis = true;
      });
    }
    const own = meta.get(name.toLowerCase());
    const ownSize = own === undefined ? null : positiveInt(own);
    if (ownSize !== null) return { name, size: ownSize, source: 'metadata', why: `metadata '${name}' = ${String(ownSize)}`, usedAt };
    if (spatialAxis || SPATIAL_NAME.test(name)) {
      for (const key of SIDE_KEYS) {
        const value = meta.get(key);
        const size = value === undefined ? null : positiveInt(value);
        if (size !== null) return { name, size, source: 'metadata', why: `metadata '${key}' = ${String(size)}`, usedAt };
      }
      return { name, size: SPATIAL_DEFAULT, source: 'spatial', why: `looks spatial: ${String(SPATIAL_DEFAULT)}`, usedAt };
    }
    return { name, size: 1, source: 'default', why: 'not spatial: 1', usedAt };
  });
}
