// A compact table of a model's facts (parameters, MACs at the chosen sizes, weights, largest tensor, opsets, ops, WebGPU coverage).
import type { ModelFacts } from '../zoo/model-facts';
import { formatBytes, formatCount, formatShape } from './format';

/** Ops shown in the table row before the details element lists them all. */
const TOP_OPS = 5;

/** 'Conv' for the default domain, 'com.microsoft:FusedConv' otherwise. */
const opLabel = (op: string): string => (op.startsWith('ai.onnx:') ? op.slice('ai.onnx:'.length) : op);

/** "batch 1, H 224, W 224"; "the sizes in the file" when no symbolic size was filled. */
export function dimsLabel(dims: ModelFacts['dims']): string {
  return dims.length === 0 ? 'the sizes in the file' : dims.map(([name, size]) => `${name} ${String(size)}`).join(', ');
}

/** The WebGPU coverage line: every op on the GPU, or which ops ORT runs on the CPU instead. */
export function coverageLabel(coverage: ModelFacts['webGpuCoverage']): string {
  const ops = coverage.cpuOps;
  if (ops.length === 0) return 'every op runs on the GPU';
  const nodes = `${String(coverage.cpuNodeCount)} node${coverage.cpuNodeCount === 1 ? '' : 's'}`;
  return `${String(ops.length)} ${ops.length === 1 ? 'op' : 'ops'} (${nodes}) ${ops.length === 1 ? 'falls' : 'fall'} back to the CPU: ${ops.join(', ')}; timings then include CPU work`;
}

/** MACs as read: '1.82 G', or '≥ 1.82 G' when some nodes had unknown shapes. */
export function macsLabel(facts: ModelFacts): string {
  return `${facts.macsLowerBound ? '≥ ' : ''}${formatCount(facts.macs)}`;
}

/** Shows a ModelFacts; every figure is computed from the graph, none is measured. */
export function ModelFactsTable({ facts }: { facts: ModelFacts }) {
  const top = facts.opHistogram.slice(0, TOP_OPS);
  const largest = facts.largestTensor;
  const unknown = facts.unknownMacNodeCount;
  return (
    <table className="tensors model-facts" data-testid="model-facts">
      <caption>Model facts (computed from the graph, not measured)</caption>
      <tbody>
        <tr>
          <th scope="row">Parameters</th>
          <td data-testid="facts-params">{formatCount(facts.parameters)} <span className="muted">({formatCount(facts.initializerElements)} initializer elements)</span></td>
        </tr>
        <tr>
          <th scope="row">MACs</th>
          <td data-testid="facts-macs">
            {macsLabel(facts)} <span className="muted">at {dimsLabel(facts.dims)}; Conv, ConvTranspose, Gemm and MatMul</span>
            {unknown > 0 && (
              <span className="muted" data-testid="facts-macs-unknown">
                {' '}— a lower bound: {String(unknown)} node{unknown === 1 ? '' : 's'} with unknown shapes ({facts.unknownMacNodes.join(', ')}{unknown > facts.unknownMacNodes.length ? ', …' : ''}) not counted
              </span>
            )}
          </td>
        </tr>
        <tr>
          <th scope="row">Weights</th>
          <td data-testid="facts-weights">{formatBytes(facts.weightBytes)}</td>
        </tr>
        <tr>
          <th scope="row">Largest tensor</th>
          <td data-testid="facts-largest">
            {largest ? (<><code>{largest.name}</code> <code>{formatShape(largest.dims)}</code> {formatBytes(largest.bytes)}</>) : 'unknown (no tensor with known sizes)'}
          </td>
        </tr>
        <tr>
          <th scope="row">Format</th>
          <td data-testid="facts-format">
            {facts.opsets.map((o) => `${o.domain} ${String(o.version)}`).join(', ') || 'no opset'} · IR {String(facts.irVersion)}
            {facts.producer && <> · {facts.producer}</>}
          </td>
        </tr>
        <tr>
          <th scope="row">Ops</th>
          <td data-testid="facts-ops">
            {String(facts.nodeCount)} nodes: {top.map((h) => `${opLabel(h.op)} ×${String(h.count)}`).join(', ')}
            {facts.opHistogram.length > TOP_OPS && (
              <details>
                <summary>all {String(facts.opHistogram.length)} op types</summary>
                <ul>{facts.opHistogram.map((h) => <li key={h.op}><code>{h.op}</code> ×{String(h.count)}</li>)}</ul>
              </details>
            )}
          </td>
        </tr>
        <tr>
          <th scope="row">WebGPU</th>
          <td data-testid="facts-webgpu" data-cpu-ops={facts.webGpuCoverage.cpuOps.length} title={`Source: ${facts.webGpuCoverage.source}`}>
            {coverageLabel(facts.webGpuCoverage)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
