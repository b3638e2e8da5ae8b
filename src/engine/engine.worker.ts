// The engine worker: runs experiments off the main thread (arrivals, scheduler, metrics, lane workers) and posts snapshots.
import { errorMessage } from '../core/error-message';
import { LaneClient } from '../runtime/lane-client';
import { ENGINE_DEFAULTS, type EngineMessage, type EngineRequest } from './engine-protocol';
import { profileExperiment } from './engine-profile';
import { TIMEOUT_CLOCK, WORKER_CLOCK } from './engine-clock';
import { EngineRun, type EngineHost } from './engine-run';
import { LaneKeeper } from './lane-pool';
import { PersistentProfileCache } from './profile-store';

/** Solo profiles, kept in IndexedDB across reloads (keyed by adapter, backend, build, model, input size, batch). */
const profileCache = new PersistentProfileCache();
/** The run in progress and its run id (requests naming another run are ignored). */
let current: { readonly runId: number; readonly run: EngineRun } | null = null;

const post = (message: EngineMessage): void => self.postMessage(message);

// Lane workers are nested in this one, so no dispatch ever waits for the page's main thread.
const createLane = (label: string): LaneClient => new LaneClient(label);

// Lanes and their sessions stay from one run to the next; each run releases what it does not need.
const lanes = new LaneKeeper(createLane);

const host: EngineHost = {
  createLane,
  lanes,
  clock: WORKER_CLOCK,
  profileCache,
};

async function start(request: Extract<EngineRequest, { type: 'start' }>): Promise<void> {
  const run = new EngineRun(request.options.timers === 'timeout' ? { ...host, clock: TIMEOUT_CLOCK } : host);
  const runId = request.runId;
  current = { runId, run };
  const timer = setInterval(() => post({ type: 'snapshot', runId, snapshot: run.snapshot(), ...run.takeProgress() }), request.options.snapshotEveryMs ?? ENGINE_DEFAULTS.snapshotEveryMs);
  await run.start(request.experiment, request.options);
  clearInterval(timer);
  post({ type: 'finished', runId, snapshot: run.snapshot(), ...run.takeProgress() });
  if (current?.run === run) current = null;
}

/** The run `runId` names, when it is the one in progress. */
const runOf = (runId: number): EngineRun | null => (current?.runId === runId ? current.run : null);

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'start':
      current?.run.stop();
      void start(request);
      return;
    case 'stop':
      runOf(request.runId)?.stop();
      return;
    case 'profile':
      void profileExperiment(request.experiment, request.options, host).then((outcome) =>
        post({ type: 'profiled', id: request.id, profiles: outcome.ok ? outcome.profiles : [], error: outcome.ok ? null : outcome.error }),
      );
      return;
    case 'lane-memory':
      void lanes.memory().then(
        (memory) => post({ type: 'lane-memory', id: request.id, lanes: memory, error: null }),
        (error: unknown) => post({ type: 'lane-memory', id: request.id, lanes: [], error: errorMessage(error) }),
      );
      return;
    case 'kill-lane':
      runOf(request.runId)?.killLane(request.lane, `lane ${String(request.lane)} was killed (fault injection)`);
      return;
    case 'destroy-device':
      void (runOf(request.runId)?.destroyDevice(request.lane) ?? Promise.reject(new Error(`run ${String(request.runId)} is not in progress`))).then(
        () => post({ type: 'fault-injected', id: request.id, error: null }),
        (error: unknown) => post({ type: 'fault-injected', id: request.id, error: errorMessage(error) }),
      );
      return;
  }
};
