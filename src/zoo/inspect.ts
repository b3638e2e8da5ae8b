// Pure inspection of a user's .onnx file: inputs, outputs, opset, and every reason the lab cannot run it.
import { errorMessage } from '../core/error-message';
import onnxProto from 'onnx-proto';
import { quoteName } from '../core/experiment/quote';

const { onnx } = onnxProto;

/** One dimension of a tensor: a fixed size, a symbolic name, or unknown (null). */
export type OnnxDim = number | string | null;

/** A graph input or output as the lab shows it. */
export interface OnnxTensorSpec {
  readonly name: string;
  /** Element type in ORT's spelling ('float32', 'int64', ...), or 'non-tensor' for sequences/maps. */
  readonly elemType: string;
  readonly dims: readonly OnnxDim[];
  /** False when the file gives the tensor no shape at all (rank unknown). */
  readonly hasShape: boolean;
}

/** Why a file cannot run here; `code` is stable for tests, `message` is for people. */
export type OnnxProblemCode =
  | 'not-onnx'
  | 'no-inputs'
  | 'no-outputs'
  | 'unsupported-input-type'
  | 'unfillable-dim'
  | 'no-shape'
  | 'too-large'
  | 'external-data'
  | 'unsupported-op';

export interface OnnxProblem {
  readonly code: OnnxProblemCode;
  readonly message: string;
}

/** The result of {@link inspectOnnx}; `ok` is true exactly when `problems` is empty. */
export interface OnnxInspection {
  readonly ok: boolean;
  readonly inputs: readonly OnnxTensorSpec[];
  readonly outputs: readonly OnnxTensorSpec[];
  /** The default-domain opset, or null when the file declares none. */
  readonly opset: number | null;
  readonly irVersion: number | null;
  readonly producer: string;
  readonly nodeCount: number;
  /**
   * Symbolic leading dimensions of the inputs (e.g. 'batch', 'N'); the lab fills each
   * with the batch size through ORT's freeDimensionOverrides.
   */
  readonly batchDimNames: readonly string[];
  /** Every other symbolic dimension name, in the order the inputs first use them; the user gives each a size. */
  readonly symbolicDimNames: readonly string[];
  /** The model's metadata_props (at most 64, values cut to 200 characters), for defaults of symbolic sizes. */
  readonly metadata: readonly { readonly key: string; readonly value: string }[];
  readonly problems: readonly OnnxProblem[];
}

/** ONNX TensorProto.DataType -> ORT tensor type name. */
const ELEM_TYPES: Readonly<Record<number, string>> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128',
  16: 'bfloat16',
};

/** Input element types the lab fills: floats with seeded values, integers with a chosen constant or range. */
export const FILLABLE_INPUT_TYPES: ReadonlyMap<string, number> = new Map([['float32', 4], ['float16', 2], ['int32', 4], ['int64', 8]]);

/** Why an input type cannot be filled, by type (the rest: 'the lab fills float32, float16, int32 and int64 inputs only'). */
const UNFILLABLE_WHY: ReadonlyMap<string, string> = new Map([
  ['bool', 'a mask or flag needs values the model means; seeded ones would not be'],
  ['string', 'onnxruntime-web runs no string tensors on these backends'],
  ['non-tensor', 'sequences and maps cannot be fed by the lab'],
]);

/**
 * Most bytes one input may take at batch 1 (2 GiB; assumed): the lane fills it as one typed array and
 * hands it to one WebGPU buffer, and neither a browser's typed array nor a WebGPU adapter's
 * maxBufferSize goes much past a few GiB, so anything larger can only fail later, in the lane.
 */
export const MAX_INPUT_BYTES = 2 ** 31;

/** Most metadata_props entries an inspection keeps (each value cut to 200 characters). */
const MAX_METADATA = 64;

/**
 * Operator domains onnxruntime-web 1.30 has kernels for: ONNX ('' or 'ai.onnx'), ONNX-ML and its own
 * contrib ops ('com.microsoft'). A node of any other domain is a custom operator, which only a native
 * build with a registered custom-op library can run.
 */
const ORT_DOMAINS: ReadonlySet<string> = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'com.microsoft']);

