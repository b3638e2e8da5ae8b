// Layer blocks balanced by measured time: the lane times the segments of a model's finest partition, then cuts K blocks of equal time.
import type { Tensor } from 'onnxruntime-web';
import { nearestRank } from '../core/metrics/sample-stats';
import { inspectOnnx } from '../zoo/inspect';
import { decodeModel, onnxGraphOf } from '../zoo/onnx-graph';
import { onnxCutPoints, partitionOnnxModel, type OnnxPart } from '../zoo/onnx-partition';
import { createBlockSessions, feedsFor, type AdmitSession } from './block-sessions';
import type { BlockBalanceInfo, PrepareSpec } from './lane-protocol';
import type { BuiltParts, ModelPart, ModelPlan, PrepareProgress, WholeModel } from './model-plan';
import type { Ort } from './ort-loader';

/** The most sessions the lane times: a finer partition is timed as this many MAC-balanced parts of it. */
export const MAX_TIMED_SEGMENTS = 32;
/** Untimed runs of the whole chain of timed segments, then timed ones (each segment's median is its time). */
export const MEASURE_WARMUP_RUNS = 2;
export const MEASURE_RUNS = 5;

/** What to time for a model: parts, and how their times become the finest partition's segment times. */
export interface TimedPartition {
  readonly parts: readonly OnnxPart[];
  /** Finest segments of the model. */
  readonly segments: number;
  /** The finest segments' times from the parts' times: a part's time spread over its segments by their MACs (evenly without MACs). */
  toSegmentTimes(partTimesMs: readonly number[]): number[];
}

/** For each node position a partition's part ends at (`ends`, ascending), the part that holds each finest segment. */
function partOfSegment(segmentEnds: readonly number[], partEnds: readonly number[]): number[] {
  let p = 0;
  return segmentEnds.map((end) => {
    while ((partEnds[p] as number) < end) p++;
    return p;
  });
}

/** Node positions the parts of a partition end at: its cuts, then the last node. */
const endsOf = (cutAfter: readonly number[], nodes: number): number[] => [...cutAfter, nodes - 1];

/**
 * The parts to time for `model`: its finest partition (every cut point), or, past `maxParts` segments
 * (default {@link MAX_TIMED_SEGMENTS}), that many MAC-balanced parts of it. Throws the partitioner's
 * one-line refusal for a graph it cannot cut.
 */
export function timedPartition(model: WholeModel, maxParts = MAX_TIMED_SEGMENTS): TimedPartition {
  const graph = onnxGraphOf(decodeModel(model.bytes), model.dims);
  const segments = onnxCutPoints(graph).length + 1;
  const options = { dims: model.dims, label: model.label };
  const finest = partitionOnnxModel(model.bytes, segments, options);
  if (segments <= maxParts) return { parts: finest.parts, segments, toSegmentTimes: (times) => [...times] };
  const coarse = partitionOnnxModel(model.bytes, maxParts, options);
  const nodes = graph.nodes.length;
  const owner = partOfSegment(endsOf(finest.cutAfter, nodes), endsOf(coarse.cutAfter, nodes));
  const macs = finest.parts.map((p) => p.macs);
  return {
    parts: coarse.parts,
    segments,
    toSegmentTimes(partTimesMs) {
      const macsOfPart = new Float64Array(coarse.parts.length);
      const countOfPart = new Float64Array(coarse.parts.length);
      owner.forEach((p, s) => {
        macsOfPart[p] = (macsOfPart[p] as number) + (macs[s] as number);
        countOfPart[p] = (countOfPart[p] as number) + 1;
      });
      return owner.map((p, s) => {
        const total = macsOfPart[p] as number;
        const share = total > 0 ? (macs[s] as number) / total : 1 / (countOfPart[p] as number);
        return (partTimesMs[p] ?? 0) * share;
      });
    },
  };
}

/** `model` cut into `blocks` parts of equal measured time, and each block's share of the segment times. */
export function cutByTimes(model: WholeModel, blocks: number, segmentTimesMs: readonly number[]): { readonly parts: ModelPart[]; readonly blockTimesMs: number[] } {
  const options = { dims: model.dims, label: model.label };
  const { parts, cutAfter } = partitionOnnxModel(model.bytes, blocks, { ...options, balance: { blockTimesMs: segmentTimesMs } });
  // The finest partition cuts at every cut point: its ends come from the graph, without building its parts.
  const graph = onnxGraphOf(decodeModel(model.bytes), model.dims);
  const nodes = graph.nodes.length;
  const blockTimesMs = new Array<number>(blocks).fill(0);
  partOfSegment(endsOf(onnxCutPoints(graph), nodes), endsOf(cutAfter, nodes)).forEach((p, s) => (blockTimesMs[p] = (blockTimesMs[p] as number) + (segmentTimesMs[s] as number)));
  return { parts: parts.map((p) => ({ bytes: p.bytes, inputName: p.inputName, outputName: p.outputName })), blockTimesMs };
}

