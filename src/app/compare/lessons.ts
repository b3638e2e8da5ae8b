// Each preset's lesson as one click: its variants, and the direction it promises (which tenant, which metric, which way) as data.
import { parseExperiment, type ConfigIssue, type Experiment } from '../../core/experiment';
import { applyValue, type CompareAxis, type Variant, type VariantValue } from './variants';

/** A figure a lesson promises to move (per tenant, mean over repeats). */
export type LessonMetric = 'p50' | 'p99' | 'slo-rate' | 'throughput';
export const LESSON_METRICS = ['p50', 'p99', 'slo-rate', 'throughput'] as const satisfies readonly LessonMetric[];

/**
 * Which way the figure should move: `falls` or `rises`, at every step from one variant to the next
 * (`each-step`) or from the first variant to the last (`ends`).
 */
export interface LessonPromise {
  readonly tenant: string;
  readonly metric: LessonMetric;
  readonly direction: 'falls' | 'rises';
  readonly scope: 'each-step' | 'ends';
}

/**
 * One change of a lesson's variant from the preset (a variant may make several, e.g. priority and blocks): a value
 * along one of Compare's axes, or (lessons only) one tenant's arrivals made Poisson at the rate they have, the
 * twin that a real trace is set against, or layer blocks cut to equal measured time instead of equal MACs.
 */
export type LessonChange =
  | { readonly axis: CompareAxis; readonly value: VariantValue }
  | { readonly poissonFor: string }
  | { readonly blockBalance: 'measured' };

/** A preset's lesson: a title, its variants in order (each a label and its changes), and its promise. */
export interface Lesson {
  readonly presetId: string;
  readonly title: string;
  readonly variants: readonly { readonly label: string; readonly changes: readonly LessonChange[] }[];
  readonly promise: LessonPromise;
}

const policy = (value: string): LessonChange => ({ axis: { kind: 'policy' }, value });
const blocks = (value: number): LessonChange => ({ axis: { kind: 'granularity' }, value });
const maxBatch = (value: number): LessonChange => ({ axis: { kind: 'batching' }, value });
const rate = (tenant: string, value: number): LessonChange => ({ axis: { kind: 'rate', tenant }, value });
const poisson = (tenant: string): LessonChange => ({ poissonFor: tenant });
/** Blocks of equal measured time (after `blocks(n)`): by MACs a CNN's late layers, light in MACs but heavy in weights, make one long block. */
const measuredBlocks: LessonChange = { blockBalance: 'measured' };

/** The experiment with one change made (not validated: lessonVariants checks the result). */
function applyChange(experiment: Experiment, change: LessonChange): Experiment {
  if ('axis' in change) return applyValue(experiment, change.axis, change.value);
  if ('blockBalance' in change) {
    return experiment.scheduler.granularity === 'layer-blocks' ? { ...experiment, scheduler: { ...experiment.scheduler, blockBalance: change.blockBalance } } : experiment;
  }
  return {
    ...experiment,
    tenants: experiment.tenants.map((t) => (t.id === change.poissonFor && 'rate' in t.arrival ? { ...t, arrival: { kind: 'poisson', rate: t.arrival.rate } } : t)),
  };
}

