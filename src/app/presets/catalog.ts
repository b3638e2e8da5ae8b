// The seven presets, each teaching one thing; rates are fractions of measured solo capacity so they port between devices.
import { experiment, tenant, type Preset } from './preset';

/** Every preset, in the order the picker shows them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'mlperf-server',
    title: 'MLPerf-style Server',
    explanation:
      "Requests for one ResNet-50 arrive as a Poisson process at 70% of the device's measured capacity, the way MLPerf LoadGen's Server scenario issues queries, and latency counts from each scheduled arrival. The run passes when p99 stays within the 100 ms bound: raise the rate towards 1.0 and watch p99 climb long before throughput saturates.",
    experiment: experiment('MLPerf-style Server: ResNet-50, Poisson, p99 bound', [
      tenant('server', 'resnet50', 0.7, { queueLimit: 256 }),
    ]),
  },
  {
    id: 'rt-beside-be',
    title: 'Real-time beside best-effort',
    explanation:
      'A real-time ResNet-18 camera stream shares one lane with a best-effort VGG-16 that always has work waiting, so under FCFS every frame queues behind whole VGG-16 inferences (head-of-line blocking). Switch the policy to priority so the camera goes first, then set the granularity to layer blocks so it waits for one block at most instead of a whole inference.',
    experiment: experiment(
      'Real-time ResNet-18 beside a best-effort VGG-16',
      [
        tenant('camera', 'resnet18', 0.2, { sloMs: 50, priority: 'real-time', weight: 2, queueLimit: 16, overflow: 'drop-oldest' }),
        tenant('heavy', 'vgg16', 0, { arrival: { kind: 'closed-loop', outstanding: 2 }, sloMs: 2000 }),
      ],
      { seed: 2 },
    ),
  },
  {
    id: 'veltair-mix',
    title: 'VELTAIR-style light and heavy mix',
    explanation:
      "Two light models with tight SLOs share the GPU with a heavy ResNet-50, as in VELTAIR's mixed workloads, scheduled SLO-aware (earliest deadline first, hopeless requests dropped) in layer blocks. Scale all rates up together and watch each tenant's SLO rate, then compare whole-inference slices and the concurrent lane mode.",
    experiment: experiment(
      'VELTAIR-style mix: two light models and a heavy one, SLO-aware, layer blocks',
      [
        tenant('mobilenet', 'mobilenet_v2', 0.25, { sloMs: 30 }),
        tenant('squeezenet', 'squeezenet1_1', 0.25, { sloMs: 30 }),
        tenant('resnet50', 'resnet50', 0.2, { sloMs: 200 }),
      ],
      { scheduler: { policy: 'slo-aware', granularity: 'layer-blocks', blocks: 4 }, seed: 3 },
    ),
  },
  {
    id: 'igniter-adaptive',
    title: "iGniter's three-tenant mix",
    explanation:
      'Three tenants with different SLOs each get an adaptive batch size, chosen iGniter-style so that one batch fits in half the SLO, under weighted fair sharing with ResNet-50 at twice the weight. Raise one tenant\'s rate and watch its batches grow to absorb the load until the SLO/2 budget caps them, while the GPU share column follows the weights.',
    experiment: experiment(
      'iGniter-style: three tenants, adaptive batching against SLO/2, weighted fair',
      [
        tenant('resnet50', 'resnet50', 0.2, { batch: { kind: 'adaptive', maxBatch: 16 }, sloMs: 100, weight: 2, queueLimit: 128 }),
        tenant('mobilenet', 'mobilenet_v2', 0.3, { batch: { kind: 'adaptive', maxBatch: 32 }, sloMs: 40, queueLimit: 128 }),
        tenant('squeezenet', 'squeezenet1_1', 0.3, { batch: { kind: 'adaptive', maxBatch: 32 }, sloMs: 30, queueLimit: 128 }),
      ],
      { scheduler: { policy: 'weighted-fair', granularity: 'inference' }, seed: 4 },
    ),
  },
  {
    id: 'batching-tradeoff',
    title: 'The batching trade-off',
    explanation:
      'One ResNet-18 tenant runs at 90% of its solo capacity with dynamic batching, starting from a max batch of 1. Raise max batch to 2, 4, 8 and 16: throughput headroom grows as batches share fixed costs, but p99 rises because requests wait for a batch to fill and then run inside a longer one.',
    experiment: experiment(
      'Batching trade-off: ResNet-18 at 90% load, dynamic batching',
      [tenant('stream', 'resnet18', 0.9, { batch: { kind: 'dynamic', maxBatch: 1, maxQueueDelayMs: 10 }, queueLimit: 256 })],
      { seed: 5 },
    ),
  },
  {
    id: 'policy-compare',
    title: 'FCFS vs weighted fair vs EDF',
    explanation:
      'Three tenants with different SLOs and weights offer about 85% of the GPU between them, and the policy starts as first-come first-served. Switch it to weighted fair and then to EDF on the same load: fair sharing splits GPU time by weight, EDF serves the tightest deadlines first.',
    experiment: experiment(
      'FCFS vs weighted fair vs EDF on one load',
      [
        tenant('interactive', 'resnet18', 0.25, { sloMs: 30 }),
        tenant('standard', 'mobilenet_v2', 0.3, { sloMs: 100 }),
        tenant('bulk', 'resnet50', 0.3, { sloMs: 500, weight: 2 }),
      ],
      { seed: 6 },
    ),
  },
  {
    id: 'real-traffic',
    title: 'Real traffic vs Poisson',
    explanation:
      "Two ResNet-18 tenants, each on a lane of its own, offer the same mean load of half the device's capacity: one replays the arrival times of a real production service (the Azure LLM conversation trace of 2023, time-scaled to that rate), the other is Poisson at the same mean rate. Compare their p99: the real trace's bursts queue up behind each other, which a Poisson model of the same load never shows (switch the trace to the code service for on-off traffic, where the gap is far wider).",
    experiment: experiment(
      'Real traffic: an Azure production trace beside Poisson at the same mean rate',
      [
        tenant('trace', 'resnet18', 0.5, { arrival: { kind: 'replay', trace: 'azure-llm-2023-conv', rate: { unit: 'capacity-fraction', value: 0.5 } }, queueLimit: 256 }),
        tenant('poisson', 'resnet18', 0.5, { queueLimit: 256 }),
      ],
      { lanes: { mode: 'concurrent', dispatchDepth: 1 }, seed: 7 },
    ),
  },
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
