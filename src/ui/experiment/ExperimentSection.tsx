// The experiment section of the lab page: presets, tenant table, scheduler/lane/run controls, service model, sharing, Simulate.
import { useState } from 'react';
import { createBrowserExperimentController } from '../../app/experiment-browser';
import { DraftIssues, LoadBanners } from './IssueBanners';
import { PresetPicker } from './PresetPicker';
import { SchedulerControls } from './SchedulerControls';
import { ServiceModelEditor } from './ServiceModelEditor';
import { SharePanel } from './SharePanel';
import { SimulatePanel } from './SimulatePanel';
import { TenantTable } from './TenantTable';
import { ExperimentContext } from './use-experiment';

/** Owns one experiment controller (reads the URL hash once, on mount). */
export function ExperimentSection() {
  const [controller] = useState(createBrowserExperimentController);
  return (
    <ExperimentContext.Provider value={controller}>
      <section className="panel experiment" aria-labelledby="experiment-title" data-testid="experiment">
        <header className="panel-header">
          <h2 id="experiment-title">Experiment</h2>
          <SharePanel />
        </header>
        <PresetPicker />
        <LoadBanners />
        <TenantTable />
        <SchedulerControls />
        <ServiceModelEditor />
        <DraftIssues />
        <SimulatePanel />
      </section>
    </ExperimentContext.Provider>
  );
}
