// Compare's one-click Lesson on this device's settings: Run live's device fit first (WASM, smallest inputs on a slow device), then the lesson's variants of the experiment as fitted.
import type { ConfigIssue, Experiment } from '../../core/experiment';
import type { EngineOptions } from '../../engine/engine-protocol';
import type { RunForm } from '../run/run-controller';
import type { CompareRequest } from './compare-controller';
import { lessonVariants, type Lesson } from './lessons';

/** The engine settings a comparison runs with: the Run section's backend, build and profile runs, falling back to WASM when WebGPU fails. */
export function compareEngineOptions(form: RunForm): EngineOptions {
  return { backend: form.backend, build: form.build, profileRuns: form.profileRuns, allowFallback: true };
}

/** What the Lesson needs: the device fit of Run live (applied, shown with its Undo; returns the experiment as fitted) and the run form after it. */
export interface LessonStartDeps {
  readonly applyFit: () => Experiment | null;
  readonly form: () => RunForm;
}

/**
 * The lesson's comparison on the settings Run live would pick here: on a software adapter or without WebGPU
 * (and a backend not chosen by hand) the fit switches the form to WASM and every input to the smallest size
 * first, with the Run section's notice and Undo; then the variants come from the experiment as fitted and
 * the engine from the form as fitted. Issues when there is no valid experiment or a variant does not validate.
 */
export function fittedLessonRequest(deps: LessonStartDeps, lesson: Lesson, repeats: number): { ok: true; request: CompareRequest } | { ok: false; issues: readonly ConfigIssue[] } {
  const experiment = deps.applyFit();
  if (experiment === null) return { ok: false, issues: [{ path: 'compare.lesson', message: 'the experiment in the editor is not valid: fix it first' }] };
  const variants = lessonVariants(experiment, lesson);
  if (!variants.ok) return variants;
  return { ok: true, request: { title: lesson.title, variants: variants.variants, lesson, repeats, engine: compareEngineOptions(deps.form()) } };
}