/** Most problems one inspection lists; past it one more says how many were left out. */
const MAX_PROBLEMS = 20;

type IntLike = number | { toNumber(): number } | null | undefined;
const toNum = (v: IntLike): number | null => (v == null ? null : typeof v === 'number' ? v : v.toNumber());

function notOnnx(detail: string): OnnxInspection {
  return {
    ok: false, inputs: [], outputs: [], opset: null, irVersion: null, producer: '', nodeCount: 0, batchDimNames: [], symbolicDimNames: [], metadata: [],
    problems: [{ code: 'not-onnx', message: `This file is not an ONNX model (${detail}). Pick a .onnx file.` }],
  };
}

function tensorSpec(value: onnxProto.onnx.IValueInfoProto): OnnxTensorSpec {
  const tensor = value.type?.tensorType;
  const name = value.name ?? '';
  if (!tensor) return { name, elemType: 'non-tensor', dims: [], hasShape: false };
  const elemType = ELEM_TYPES[tensor.elemType ?? 0] ?? `onnx-type-${tensor.elemType ?? 0}`;
  const dims = (tensor.shape?.dim ?? []).map((d): OnnxDim => {
    const fixed = toNum(d.dimValue as IntLike);
    if (fixed != null && fixed > 0) return fixed;
    return d.dimParam ? d.dimParam : null;
  });
  return { name, elemType, dims, hasShape: tensor.shape != null };
}

/** Bytes per element of an input type (4 for one the lab cannot fill: only its size message uses it). */
export function bytesPerElement(elemType: string): number {
  return FILLABLE_INPUT_TYPES.get(elemType) ?? 4;
}

/**
 * Bytes of one input with every symbolic dim at `sizeOf(name)` (1 when it gives none), or Infinity once
 * past {@link MAX_INPUT_BYTES} or not a safe integer.
 */
export function inputBytes(input: OnnxTensorSpec, sizeOf: (name: string) => number | undefined = () => 1): number {
  let bytes = bytesPerElement(input.elemType);
  for (const dim of input.dims) {
    const size = typeof dim === 'number' ? dim : typeof dim === 'string' ? (sizeOf(dim) ?? 1) : 1;
    if (!Number.isSafeInteger(size)) return Infinity;
    bytes *= size;
    if (bytes > MAX_INPUT_BYTES) return Infinity;
  }
  return bytes;
}

/** A size in bytes for people: '3.0 GiB'. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit] ?? ''}`;
}

function inputProblems(input: OnnxTensorSpec): OnnxProblem[] {
  const problems: OnnxProblem[] = [];
  const name = quoteName(input.name);
  if (!FILLABLE_INPUT_TYPES.has(input.elemType)) {
    const why = UNFILLABLE_WHY.get(input.elemType) ?? 'the lab fills float32, float16, int32 and int64 inputs only';
    problems.push({ code: 'unsupported-input-type', message: `Input ${name} has type ${input.elemType}: ${why}.` });
  }
  if (input.elemType !== 'non-tensor' && !input.hasShape) {
    problems.push({ code: 'no-shape', message: `Input ${name} has no shape in the file; the lab needs its sizes to fill it. Export the model with a shape.` });
  }
  input.dims.forEach((dim, axis) => {
    if (typeof dim === 'number') {
      if (!Number.isSafeInteger(dim)) {
        problems.push({ code: 'too-large', message: `Input ${name} axis ${String(axis)} has the size ${String(dim)}, past 2^53; the lab's limit is ${formatBytes(MAX_INPUT_BYTES)} per input.` });
      }
      return;
    }
    if (dim !== null) return;
    problems.push({
      code: 'unfillable-dim',
      message: `Input ${name} axis ${String(axis)} has an unknown size with no name; onnxruntime can only fix named dims (freeDimensionOverrides). Export it with a fixed or named size.`,
    });
  });
  const safe = input.dims.every((d) => typeof d !== 'number' || Number.isSafeInteger(d));
  if (safe && inputBytes(input) === Infinity) {
    const bytes = input.dims.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), bytesPerElement(input.elemType));
    const shape = input.dims.map((d) => (typeof d === 'number' ? String(d) : quoteName(d ?? '?', 16))).join(', ');
    problems.push({
      code: 'too-large',
      message: `Input ${name} [${shape}] takes ${formatBytes(bytes)} as ${input.elemType} at batch 1; the lab's limit is ${formatBytes(MAX_INPUT_BYTES)} per input.`,
    });
  }
  return problems;
}

/**
 * Decodes ONNX bytes and says whether the lab can run the model: every input float32, float16, int32
 * or int64 with a shape whose sizes are fixed or named (named ones are filled: axis 0 by the batch,
 * the rest by the user), all weights inside the file.
 * Never throws; a file that is not ONNX gives one 'not-onnx' problem.
 */
