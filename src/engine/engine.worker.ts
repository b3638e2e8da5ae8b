// The engine worker: runs experiments off the main thread (arrivals, scheduler, metrics, lane workers) and posts snapshots.
import { LaneClient } from '../runtime/lane-client';
import { ENGINE_DEFAULTS, type EngineMessage, type EngineRequest } from './engine-protocol';
import { profileExperiment } from './engine-profile';
import { TIMEOUT_CLOCK, WORKER_CLOCK } from './engine-clock';
import { EngineRun, type EngineHost } from './engine-run';
import { LaneKeeper } from './lane-pool';
import type { ProfileCache } from './solo-profiler';

/** Solo profiles for the life of this worker: one browser session. */
const profileCache: ProfileCache = new Map();
let current: EngineRun | null = null;

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
  current = run;
  const runId = request.runId;
  const timer = setInterval(() => post({ type: 'snapshot', runId, snapshot: run.snapshot(), ...run.takeProgress() }), request.options.snapshotEveryMs ?? ENGINE_DEFAULTS.snapshotEveryMs);
  await run.start(request.experiment, request.options);
  clearInterval(timer);
  post({ type: 'finished', runId, snapshot: run.snapshot(), ...run.takeProgress() });
  if (current === run) current = null;
}

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'start':
      if (current !== null) current.stop();
      void start(request);
      return;
    case 'stop':
      current?.stop();
      return;
    case 'profile':
      void profileExperiment(request.experiment, request.options, host).then((outcome) =>
        post({ type: 'profiled', id: request.id, profiles: outcome.ok ? outcome.profiles : [], error: outcome.ok ? null : outcome.error }),
      );
      return;
    case 'lane-memory':
      void lanes.memory().then(
        (memory) => post({ type: 'lane-memory', id: request.id, lanes: memory, error: null }),
        (error: unknown) => post({ type: 'lane-memory', id: request.id, lanes: [], error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case 'kill-lane':
      current?.killLane(request.lane, `lane ${String(request.lane)} was killed (fault injection)`);
      return;
    case 'destroy-device':
      void (current?.destroyDevice(request.lane) ?? Promise.reject(new Error('no run in progress'))).then(
        () => post({ type: 'fault-injected', id: request.id, error: null }),
        (error: unknown) => post({ type: 'fault-injected', id: request.id, error: error instanceof Error ? error.message : String(error) }),
      );
      return;
  }
};
