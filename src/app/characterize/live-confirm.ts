// Capacity confirmed live for a characterization: the analysis page's Confirm live (LiveCapacityController) on the default mix, as a report section.
import type { CapacityResult } from '../../core/analysis/capacity';
import { defaultMix, LIVE_POLICY, type MixModel } from '../../core/characterize/default-mix';
import type { LiveCapacity } from '../../core/characterize/report-schema';
import type { EngineOptions } from '../../engine/engine-protocol';
import { LiveCapacityController, type LiveEngine } from '../analysis/live-capacity';

/** What to confirm: the mix's models, the simulated FCFS search, and the engine's settings. */
export interface LiveConfirmRequest {
  readonly models: readonly MixModel[];
  readonly simulated: CapacityResult;
  readonly engine: EngineOptions;
}

/** Confirms one mix at a time; `cancel` ends the probe in progress (what was probed stays, outcome 'cancelled'). */
export interface LiveConfirmer {
  confirm(request: LiveConfirmRequest): Promise<LiveCapacity>;
  cancel(): void;
}

/**
 * A confirmer on {@link LiveCapacityController}: its probes run in an engine of their own
 * (`createEngine`, disposed when the confirmation ends), around the simulated bracket.
 */
export function createLiveConfirmer(createEngine: () => LiveEngine): LiveConfirmer {
  const controller = new LiveCapacityController(createEngine);
  return {
    async confirm({ models, simulated, engine }) {
      const { experiment, serviceModel } = defaultMix(models, LIVE_POLICY);
      controller.reset();
      await controller.confirm({ experiment, serviceModel, simulated, engine });
      const sim = { holdsFactor: simulated.holdsFactor, failsFactor: simulated.failsFactor };
      const state = controller.store.getSnapshot();
      if (state.status === 'done') {
        const r = state.report;
        return { policy: LIVE_POLICY, outcome: r.outcome, simulated: sim, holdsFactor: r.holdsFactor, failsFactor: r.failsFactor, probes: r.probes.length, backendUsed: r.backendUsed, note: null };
      }
      const probes = state.status === 'failed' || state.status === 'running' ? state.probes.length : 0;
      const note = state.status === 'failed' ? state.message.slice(0, 2000) : `the confirmation ended ${state.status}`;
      return { policy: LIVE_POLICY, outcome: 'failed', simulated: sim, holdsFactor: null, failsFactor: null, probes, backendUsed: null, note };
    },
    cancel: () => controller.cancel(),
  };
}
