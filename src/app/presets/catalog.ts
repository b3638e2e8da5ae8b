// The seven presets, each teaching one thing; rates are fractions of measured solo capacity so they port between devices.
import { experiment, tenant, type Preset } from './preset';

/**
 * Where real-traffic's replay of the code trace starts, s into the trace, which is where the measured window begins:
 * in a quiet spell (no arrival from 40 s to 180 s), before its first bursts (29 requests at 180-190 s, then 124 within
 * half a second at 195.3 s, more from 201 s). The replay is scaled to bring its rate over the measured window, so the
 * window holds about Poisson's arrivals, bunched into its second half (real-traffic.test.ts: the trace's p99 over 2x
 * Poisson's at 1-35 req/s). Started at 193 s instead, at 9 req/s the window-matched scale stretched the burst to
 * ~25 req/s over 5 s, no burst at all.
 */
export const REAL_TRAFFIC_START_S = 150;

/** Every preset, in the order the picker shows them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'mlperf-server',
    title: 'MLPerf-style Server',
    explanation:
      "Requests for one MobileNetV2 arrive as a Poisson process at 60% of the device's measured capacity, the way MLPerf LoadGen's Server scenario issues queries, for 15 s, with latency counted from each scheduled arrival (p99 rests on LoadGen's 662 samples wherever that rate is 45 req/s or more, as on this CPU at 32 px; with fewer the page shows LoadGen's early-stopping estimate, stated as such). The run passes when p99 stays within the 100 ms bound: raise the rate towards 1.0 and watch p99 climb long before throughput saturates.",
    experiment: experiment('MLPerf-style Server: MobileNetV2, Poisson, p99 bound', [
      tenant('server', 'mobilenet_v2', 0.6, { queueLimit: 256 }),
    ]),
  },
  {
    id: 'rt-beside-be',
    title: 'Real-time beside best-effort',
    explanation:
      'A real-time ResNet-18 camera stream (frames at a fixed rate) shares one lane with a best-effort VGG-16 on frames of twice the side that always has work waiting, so under FCFS every frame queues behind whole VGG-16 inferences (head-of-line blocking). Switch the policy to priority so the camera goes first, then set the granularity to layer blocks so it waits for one block at most instead of a whole inference.',
    experiment: experiment(
      'Real-time ResNet-18 beside a best-effort VGG-16',
      [
        // A camera's frames come at a fixed rate: with Poisson arrivals at 30%, the camera's own bursts (six frames within
        // 90 ms) set its p99 under priority and in blocks alike, and hid what blocks change (104.3 -> 108.2 ms in one run).
        tenant('camera', 'resnet18', 0.3, { arrival: { kind: 'constant', rate: { unit: 'capacity-fraction', value: 0.3 } }, sloMs: 150, priority: 'real-time', weight: 2, queueLimit: 16, overflow: 'drop-oldest' }),
        // At twice the camera's side (a fit to a slow device keeps the ratio: 32 and 64 px on WASM), a VGG-16 inference is
        // ~8x a camera frame, and one of its blocks ~2x: at the same side (~50 ms whole, ~20 ms a block at 32 px) the wait
        // blocks save was about this CPU's own stalls (p99 79-115 ms under priority, 66-116 ms in blocks, over 3 and 6 runs).
        tenant('heavy', 'vgg16', 0, { arrival: { kind: 'closed-loop', outstanding: 2 }, sloMs: 2000, resolution: 448 }),
      ],
      { seed: 2 },
    ),
  },
  {
    id: 'veltair-mix',
    title: 'VELTAIR-style light and heavy mix',
    explanation:
      "Two light models at 5% of capacity each share the GPU with a heavy ResNet-50 that always has a request waiting, as in VELTAIR's mixed workloads, scheduled SLO-aware (earliest deadline first, hopeless requests dropped) in layer blocks of equal time measured on this device, with each slice's next block handed to the lane while the current one runs (dispatch depth 2). Compare whole-inference slices, where a light request waits behind a whole ResNet-50, with layer blocks, where it waits for one block, then try the concurrent lane mode and scale all rates up together while watching each tenant's SLO rate.",
    experiment: experiment(
      'VELTAIR-style mix: two light models and a heavy one, SLO-aware, layer blocks',
      [
        // Light at 5% each: at 32 px on WASM SqueezeNet runs in ~2 ms, so at 20% (~100 req/s, four blocks each) the
        // lane's time went to dispatching blocks and its p99 rose in blocks (94.6 -> 141 ms); at 5%: 57.8 -> 27.3 ms.
        tenant('mobilenet', 'mobilenet_v2', 0.05, { sloMs: 300 }),
        tenant('squeezenet', 'squeezenet1_1', 0.05, { sloMs: 300 }),
        tenant('resnet50', 'resnet50', 0, { arrival: { kind: 'closed-loop', outstanding: 1 }, sloMs: 2000 }),
      ],
      // Blocks of equal measured time: by MACs, ResNet-50's last block took 45-60% of its time at 32 px on WASM
      // (late layers are small in MACs but heavy in weights), so a light request waited up to half a ResNet-50.
      // Dispatch depth 2: the lane gets a slice's next block while the current one runs, so a light model's four blocks
      // cost no round trip each (at 32 px on WASM SqueezeNet runs in about as long as a round trip takes); a light request
      // then waits for up to two blocks of ResNet-50 instead of two whole ResNet-50s (depth 1 in blocks: its p99 rose).
      { scheduler: { policy: 'slo-aware', granularity: 'layer-blocks', blocks: 4, blockBalance: 'measured' }, lanes: { mode: 'time-sliced', dispatchDepth: 2 }, seed: 3 },
    ),
  },
  {
    id: 'igniter-adaptive',
    title: "iGniter's three-tenant mix",
    explanation:
      'Three tenants with different SLOs each get an adaptive batch size, chosen iGniter-style so that one batch fits in half the SLO, under weighted fair sharing with ResNet-50 at twice the weight. Raise one tenant\'s rate and watch its throughput follow while its batches grow to absorb the load until the SLO/2 budget caps them, and the GPU share column follows the weights.',
    experiment: experiment(
      'iGniter-style: three tenants, adaptive batching against SLO/2, weighted fair',
      [
        tenant('resnet50', 'resnet50', 0.15, { batch: { kind: 'adaptive', maxBatch: 8 }, sloMs: 1000, weight: 2, queueLimit: 128 }),
        tenant('mobilenet', 'mobilenet_v2', 0.2, { batch: { kind: 'adaptive', maxBatch: 8 }, sloMs: 300, queueLimit: 128 }),
        tenant('squeezenet', 'squeezenet1_1', 0.2, { batch: { kind: 'adaptive', maxBatch: 8 }, sloMs: 200, queueLimit: 128 }),
      ],
      { scheduler: { policy: 'weighted-fair', granularity: 'inference' }, seed: 4 },
    ),
  },
  {
    id: 'batching-tradeoff',
    title: 'The batching trade-off',
    explanation:
      'One ResNet-18 tenant offers twice what it can serve one request at a time, with dynamic batching starting from a max batch of 1, so its queue fills and requests are dropped. Raise max batch to 2, 4 and 8: on a GPU each run serves several requests for little more than the cost of one, so throughput climbs towards the offered rate (on a CPU, where a batch costs nearly as much as its requests run one by one, it saves only the fixed overhead of each run and gains little), while each request now waits for its batch to fill and then runs inside a longer run.',
    experiment: experiment(
      'Batching trade-off: ResNet-18 at twice its batch-1 capacity, dynamic batching',
      [tenant('stream', 'resnet18', 2, { batch: { kind: 'dynamic', maxBatch: 1, maxQueueDelayMs: 10 }, sloMs: 500, queueLimit: 32 })],
      { seed: 5 },
    ),
  },
  {
    id: 'policy-compare',
    title: 'FCFS vs weighted fair vs EDF',
    explanation:
      'Two interactive tenants with tight SLOs share one lane with a bulk ResNet-50 job that always has four requests waiting, and the policy starts as first-come first-served, so every interactive request queues behind the bulk work. Switch it to weighted fair and then to EDF on the same load: fair sharing splits the lane by weight, EDF serves the tightest deadlines first and the interactive p99 drops to about one bulk inference.',
    experiment: experiment(
      'FCFS vs weighted fair vs EDF on one load',
      [
        tenant('interactive', 'resnet18', 0.2, { sloMs: 300 }),
        tenant('standard', 'mobilenet_v2', 0.2, { sloMs: 600 }),
        tenant('bulk', 'resnet50', 0, { arrival: { kind: 'closed-loop', outstanding: 4 }, sloMs: 5000, weight: 2 }),
      ],
      { seed: 6 },
    ),
  },
  {
    id: 'real-traffic',
    title: 'Real traffic vs Poisson',
    explanation:
      "Two ResNet-18 tenants, each on a lane of its own, offer the same mean load of 30% of the device's capacity: one replays the arrival times of a real production service (the Azure LLM code-completion trace of 2023, on-off traffic, time-scaled to that rate over the run, from 150 s into the trace: a quiet spell, then its first bursts), the other is Poisson at the same mean rate. Compare their p99: the real trace's bursts, up to a hundred requests within milliseconds, queue up behind each other, which a Poisson model of the same load never shows (switch the trace to the conversation service, barely burstier than Poisson, and the gap nearly closes).",
    experiment: experiment(
      'Real traffic: an Azure production trace beside Poisson at the same mean rate',
      [
        tenant('trace', 'resnet18', 0.3, { arrival: { kind: 'replay', trace: 'azure-llm-2023-code', rate: { unit: 'capacity-fraction', value: 0.3 }, startAtS: REAL_TRAFFIC_START_S }, queueLimit: 256 }),
        tenant('poisson', 'resnet18', 0.3, { queueLimit: 256 }),
      ],
      { lanes: { mode: 'concurrent', dispatchDepth: 1 }, seed: 7 },
    ),
  },
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
