// A lane: one Web Worker with its own onnxruntime-web instance (and GPUDevice), serving one request at a time.
import { errorMessage } from '../core/error-message';
import { assertUnreachable } from '../core/assert';
import { DispatchRing } from './dispatch-ring';
import type { LaneEvent, LaneRequest } from './lane-protocol';
import { LaneSessions } from './lane-sessions';
import { RequestSequencer } from './request-sequencer';
import { watchWasmMemories } from './wasm-heap';

// Before ORT makes its heap, so that the lane can report the heap's size.
watchWasmMemories();

/** The lane's sessions (several models per lane, zoo or file). */
const sessions = new LaneSessions((message) => lose(message));
/** A lost device cannot run anything again: tell the page (which fails what is pending) and close. */
function lose(message: string): void {
  post({ type: 'lost', id: 0, message });
  self.close();
}
/** The dispatches the client also writes to shared memory (null: messages only). */
let ring: DispatchRing | null = null;

const post = (event: LaneEvent, transfer: Transferable[] = []): void => self.postMessage(event, { transfer });

async function prepare(request: Extract<LaneRequest, { type: 'prepare' }>): Promise<void> {
  const { id, type: _type, ...spec } = request;
  const info = await sessions.prepare(spec, (stage, label, done, total) => post({ type: 'progress', id, stage, label, done, total }));
  post({ type: 'prepared', id, info });
}

async function dispatch(request: Extract<LaneRequest, { type: 'dispatch' }>): Promise<void> {
  const sample = request.sampleOutput === true;
  const done = await sessions.dispatch(request.key, request.requests, sample);
  const timing = { ...done.timing, fromRing: ringMade.has(request) };
  const output = done.output;
  if (!sample || output === null) return post({ type: 'dispatched', id: request.id, timing });
  post({ type: 'dispatched', id: request.id, timing, output }, [output.values.buffer]);
}

async function release(id: number): Promise<void> {
  await sessions.releaseAll();
  post({ type: 'released', id });
}

/**
 * Fault injection: destroys the device at once, outside the request chain, so a run in flight meets
 * it as it would meet a real loss. The loss is posted before ORT can report the run's own failure.
 */
function destroyDevice(id: number): void {
  let message: string;
  try {
    message = sessions.destroyDevice();
  } catch (error) {
    post({ type: 'failed', id, message: errorMessage(error) });
    return;
  }
  post({ type: 'device-destroyed', id, message });
  lose(message);
}

async function handle(request: Exclude<LaneRequest, { type: 'destroy-device' }>): Promise<void> {
  switch (request.type) {
    case 'release':
      return release(request.id);
    case 'prepare':
      return prepare(request);
    case 'dispatch':
      return dispatch(request);
    case 'dispatch-block':
      return post({
        type: 'dispatched', id: request.id,
        timing: { ...(await sessions.dispatchBlock(request.key, request.requests, request.block, request.carry)), fromRing: ringMade.has(request) },
      });
    case 'profile':
      return post({ type: 'profiled', id: request.id, latenciesMs: await sessions.profile(request.key, request.batch, request.warmupRuns, request.runs) });
    case 'retain':
      return post({ type: 'retained', id: request.id, released: await sessions.retain(request.keys) });
    case 'memory':
      return post({ type: 'memory', id: request.id, memory: sessions.memory() });
    case 'attach-ring':
      ring = new DispatchRing(request.buffer);
      return post({ type: 'ring-attached', id: request.id });
    default:
      return assertUnreachable(request);
  }
}

type Sequenced = Exclude<LaneRequest, { type: 'destroy-device' }>;

/** Requests the lane took from the ring (their timing says so). */
const ringMade = new WeakSet<Sequenced>();

/** A dispatch the client wrote to the ring, as the request its message carries. */
function fromRing(id: number): Sequenced | null {
  const d = ring?.read(id) ?? null;
  if (d === null) return null;
  const request: Sequenced = d.block === null
    ? { type: 'dispatch', id, key: d.key, requests: d.requests }
    : { type: 'dispatch-block', id, key: d.key, requests: d.requests, block: d.block, carry: d.carry };
  ringMade.add(request);
  return request;
}

/** ORT has no lock of its own: every request waits for the previous one (shared/DESIGN.md). */
const sequencer = new RequestSequencer<Sequenced>({
  handle: (request) =>
    handle(request).catch((error: unknown) => {
      post({ type: 'failed', id: request.id, message: errorMessage(error) });
    }),
  fromRing,
  nowMs: () => performance.now(),
});

self.onmessage = (event: MessageEvent<LaneRequest>) => {
  const request = event.data;
  if (request.type === 'destroy-device') return destroyDevice(request.id);
  void sequencer.receive(request);
};
