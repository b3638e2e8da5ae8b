// Scheduler, lane and run controls: policy, slice granularity and block balance, time-sliced vs concurrent, dispatch depth, warm-up, duration, seed.
import { POLICIES } from '../../core/experiment';
import { getIn } from '../../app/experiment-draft';
import { setGranularity } from '../../app/experiment-edits';
import { InputField, SelectField } from './Field';
import { useExperimentController, useExperimentSnapshot } from './use-experiment';

const POLICY_LABELS: Record<(typeof POLICIES)[number], string> = {
  fcfs: 'FCFS (first come, first served)',
  'round-robin': 'round robin',
  'weighted-fair': 'weighted fair',
  edf: 'EDF (earliest deadline first)',
  priority: 'strict priority (real-time first)',
  'slo-aware': 'SLO-aware (EDF, drop the hopeless)',
};
const POLICY_OPTIONS = POLICIES.map((p) => [p, POLICY_LABELS[p]] as const);
const GRANULARITY_OPTIONS = [['inference', 'whole inference'], ['layer-blocks', 'layer blocks']] as const;
/** Absent = MACs (the schema's default), so the first option is the empty value. */
const BALANCE_OPTIONS = [['', 'MACs (from the graph)'], ['measured', 'measured time (each part timed here)']] as const;
const LANE_OPTIONS = [['time-sliced', 'time-sliced (one lane, our scheduler)'], ['concurrent', 'concurrent (a lane per tenant)']] as const;

/** Three small groups side by side: scheduler, lanes, run. */
export function SchedulerControls() {
  const controller = useExperimentController();
  const { editor } = useExperimentSnapshot();
  const layerBlocks = getIn(editor.draft, ['scheduler', 'granularity']) === 'layer-blocks';
  const onGranularity = (value: string) => {
    if (value === 'inference' || value === 'layer-blocks') controller.edit((d) => setGranularity(d, value));
  };
  const onBalance = (value: string) => controller.setField(['scheduler', 'blockBalance'], value === '' ? undefined : value);
  return (
    <div className="xp-groups">
      <fieldset className="xp-group">
        <legend>Scheduler</legend>
        <SelectField path={['scheduler', 'policy']} label="Policy" options={POLICY_OPTIONS} />
        <SelectField path={['scheduler', 'granularity']} label="Slice granularity" options={GRANULARITY_OPTIONS} onSelect={onGranularity} />
        {layerBlocks && <InputField path={['scheduler', 'blocks']} label="Blocks per model" unit="blocks" />}
        {layerBlocks && <SelectField path={['scheduler', 'blockBalance']} label="Balance blocks by" options={BALANCE_OPTIONS} onSelect={onBalance} />}
      </fieldset>
      <fieldset className="xp-group">
        <legend>Lanes</legend>
        <SelectField path={['lanes', 'mode']} label="Mode" options={LANE_OPTIONS} />
        <InputField path={['lanes', 'dispatchDepth']} label="Dispatch depth" unit="slices ahead" />
      </fieldset>
      <fieldset className="xp-group">
        <legend>Run</legend>
        <InputField path={['name']} label="Name" text />
        <div className="xf-pair">
          <InputField path={['warmupMs']} label="Warm-up" unit="ms" />
          <InputField path={['durationMs']} label="Measured" unit="ms" />
        </div>
        <InputField path={['seed']} label="Seed" />
      </fieldset>
    </div>
  );
}
