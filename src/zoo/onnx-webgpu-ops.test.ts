// Tests for the WebGPU op table: it equals the table onnxruntime-web ships, and which ops fall back to the CPU.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { versionsCover, webGpuFallbackOps, WEBGPU_OP_VERSIONS } from './onnx-webgpu-ops';

const ORT_DIR = new URL('../../node_modules/onnxruntime-web/', import.meta.url);

/** The package's own table: '| Op | ai.onnx(1-10,11+); com.microsoft(1+) | comments |' rows. */
function shippedTable(): Map<string, string> {
  const text = readFileSync(fileURLToPath(new URL('docs/webgpu-operators.md', ORT_DIR)), 'utf8');
  const table = new Map<string, string>();
  for (const line of text.split('\n')) {
    const row = /^\| (\w+) \| ([^|]+) \|/.exec(line);
    if (!row || row[1] === 'Operator') continue;
    for (const part of (row[2] ?? '').split(';')) {
      const m = /([\w.]+)\((.+)\)/.exec(part.trim());
      if (!m || m[1] === 'com.ms.internal.nhwc') continue;
      table.set(m[1] === 'ai.onnx' ? (row[1] as string) : `${m[1] ?? ''}:${row[1] ?? ''}`, m[2] as string);
    }
  }
  return table;
}

describe('WEBGPU_OP_VERSIONS', () => {
  it('equals docs/webgpu-operators.md of the installed onnxruntime-web', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('package.json', ORT_DIR)), 'utf8')) as { version: string };
    expect(pkg.version).toBe('1.30.0');
    expect(new Map(WEBGPU_OP_VERSIONS)).toEqual(shippedTable());
  });
});

describe('versionsCover', () => {
  it.each([
    ['1-10,11+', 13, true],
    ['1-10,11+', 1, true],
    ['6-12,13+', 5, false],
    ['16-19', 19, true],
    ['16-19', 20, false],
    ['11,12,13+', 12, true],
    ['garbage', 13, false],
  ] as const)('%s at opset %d: %s', (versions, opset, covered) => {
    expect(versionsCover(versions, opset)).toBe(covered);
  });
});

describe('webGpuFallbackOps', () => {
  const opset = (v: number) => new Map([['', v]]);
  it('the zoo ops all have kernels at opset 13', () => {
    const ops = ['Conv', 'BatchNormalization', 'Relu', 'Clip', 'Sigmoid', 'Mul', 'Add', 'MaxPool', 'GlobalAveragePool', 'Concat', 'Flatten', 'Gemm', 'Reshape', 'MatMul'];
    expect(webGpuFallbackOps(ops.map((opType) => ({ domain: '', opType })), opset(13))).toEqual([]);
  });

  it('lists each missing op once, sorted, with other domains named', () => {
    const ops = [{ domain: '', opType: 'PRelu' }, { domain: '', opType: 'Conv' }, { domain: '', opType: 'PRelu' }, { domain: 'com.example', opType: 'Fancy' }, { domain: 'ai.onnx', opType: 'Softplus' }];
    expect(webGpuFallbackOps(ops, opset(17))).toEqual(['PRelu', 'Softplus', 'com.example:Fancy']);
  });

  it('an op whose kernels stop before the model opset falls back (GridSample has 16-19)', () => {
    expect(webGpuFallbackOps([{ domain: '', opType: 'GridSample' }], opset(19))).toEqual([]);
    expect(webGpuFallbackOps([{ domain: '', opType: 'GridSample' }], opset(20))).toEqual(['GridSample']);
  });
});
