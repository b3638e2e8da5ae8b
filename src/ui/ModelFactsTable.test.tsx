// Render test of ModelFactsTable (static markup): the figures, the MACs label with its sizes, lower bound and WebGPU coverage lines.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { coverageLabel, ModelFactsTable } from './ModelFactsTable';
import type { ModelFacts } from '../zoo/model-facts';

const FACTS: ModelFacts = {
  parameters: 11_689_512,
  initializerElements: 11_699_132,
  weightBytes: 46_796_528,
  macs: 1_814_073_344,
  macsLowerBound: false,
  unknownMacNodes: [],
  unknownMacNodeCount: 0,
  dims: [['batch', 1]],
  inputs: [{ name: 'input', dims: [1, 3, 224, 224] }],
  nodeCount: 69,
  opHistogram: [
    { op: 'ai.onnx:BatchNormalization', count: 20 },
    { op: 'ai.onnx:Conv', count: 20 },
    { op: 'ai.onnx:Relu', count: 17 },
    { op: 'ai.onnx:Add', count: 8 },
    { op: 'ai.onnx:Flatten', count: 1 },
    { op: 'ai.onnx:Gemm', count: 1 },
  ],
  largestTensor: { name: 'conv1:out', dims: [1, 64, 112, 112], bytes: 3_211_264 },
  opsets: [{ domain: 'ai.onnx', version: 13 }],
  irVersion: 8,
  producer: 'tenancy-lab zoo',
  webGpuCoverage: { source: 'onnxruntime-web 1.30.0', cpuOps: [], cpuNodeCount: 0 },
};

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");

describe('ModelFactsTable', () => {
  it('shows the figures, the sizes the MACs were computed at, the top ops and that every op runs on the GPU', () => {
    const shown = text(renderToStaticMarkup(<ModelFactsTable facts={FACTS} />));
    expect(shown).toContain('Model facts (computed from the graph, not measured)');
    expect(shown).toContain('11.7 M');
    expect(shown).toContain('1.81 G at batch 1');
    expect(shown).toContain('46.8 MB');
    expect(shown).toContain('conv1:out [1, 64, 112, 112] 3.2 MB');
    expect(shown).toContain('ai.onnx 13 · IR 8 · tenancy-lab zoo');
    expect(shown).toContain('69 nodes: BatchNormalization ×20, Conv ×20, Relu ×17, Add ×8, Flatten ×1');
    expect(shown).toContain('all 6 op types');
    expect(shown).toContain('every op runs on the GPU');
  });

  it('labels a lower bound and names the nodes with unknown shapes', () => {
    const shown = text(renderToStaticMarkup(<ModelFactsTable facts={{ ...FACTS, macsLowerBound: true, unknownMacNodes: ['head'], unknownMacNodeCount: 1 }} />));
    expect(shown).toContain('≥ 1.81 G');
    expect(shown).toContain('a lower bound: 1 node with unknown shapes (head) not counted');
  });

  it.each([
    [[], 0, 'every op runs on the GPU'],
    [['PRelu'], 3, '1 op (3 nodes) falls back to the CPU: PRelu; timings then include CPU work'],
    [['NonMaxSuppression', 'TopK'], 2, '2 ops (2 nodes) fall back to the CPU: NonMaxSuppression, TopK; timings then include CPU work'],
  ] as const)('coverage %j', (cpuOps, cpuNodeCount, line) => {
    expect(coverageLabel({ source: 's', cpuOps, cpuNodeCount })).toBe(line);
  });
});