/** Every preset's lesson, keyed by preset id (see src/app/presets/catalog.ts for what each preset teaches). */
export const LESSONS: ReadonlyMap<string, Lesson> = new Map<string, Lesson>(
  [
    {
      presetId: 'rt-beside-be', title: 'FCFS, then priority, then priority with 4 layer blocks',
      variants: [
        { label: 'fcfs', changes: [policy('fcfs'), blocks(1)] },
        { label: 'priority', changes: [policy('priority'), blocks(1)] },
        { label: 'priority, 4 layer blocks', changes: [policy('priority'), blocks(4), measuredBlocks] },
      ],
      promise: { tenant: 'camera', metric: 'p99', direction: 'falls', scope: 'each-step' },
    },
    {
      presetId: 'mlperf-server', title: 'Load at 30%, 60% and 90% of capacity',
      variants: [0.3, 0.6, 0.9].map((v) => ({ label: `server at ${String(v)}`, changes: [rate('server', v)] })),
      promise: { tenant: 'server', metric: 'p99', direction: 'rises', scope: 'ends' },
    },
    {
      presetId: 'veltair-mix', title: 'Whole inferences vs 4 layer blocks',
      variants: [
        { label: 'whole inferences', changes: [blocks(1)] },
        { label: '4 layer blocks', changes: [blocks(4)] },
      ],
      // The lightest tenant: its latency is mostly the wait for the ResNet-50 slice ahead of it. Its p50, not p99: at
      // 32 px on this 2-core CPU ResNet-50 runs in ~20 ms, so the tail's gain is smaller than the machine's own stalls
      // (p99 over ~230 samples: 57.8 -> 27.3 ms in one run, 54.1 -> 59.8 in the next), while p50 fell in every run
      // (20.5 -> 13.4, 22.6 -> 13.5, 37.2 -> 18.8 ms with a VGG-16 instead).
      promise: { tenant: 'squeezenet', metric: 'p50', direction: 'falls', scope: 'ends' },
    },
    {
      presetId: 'igniter-adaptive', title: "MobileNet's rate raised: 0.1, 0.2, 0.3 of capacity",
      // Up to 0.3: with ResNet-50 at 0.15 and SqueezeNet at 0.2 beside it, 0.6 overloaded the lane once this CPU's
      // dispatches are counted (solo capacity is session.run alone): its throughput fell, 90 -> 80.5 req/s.
      variants: [0.1, 0.2, 0.3].map((v) => ({ label: `mobilenet at ${String(v)}`, changes: [rate('mobilenet', v)] })),
      promise: { tenant: 'mobilenet', metric: 'throughput', direction: 'rises', scope: 'each-step' },
    },
    {
      presetId: 'batching-tradeoff', title: 'Max batch 1, 4 and 8',
      variants: [1, 4, 8].map((v) => ({ label: `max batch ${String(v)}`, changes: [maxBatch(v)] })),
      promise: { tenant: 'stream', metric: 'throughput', direction: 'rises', scope: 'ends' },
    },
    {
      presetId: 'policy-compare', title: 'FCFS vs weighted fair vs EDF',
      variants: ['fcfs', 'weighted-fair', 'edf'].map((p) => ({ label: p, changes: [policy(p)] })),
      promise: { tenant: 'interactive', metric: 'p99', direction: 'falls', scope: 'ends' },
    },
    {
      presetId: 'real-traffic', title: 'The trace tenant as Poisson, then replaying the real trace at the same mean rate',
      variants: [
        { label: 'Poisson', changes: [poisson('trace')] },
        { label: 'real trace', changes: [] },
      ],
      promise: { tenant: 'trace', metric: 'p99', direction: 'rises', scope: 'ends' },
    },
  ].map((lesson) => [lesson.presetId, lesson as Lesson]),
);

/** The lesson of a preset, or undefined (no preset loaded, or one without a lesson). */
export function lessonFor(presetId: string | null): Lesson | undefined {
  return presetId === null ? undefined : LESSONS.get(presetId);
}

/** A promise in words, e.g. `camera's p99 falls at each step`. */
export function describePromise(promise: LessonPromise): string {
  const metric = promise.metric === 'slo-rate' ? 'SLO rate' : promise.metric;
  return `${promise.tenant}'s ${metric} ${promise.direction} ${promise.scope === 'each-step' ? 'at each step' : 'from the first variant to the last'}`;
}

/**
 * The lesson's variants of `experiment` (the preset as loaded, perhaps edited: durations, input size, backend),
 * each validated; issues name the variant when one does not validate (e.g. the promised tenant was removed).
 */
export function lessonVariants(experiment: Experiment, lesson: Lesson): { ok: true; variants: readonly Variant[] } | { ok: false; issues: readonly ConfigIssue[] } {
  if (!experiment.tenants.some((t) => t.id === lesson.promise.tenant)) {
    return { ok: false, issues: [{ path: 'compare.lesson', message: `the lesson is about tenant ${lesson.promise.tenant}, which the experiment no longer has` }] };
  }
  const variants: Variant[] = [];
  const issues: ConfigIssue[] = [];
  lesson.variants.forEach((v, i) => {
    const changed = v.changes.reduce(applyChange, experiment);
    const checked = parseExperiment({ ...changed, name: `${experiment.name ?? 'experiment'}: ${v.label}`.slice(0, 200) });
    if (checked.ok) variants.push({ label: v.label, value: i, experiment: checked.experiment });
    else issues.push({ path: `compare.lesson.variants[${String(i)}]`, message: `${v.label}: ${checked.issues[0]?.path ?? ''} ${checked.issues[0]?.message ?? 'invalid'}` });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, variants };
}
