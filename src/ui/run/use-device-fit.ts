// The device fitter of the run section (Run live fitted to a slow device, and its Undo), wired to the lab, experiment and run controllers.
import { useMemo } from 'react';
import { DeviceFitter } from '../../app/run/device-fit';
import { useExperimentController } from '../experiment/use-experiment';
import { useLabController } from '../use-lab';
import { useRunController } from './use-run';

/** A DeviceFitter on this page's controllers (stateless: the fit on show lives in the run snapshot). */
export function useDeviceFitter(): DeviceFitter {
  const lab = useLabController();
  const run = useRunController();
  const experiment = useExperimentController();
  return useMemo(() => new DeviceFitter({
    probe: () => lab.store.getSnapshot().probe,
    form: () => run.store.getSnapshot().form,
    experiment: () => experiment.store.getSnapshot().editor.experiment,
    setBackend: (backend, chosen) => run.setForm({ backend, backendChosen: chosen }),
    editDraft: (change) => experiment.edit(change),
    start: (fitted) => run.start(fitted),
    shownFit: () => run.store.getSnapshot().fit,
    showFit: (fit) => run.showFit(fit),
  }), [lab, run, experiment]);
}
