// The Triton model repository of a plan as a zip (fflate), with the zoo models' tensors.
import { strToU8, zipSync } from 'fflate';
import { tritonRepository, type ModelIo } from '../../core/analysis/triton-export';
import type { ConfigIssue, Experiment, ServiceModel, Tenant } from '../../core/experiment';
import { describeModel, isModelId } from '../../zoo';

/** A zoo model's tensors for Triton (dims without the batch dimension); null for a custom model (Triton fills them in). */
export function zooModelIo(tenant: Pick<Tenant, 'model' | 'resolution'>): ModelIo | null {
  if (!isModelId(tenant.model)) return null;
  const meta = describeModel(tenant.model, { resolution: tenant.resolution });
  return { inputName: meta.inputName, inputDims: meta.inputShape.slice(1).map(Number), outputName: meta.outputName, outputDims: meta.outputShape.slice(1).map(Number) };
}

/** The zip's bytes (every file under `triton/`), or the issues that stop the export, by field. `serviceModel`: the analysis's service times (rates, adaptive batches). */
export function tritonZip(
  experiment: Experiment,
  serviceModel: ServiceModel | undefined,
  sloRate: number,
  description: string,
): { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const repo = tritonRepository(experiment, serviceModel, { sloRate, io: zooModelIo, description });
  if (!repo.ok) return repo;
  return { ok: true, bytes: zipSync(Object.fromEntries(repo.files.map((f) => [`triton/${f.path}`, strToU8(f.text)]))) };
}
