// A plan as a Triton Inference Server model repository: config.pbtxt per tenant, perf_analyzer commands, a README.
import { assertUnreachable } from '../assert';
import { dimsLabel } from '../experiment/custom-model-schema';
import { customEntryOf } from '../experiment/custom-settings';
import type { ConfigIssue } from '../experiment/parse';
import type { Experiment, Tenant } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { minSamplesForQuantile } from '../metrics/min-samples';
import { createRng } from '../rng';
import { createServiceTimeModel } from '../sim/service-time';
import { baseRatesPerSec } from './scale-load';

/** A model's tensors as Triton declares them (dims without the batch dimension). */
export interface ModelIo {
  readonly inputName: string;
  readonly inputDims: readonly number[];
  readonly outputName: string;
  readonly outputDims: readonly number[];
}

/** One file of the repository, by its path inside it. */
export interface RepositoryFile {
  readonly path: string;
  readonly text: string;
}

/** Rate-limiter priority of a best-effort tenant under the priority policy (1 = most scheduling chances). */
const BEST_EFFORT_PRIORITY = 10;

/** Settings of the export. */
export interface TritonOptions {
  /** SLO rate the perf_analyzer percentile and sample counts follow (0.99: p99, 662 requests). */
  readonly sloRate: number;
  /** The tensors of a tenant's model, or null to let Triton's onnxruntime backend fill them in (auto-complete). */
  readonly io: (tenant: Tenant) => ModelIo | null;
  /** What the repository is, for its README (e.g. "the planner's plan for ..."). */
  readonly description: string;
}

/** Triton batching of a tenant: the largest batch and the longest wait, µs. */
function batchingOf(tenant: Tenant, serviceModel: ServiceModel | undefined): { readonly maxBatch: number; readonly delayUs: number } {
  const b = tenant.batch;
  switch (b.kind) {
    case 'none':
      return { maxBatch: 1, delayUs: 0 };
    case 'dynamic':
      return { maxBatch: b.maxBatch, delayUs: Math.round(b.maxQueueDelayMs * 1000) };
    case 'adaptive': {
      // iGniter: the largest batch whose service time fits in SLO/2; the oldest request waits out the rest of SLO/2.
      const spec = serviceModel?.byModel[tenant.model];
      if (spec === undefined) return { maxBatch: b.maxBatch, delayUs: Math.round((tenant.sloMs / 2) * 1000) };
      const model = createServiceTimeModel(spec, createRng(0));
      let best = 1;
      for (let k = 1; k <= b.maxBatch; k++) if (model.medianMs(k) <= tenant.sloMs / 2) best = k;
      return { maxBatch: best, delayUs: Math.round(Math.max(0, tenant.sloMs / 2 - model.medianMs(best)) * 1000) };
    }
    default:
      return assertUnreachable(b);
  }
}

/** Rate-limiter priority: strict under `priority`, inverse weight under `weighted-fair`, else equal. */
function priorityOf(experiment: Experiment, tenant: Tenant): number {
  switch (experiment.scheduler.policy) {
    case 'priority':
      return tenant.priority === 'real-time' ? 1 : BEST_EFFORT_PRIORITY;
    case 'weighted-fair': {
      const heaviest = Math.max(...experiment.tenants.map((t) => t.weight));
      return Math.max(1, Math.round(heaviest / tenant.weight));
    }
    default:
      return 1;
  }
}

const list = (xs: readonly number[]): string => `[ ${xs.map(String).join(', ')} ]`;

/** The config.pbtxt of one tenant (protobuf text format of Triton's ModelConfig). */
export function tenantConfig(experiment: Experiment, tenant: Tenant, io: ModelIo | null, serviceModel: ServiceModel | undefined): string {
  const { maxBatch, delayUs } = batchingOf(tenant, serviceModel);
  const realTime = tenant.priority === 'real-time' || experiment.scheduler.policy === 'slo-aware';
  const timeSliced = experiment.lanes.mode === 'time-sliced';
  const priority = priorityOf(experiment, tenant);
  const lines = [`name: "${tenant.id}"`, 'platform: "onnxruntime_onnx"', `max_batch_size: ${String(maxBatch)}`];
  if (io !== null) {
    lines.push(
      `input [`, `  {`, `    name: "${io.inputName}"`, `    data_type: TYPE_FP32`, `    dims: ${list(io.inputDims)}`, `  }`, `]`,
      `output [`, `  {`, `    name: "${io.outputName}"`, `    data_type: TYPE_FP32`, `    dims: ${list(io.outputDims)}`, `  }`, `]`,
    );
  }
  lines.push('instance_group [', '  {', '    count: 1', '    kind: KIND_GPU');
  if (timeSliced || priority !== 1) {
    lines.push('    rate_limiter {');
    // One global "lane" resource of count 1: one model executes at a time, like the lab's time-sliced lane.
    if (timeSliced) lines.push('      resources [', '        {', '          name: "lane"', '          global: true', '          count: 1', '        }', '      ]');
    lines.push(`      priority: ${String(priority)}`, '    }');
  }
  lines.push('  }', ']', 'dynamic_batching {');
  if (maxBatch > 1) lines.push(`  preferred_batch_size: ${list([maxBatch])}`);
  lines.push(`  max_queue_delay_microseconds: ${String(delayUs)}`);
  if (realTime) lines.push('  priority_levels: 2', '  default_priority_level: 1');
  lines.push('  default_queue_policy {');
  // A real-time request that cannot meet its SLO is rejected rather than served late (the lab's slo-aware drop).
  if (realTime) lines.push('    timeout_action: REJECT', `    default_timeout_microseconds: ${String(Math.round(tenant.sloMs * 1000))}`, '    allow_timeout_override: false');
  lines.push(`    max_queue_size: ${String(tenant.queueLimit)}`, '  }', '}');
  return `${lines.join('\n')}\n`;
}

