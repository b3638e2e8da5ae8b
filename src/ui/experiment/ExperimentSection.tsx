// The experiment section of the lab page: presets, tenant table, scheduler/lane/run controls, service model, sharing, Simulate; the live run below it.
import { useEffect, useState, type ReactNode } from 'react';
import { createBrowserExperimentController } from '../../app/experiment-browser';
import { createBrowserRunController } from '../../app/run/run-browser';
import { RunSection } from '../run/RunSection';
import { RunContext } from '../run/use-run';
import { CustomModelsPanel } from './CustomModelsPanel';
import { DraftIssues, LoadBanners } from './IssueBanners';
import { PresetPicker } from './PresetPicker';
import { SchedulerControls } from './SchedulerControls';
import { ServiceModelEditor } from './ServiceModelEditor';
import { SharePanel } from './SharePanel';
import { SimulatePanel } from './SimulatePanel';
import { TenantTable } from './TenantTable';
import { ExperimentContext } from './use-experiment';

/**
 * Owns the experiment controller (reads the URL hash on mount and whenever it changes) and the live run controller;
 * `children` (the Analyze section) render after the live run, inside both.
 */
export function ExperimentSection({ children }: { children?: ReactNode }) {
  const [controller] = useState(createBrowserExperimentController);
  const [runController] = useState(createBrowserRunController);
  useEffect(() => {
    // A link pasted into this tab changes only the hash: the browser does not reload, so load it here.
    const onHashChange = () => controller.loadHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [controller]);
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
        <CustomModelsPanel />
        <SchedulerControls />
        <ServiceModelEditor />
        <DraftIssues />
        <SimulatePanel />
      </section>
      <RunContext.Provider value={runController}>
        <RunSection />
        {children}
      </RunContext.Provider>
    </ExperimentContext.Provider>
  );
}