export function inspectOnnx(bytes: Uint8Array): OnnxInspection {
  if (bytes.length === 0) return notOnnx('the file is empty');
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return notOnnx(`protobuf decoding failed: ${errorMessage(error)}`);
  }
  const irVersion = toNum(model.irVersion as IntLike);
  // Decoded messages carry every repeated field as an array (protobufjs defaults), unlike the I* interfaces.
  const graph = model.graph as onnxProto.onnx.GraphProto | null | undefined;
  if (!irVersion || !graph || (graph.node.length === 0 && graph.output.length === 0)) {
    return notOnnx('no IR version or no graph');
  }
  const initializerNames = new Set(graph.initializer.map((t) => t.name));
  const inputs = graph.input.filter((v) => !initializerNames.has(v.name)).map(tensorSpec);
  const outputs = graph.output.map(tensorSpec);
  const problems: OnnxProblem[] = inputs.flatMap(inputProblems);
  if (inputs.length === 0) problems.push({ code: 'no-inputs', message: 'The graph has no inputs to feed.' });
  if (outputs.length === 0) problems.push({ code: 'no-outputs', message: 'The graph has no outputs.' });
  const initializers = graph.initializer as onnxProto.onnx.TensorProto[];
  const external = initializers.filter(
    (t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || t.externalData.length > 0,
  );
  if (external.length > 0) {
    const files = [...new Set(external.map((t) => t.externalData.find((e) => e.key === 'location')?.value ?? '?'))];
    problems.push({
      code: 'external-data',
      message: `${String(external.length)} weight tensor(s) live in external file(s) ${files.slice(0, 5).map((f) => quoteName(f)).join(', ')}${files.length > 5 ? ` and ${String(files.length - 5)} more` : ''}; pick a self-contained .onnx.`,
    });
  }
  const foreign = graph.node.filter((n) => !ORT_DOMAINS.has(n.domain ?? ''));
  if (foreign.length > 0) {
    const ops = [...new Set(foreign.map((n) => `${n.domain ?? ''}:${n.opType ?? '?'}`))];
    problems.push({
      code: 'unsupported-op',
      message: `${String(foreign.length)} node(s) use operators from domains onnxruntime-web does not implement (${ops.slice(0, 5).map((o) => quoteName(o, 60)).join(', ')}${ops.length > 5 ? ` and ${String(ops.length - 5)} more` : ''}), and a browser cannot register custom operators; export the model with standard ONNX operators.`,
    });
  }
  const opsetEntry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  const batchDimNames = [...new Set(inputs.map((i) => i.dims[0]).filter((d): d is string => typeof d === 'string'))];
  const batchSet = new Set(batchDimNames);
  const symbolicDimNames = [...new Set(inputs.flatMap((i) => i.dims.filter((d): d is string => typeof d === 'string' && !batchSet.has(d))))];
  const metadata = model.metadataProps.slice(0, MAX_METADATA).map((p) => ({ key: (p.key ?? '').slice(0, 200), value: (p.value ?? '').slice(0, 200) }));
  const listed = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), { code: problems[MAX_PROBLEMS]?.code ?? 'not-onnx', message: `${String(problems.length - MAX_PROBLEMS)} more problems not shown.` }] : problems;
  return {
    ok: problems.length === 0,
    inputs,
    outputs,
    opset: toNum(opsetEntry?.version as IntLike),
    irVersion,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    nodeCount: graph.node.length,
    batchDimNames,
    symbolicDimNames,
    metadata,
    problems: listed,
  };
}