/** One perf_analyzer command that reproduces a tenant's load (open loop: request rate; closed loop: concurrency). */
export function perfAnalyzerCommand(tenant: Tenant, ratePerSec: number | null, sloRate: number): string {
  const percentile = Math.min(99, Math.max(1, Math.round(sloRate * 100)));
  const samples = minSamplesForQuantile(percentile / 100);
  const common = `perf_analyzer -m ${tenant.id} -b 1 --percentile=${String(percentile)} --latency-threshold=${String(tenant.sloMs)} --measurement-mode=count_windows --measurement-request-count=${String(samples)}`;
  const a = tenant.arrival;
  if (a.kind === 'closed-loop') return `${common} --concurrency-range=${String(a.outstanding)}`;
  const rate = Number((ratePerSec ?? 0).toPrecision(6));
  const distribution = a.kind === 'constant' ? 'constant' : 'poisson';
  const note = a.kind === 'poisson' || a.kind === 'constant' ? '' : `  # approximates the ${a.kind} process by Poisson at its mean rate`;
  return `${common} --request-rate-range=${String(rate)} --request-distribution=${distribution}${note}`;
}

/**
 * The repository for an experiment (a plan): `<tenant>/config.pbtxt` per tenant (each tenant its own
 * Triton model, since batching and queue policy are per model), `perf_analyzer.sh` with one command per
 * tenant, and a README saying how to add the ONNX files and start the server. Capacity-fraction rates
 * need a service model to become req/s; without one each such tenant is an issue naming its rate.
 */
export function tritonRepository(
  experiment: Experiment,
  serviceModel: ServiceModel | undefined,
  options: TritonOptions,
): { readonly ok: true; readonly files: readonly RepositoryFile[] } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const rates = serviceModel === undefined ? null : baseRatesPerSec(experiment, serviceModel);
  const commands = experiment.tenants.map((tenant, i) => {
    const a = tenant.arrival;
    let rate: number | null = rates?.get(tenant.id) ?? null;
    if (rates === null && (a.kind === 'poisson' || a.kind === 'constant' || a.kind === 'gamma' || a.kind === 'replay')) {
      if (a.rate.unit === 'per-sec') rate = a.rate.value;
      else issues.push({ path: `tenants[${String(i)}].arrival.rate`, message: 'a capacity fraction needs service times to become req/s for perf_analyzer' });
    } else if (rates === null && (a.kind === 'mmpp' || a.kind === 'trace')) {
      issues.push({ path: `tenants[${String(i)}].arrival`, message: `a ${a.kind} rate needs service times to become req/s for perf_analyzer` });
    }
    return perfAnalyzerCommand(tenant, rate, options.sloRate);
  });
  if (issues.length > 0) return { ok: false, issues };
  const files: RepositoryFile[] = experiment.tenants.map((t) => ({ path: `${t.id}/config.pbtxt`, text: tenantConfig(experiment, t, options.io(t), serviceModel) }));
  files.push({ path: 'perf_analyzer.sh', text: `#!/bin/sh\n# One command per tenant; run them at the same time (one shell each) to reproduce the mix.\n${commands.join('\n')}\n` });
  const fetch = experiment.tenants.map((t) => {
    const custom = customEntryOf(experiment, t.model);
    // A user's own model: its file, not a zoo build (its symbolic sizes need perf_analyzer's --shape).
    if (custom !== undefined) return `mkdir -p ${t.id}/1 && cp '${custom.fileName.replace(/[\r\n]/g, '?').replace(/'/g, "'\\''")}' ${t.id}/1/model.onnx  # your file: ${String(custom.byteLength)} bytes, sha256 ${custom.sha256}; chosen sizes ${dimsLabel(custom) || 'none'}`;
    return `npm run models -- --out onnx-${String(t.resolution)} --models ${t.model} --resolution ${String(t.resolution)} && mkdir -p ${t.id}/1 && cp onnx-${String(t.resolution)}/${t.model}.onnx ${t.id}/1/model.onnx`;
  });
  files.push({
    path: 'README.md',
    text: [
      `# Triton model repository: ${options.description}`,
      '',
      'Exported by Tenancy Lab. One Triton model per tenant (batching and queue policy are per model in Triton).',
      '',
      'The ONNX files are not included (they are generated, not downloaded): from a Tenancy Lab checkout, in this folder, run',
      '',
      '```sh',
      ...fetch,
      '```',
      '',
      experiment.lanes.mode === 'time-sliced'
        ? 'The lab ran one time-sliced lane: each model instance takes the global rate-limiter resource `lane` (count 1), so only one model executes at a time. Start the server with `tritonserver --model-repository=. --rate-limit=execution_count`.'
        : 'The lab ran one lane per tenant (concurrent): Triton runs the models concurrently. Start the server with `tritonserver --model-repository=.` (add `--rate-limit=execution_count` for the priorities).',
      '',
      experiment.scheduler.granularity === 'layer-blocks'
        ? `The plan slices inferences into ${String(experiment.scheduler.blocks)} layer blocks; Triton has no equivalent (a model runs whole), so a real-time request may wait for a whole inference of another model here.`
        : 'The plan runs whole inferences, as Triton does.',
      '',
      'Real-time (and slo-aware) tenants get two priority levels and a queue policy that rejects a request once it has waited its SLO; `rate_limiter.priority` orders models (1 = most scheduling chances). Then run `sh perf_analyzer.sh`.',
      '',
    ].join('\n'),
  });
  return { ok: true, files };
}