/** What timing needs from the lane: its ORT, the memory check, and GPU completion of an output kept on the GPU. */
export interface TimingLane {
  readonly ort: Ort;
  readonly admit: AdmitSession;
  readonly workDone: () => Promise<void>;
  readonly onProgress: PrepareProgress;
}

/**
 * Times `parts` in the lane as a chain at batch 1: one session per part (released after), every part
 * run in turn, {@link MEASURE_WARMUP_RUNS} untimed chains then {@link MEASURE_RUNS} timed ones; a
 * part's time is the median of its runs (wall clock, GPU completion included), ms.
 */
export async function timeParts(lane: TimingLane, spec: PrepareSpec, plan: ModelPlan, parts: readonly ModelPart[]): Promise<number[]> {
  const inspection = inspectOnnx((parts[0] as ModelPart).bytes);
  if (!inspection.ok) throw new Error(inspection.problems.map((p) => p.message).join(' '));
  const built: BuiltParts = { parts, inspection, buildMs: 0 };
  const made = await createBlockSessions(lane.ort, { ...spec, allowFallback: false }, { ...plan, blocks: parts.length, maxBatch: 1, build: () => built }, lane.admit, lane.onProgress);
  try {
    const feeds = feedsFor(lane.ort, made.inputs, 1);
    const samples = made.blocks.map((): number[] => []);
    for (let run = 0; run < MEASURE_WARMUP_RUNS + MEASURE_RUNS; run++) {
      let carried: Tensor | null = null;
      for (const [i, block] of made.blocks.entries()) {
        const startedMs = performance.now();
        const outputs: Record<string, Tensor | undefined> = await block.session.run(carried === null ? feeds : { [block.inputName]: carried });
        if (block.outputOnGpu) await lane.workDone();
        const tookMs = performance.now() - startedMs;
        carried?.dispose();
        carried = outputs[block.outputName] ?? null;
        if (carried === null) throw new Error(`timed segment ${String(i)} gave no output '${block.outputName}'`);
        if (run >= MEASURE_WARMUP_RUNS) samples[i]?.push(tookMs);
      }
      carried?.dispose();
    }
    return samples.map((xs) => nearestRank(xs, 0.5) ?? 0);
  } finally {
    for (const block of made.blocks) await block.session.release();
  }
}

/** Measured segment times by model (its session key whole) and backend: a lane times a model once. */
export type MeasuredTimesCache = Map<string, readonly number[]>;

/**
 * `plan` with its K blocks cut by measured time: the finest partition's segment times from `cache`
 * (keyed `cacheKey`) or timed now ({@link timedPartition}, {@link timeParts}), then {@link cutByTimes}.
 */
export async function measuredPlan(lane: TimingLane, spec: PrepareSpec, plan: ModelPlan, cache: MeasuredTimesCache, cacheKey: string): Promise<{ readonly plan: ModelPlan; readonly info: BlockBalanceInfo }> {
  const model = plan.whole();
  let segmentTimesMs = cache.get(cacheKey);
  const cached = segmentTimesMs !== undefined;
  if (segmentTimesMs === undefined) {
    const timed = timedPartition(model);
    lane.onProgress('session', `timing ${String(timed.parts.length)} segments of ${model.label} for measured balance`, 0, timed.parts.length);
    segmentTimesMs = timed.toSegmentTimes(await timeParts(lane, spec, plan, timed.parts));
    cache.set(cacheKey, segmentTimesMs);
  }
  const { parts, blockTimesMs } = cutByTimes(model, plan.blocks, segmentTimesMs);
  const firstBytes = (parts[0] as ModelPart).bytes;
  return {
    plan: {
      ...plan,
      build: () => {
        const inspection = inspectOnnx(firstBytes);
        if (!inspection.ok) throw new Error(inspection.problems.map((p) => p.message).join(' '));
        return { parts, inspection, buildMs: 0 };
      },
    },
    info: { kind: 'measured', segmentTimesMs, blockTimesMs, cached },
  };
}
