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
  | 'external-data';

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
  readonly problems: readonly OnnxProblem[];
}

/** ONNX TensorProto.DataType -> ORT tensor type name. */
const ELEM_TYPES: Readonly<Record<number, string>> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128',
  16: 'bfloat16',
};

/** The only input element type the lab can fill with seeded data. */
export const FILLABLE_INPUT_TYPE = 'float32';

/**
 * Most bytes one input may take at batch 1 (2 GiB; assumed): the lane fills it as one Float32Array and
 * hands it to one WebGPU buffer, and neither a browser's typed array nor a WebGPU adapter's
 * maxBufferSize goes much past a few GiB, so anything larger can only fail later, in the lane.
 */
export const MAX_INPUT_BYTES = 2 ** 31;

/** Bytes per element of the input type the lab fills. */
const FILLABLE_BYTES = 4;

/** Most problems one inspection lists; past it one more says how many were left out. */
const MAX_PROBLEMS = 20;

type IntLike = number | { toNumber(): number } | null | undefined;
const toNum = (v: IntLike): number | null => (v == null ? null : typeof v === 'number' ? v : v.toNumber());

function notOnnx(detail: string): OnnxInspection {
  return {
    ok: false, inputs: [], outputs: [], opset: null, irVersion: null, producer: '', nodeCount: 0, batchDimNames: [],
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

/** Elements of one input at batch 1 (a symbolic batch axis counts 1), or Infinity once past what fits in MAX_INPUT_BYTES. */
function elementsAtBatch1(input: OnnxTensorSpec): number {
  let elements = 1;
  for (const dim of input.dims) {
    if (typeof dim !== 'number') continue;
    if (!Number.isSafeInteger(dim)) return Infinity;
    elements *= dim;
    if (elements * FILLABLE_BYTES > MAX_INPUT_BYTES) return Infinity;
  }
  return elements;
}

/** A size in bytes for people: '3.0 GiB'. */
function formatBytes(bytes: number): string {
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
  if (input.elemType !== FILLABLE_INPUT_TYPE) {
    problems.push({
      code: 'unsupported-input-type',
      message: `Input ${name} has type ${input.elemType}; the lab fills ${FILLABLE_INPUT_TYPE} inputs only.`,
    });
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
    if (axis === 0 && typeof dim === 'string') return;
    const what = dim === null ? 'an unknown size' : `the symbolic size ${quoteName(dim)}`;
    problems.push({
      code: 'unfillable-dim',
      message: `Input ${name} axis ${String(axis)} has ${what}; only axis 0 (the batch) may be symbolic. Export the model with fixed sizes.`,
    });
  });
  const safe = input.dims.every((d) => typeof d !== 'number' || Number.isSafeInteger(d));
  if (safe && elementsAtBatch1(input) === Infinity) {
    const bytes = input.dims.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), FILLABLE_BYTES);
    const shape = input.dims.map((d) => (typeof d === 'number' ? String(d) : quoteName(d ?? '?', 16))).join(', ');
    problems.push({
      code: 'too-large',
      message: `Input ${name} [${shape}] takes ${formatBytes(bytes)} as float32 at batch 1; the lab's limit is ${formatBytes(MAX_INPUT_BYTES)} per input.`,
    });
  }
  return problems;
}

/**
 * Decodes ONNX bytes and says whether the lab can run the model: every float32
 * input with fixed sizes except a symbolic batch axis, all weights inside the file.
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
  const opsetEntry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  const batchDimNames = [...new Set(inputs.map((i) => i.dims[0]).filter((d): d is string => typeof d === 'string'))];
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
    problems: listed,
  };
}
