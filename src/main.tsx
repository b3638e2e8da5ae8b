// Browser entry point: wires the runtime into the lab controller, exposes the test hook, mounts the React page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installCharacterizeHook } from './app/characterize/characterize-browser';
import { LabController } from './app/lab-controller';
import type {} from './app/lab-test-hook';
import { LaneClient } from './runtime/lane-client';
import { probeWebGpu } from './runtime/probe-webgpu';
import { App } from './ui/App';
import { LabContext } from './ui/use-lab';
import { describeModel } from './zoo';

const controller = new LabController({
  probe: () => probeWebGpu(),
  createLane: (context) => new LaneClient(context),
  describeModel: (id, resolution) => describeModel(id, { resolution }),
  crossOriginIsolated: globalThis.crossOriginIsolated,
});
window.__lab = { idle: () => controller.idle(), snapshot: () => controller.store.getSnapshot() };
void controller.start();
void import('./app/engine-test-hook').then((hook) => hook.installEngineTestHook());
installCharacterizeHook();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabContext.Provider value={controller}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
