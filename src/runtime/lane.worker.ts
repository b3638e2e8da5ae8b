// A lane: one Web Worker with its own onnxruntime-web instance (and GPUDevice), serving one request at a time.
import { errorMessage } from '../core/error-message';
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import { inspectOnnx } from '../zoo/inspect';
import { assertUnreachable } from '../core/assert';
import type { FedInput, LaneEvent, LaneInfo, LaneRequest, ModelSource } from './lane-protocol';
import { DispatchRing } from './dispatch-ring';
import { createLaneSession } from './lane-session';
import { LaneSessions } from './lane-sessions';
import { loadOrt, type Ort } from './ort-loader';
import { sampleOutput } from './output-sample';
import { RequestSequencer } from './request-sequencer';
import { elementCount, seededFloat32 } from './seeded-input';
import { watchWasmMemories } from './wasm-heap';

// Before ORT makes its heap, so that the lane can report the heap's size.
watchWasmMemories();

interface Loaded {
  readonly ort: Ort;
  readonly session: InferenceSession;
  readonly info: LaneInfo;
}

let loaded: Loaded | null = null;
/** The engine's sessions (several models per lane), beside the page's single 'load'/'run' session. */
const sessions = new LaneSessions((message) => lose(message));
/** A lost device cannot run anything again: tell the page (which fails what is pending) and close. */
function lose(message: string): void {
  post({ type: 'lost', id: 0, message });
  self.close();
}
/** The dispatches the client also writes to shared memory (null: messages only). */
let ring: DispatchRing | null = null;

const post = (event: LaneEvent, transfer: Transferable[] = []): void => self.postMessage(event, { transfer });

interface ObtainedModel {
  readonly bytes: Uint8Array;
  readonly label: string;
  readonly meta: LaneInfo['meta'];
  readonly buildMs: number;
}

async function obtainModel(id: number, source: ModelSource): Promise<ObtainedModel> {
  switch (source.kind) {
    case 'bytes':
      return { bytes: new Uint8Array(source.bytes), label: source.label, meta: null, buildMs: 0 };
    case 'zoo': {
      const started = performance.now();
      const zoo = await import('../zoo');
      const built = zoo.buildModel(source.modelId, {
        resolution: source.resolution,
        seed: source.seed,
        onProgress: ({ stage, done, total }) => post({ type: 'progress', id, stage: 'build', label: stage, done, total }),
      });
      return { bytes: built.bytes, label: `${built.meta.name} @${source.resolution}px`, meta: built.meta, buildMs: performance.now() - started };
    }
    default:
      return assertUnreachable(source);
  }
}

async function load(request: Extract<LaneRequest, { type: 'load' }>): Promise<void> {
  if (loaded) throw new Error('This lane already holds a session; release it first.');
  const model = await obtainModel(request.id, request.source);
  const inspection = inspectOnnx(model.bytes);
  if (!inspection.ok) throw new Error(inspection.problems.map((p) => p.message).join(' '));
  const inputs: FedInput[] = inspection.inputs.map((input) => ({
    name: input.name,
    dims: input.dims.map((d) => (typeof d === 'number' ? d : request.batch)),
  }));
  post({ type: 'progress', id: request.id, stage: 'session', label: `creating ${request.backend} session`, done: 0, total: 1 });
  const ort = await loadOrt(request.build);
  const created = await createLaneSession(ort, model.bytes, {
    backend: request.backend,
    allowFallback: request.allowFallback,
    dimOverrides: Object.fromEntries(inspection.batchDimNames.map((name) => [name, request.batch])),
  });
  post({ type: 'progress', id: request.id, stage: 'session', label: 'session ready', done: 1, total: 1 });
  const info: LaneInfo = {
    modelLabel: model.label,
    backendRequested: request.backend,
    backendUsed: created.backendUsed,
    build: request.build,
    fallbackReasons: created.fallbackReasons,
    adapter: created.adapter,
    ortVersion: ort.env.versions.web ?? ort.env.versions.common,
    wasmThreads: ort.env.wasm.numThreads ?? 0,
    inputs,
    outputNames: [...created.session.outputNames],
    modelBytes: model.bytes.byteLength,
    buildMs: model.buildMs,
    sessionMs: created.sessionMs,
    meta: model.meta,
  };
  loaded = { ort, session: created.session, info };
  post({ type: 'loaded', id: request.id, info });
}

async function run(request: Extract<LaneRequest, { type: 'run' }>): Promise<void> {
  if (!loaded) throw new Error('No model loaded in this lane.');
  const { ort, session, info } = loaded;
  const feeds: Record<string, Tensor> = {};
  for (const input of info.inputs) {
    feeds[input.name] = new ort.Tensor('float32', seededFloat32(elementCount(input.dims), request.inputSeed, input.name), input.dims);
  }
  const outputName = info.outputNames[0];
  if (outputName === undefined) throw new Error('The model has no outputs.');
  const latenciesMs: number[] = [];
  let last: Tensor | undefined;
  for (let index = 0; index < request.runs; index++) {
    const started = performance.now();
    const outputs = await session.run(feeds);
    const latencyMs = performance.now() - started;
    latenciesMs.push(latencyMs);
    last = outputs[outputName];
    post({ type: 'tick', id: request.id, index, latencyMs });
  }
  if (!last) throw new Error('Asked for 0 runs: nothing to report.');
  const output = sampleOutput(outputName, last.type, last.dims, last.data);
  post({ type: 'ran', id: request.id, latenciesMs, output }, [output.values.buffer]);
}

async function release(request: Extract<LaneRequest, { type: 'release' }>): Promise<void> {
  const current = loaded;
  loaded = null;
  if (current) await current.session.release();
  await sessions.releaseAll();
  post({ type: 'released', id: request.id });
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
    case 'load':
      return load(request);
    case 'run':
      return run(request);
    case 'release':
      return release(request);
    case 'prepare':
      return post({ type: 'prepared', id: request.id, info: await sessions.prepare(request) });
    case 'dispatch':
      return post({ type: 'dispatched', id: request.id, timing: { ...(await sessions.dispatch(request.key, request.requests)), fromRing: ringMade.has(request) } });
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
