// Solo profiles on demand, outside a run: every model of an experiment alone on fresh lanes, through the session cache.
import { errorMessage } from '../core/error-message';
import { laneCountOf, parseExperiment } from '../core/experiment';
import type { EngineOptions, SoloProfilePoint } from './engine-protocol';
import type { EngineHost } from './engine-run';
import { LanePool } from './lane-pool';
import { profileModels, unsupported } from './run-setup';

/** The outcome of an on-demand profile: the points, or why there are none. */
export type ProfileOutcome = { readonly ok: true; readonly profiles: readonly SoloProfilePoint[] } | { readonly ok: false; readonly error: string };

/**
 * Measures (or recalls from `host.profileCache`) the solo profile of every model of the experiment
 * on lanes laid out as the run would use them, then stops those lanes. Never throws.
 */
export async function profileExperiment(json: unknown, options: EngineOptions, host: EngineHost): Promise<ProfileOutcome> {
  const parsed = parseExperiment(json);
  if (!parsed.ok) return { ok: false, error: parsed.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ') };
  const problems = unsupported(parsed.experiment, options);
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };
  const pool = new LanePool(laneCountOf(parsed.experiment), host.createLane);
  try {
    return { ok: true, profiles: await profileModels(parsed.experiment, options, pool, host.profileCache) };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  } finally {
    await pool.disposeAll();
  }
}
