// Proves the layer rules of eslint.config.js bite: each illegal import fails lint, each legal one passes.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The snippets are not files on disk, so type-aware parsing is switched off for them.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal:' + m.message);
}

describe('layer import rules', () => {
  it.each([
    ['src/core/x.ts', "import { a } from '../runtime/lane';\nexport const b = a;\n"],
    ['src/core/deep/x.ts', "import { a } from '../../ui/App';\nexport const b = a;\n"],
    ['src/core/x.ts', "import * as ort from 'onnxruntime-web';\nexport const b = ort;\n"],
    ['src/zoo/x.ts', "import { a } from '../app/lab';\nexport const b = a;\n"],
    ['src/app/x.ts', "import * as ort from 'onnxruntime-web/webgpu';\nexport const b = ort;\n"],
    ['src/app/x.ts', "import { useState } from 'react';\nexport const b = useState;\n"],
    ['src/app/x.ts', "import uPlot from 'uplot';\nexport const b = uPlot;\n"],
    ['src/ui/x.ts', "import { a } from '../runtime/lane';\nexport const b = a;\n"],
    ['src/runtime/x.ts', "import { a } from '../ui/App';\nexport const b = a;\n"],
    ['src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n"],
    ['src/core/x.ts', "import { a } from '../engine/engine-run';\nexport const b = a;\n"],
    ['src/runtime/x.ts', "import { a } from '../engine/lane-pool';\nexport const b = a;\n"],
    ['src/engine/x.ts', "import { a } from '../app/store';\nexport const b = a;\n"],
    ['src/engine/x.ts', "import { a } from '../ui/App';\nexport const b = a;\n"],
    ['src/engine/x.ts', "import * as ort from 'onnxruntime-web';\nexport const b = ort;\n"],
    ['src/app/x.ts', "import { a } from '../engine/engine-run';\nexport const b = a;\n"],
    ['src/app/run/x.ts', "import { a } from '../../engine/run-setup';\nexport const b = a;\n"],
    ['src/app/x.ts', "import { a } from '../engine';\nexport const b = a;\n"],
    ['src/ui/x.ts', "import { a } from '../engine/engine-client';\nexport const b = a;\n"],
    ['src/ui/run/x.tsx', "import { a } from '../../engine/lane-pool';\nexport const b = a;\n"],
  ])('%s: rejects %j', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['src/core/x.ts', 'export const t = Date.now();\n', 'no-restricted-properties'],
    ['src/core/x.ts', 'export const r = Math.random();\n', 'no-restricted-properties'],
    ['src/zoo/x.ts', 'export const d = new Date();\n', 'no-restricted-syntax'],
    ['src/core/x.ts', 'export const d = document.title;\n', 'no-restricted-globals'],
    ['src/app/x.ts', 'export const g = navigator.gpu;\n', 'no-restricted-properties'],
    ['src/engine/x.ts', 'export const g = navigator.gpu;\n', 'no-restricted-properties'],
  ])('%s: rejects impure code %j', async (file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });

  it.each([
    ['src/app/x.ts', "import { a } from '../runtime/lane';\nexport const b = a;\n"],
    ['src/ui/x.ts', "import { a } from '../app/lab';\nexport const b = a;\n"],
    ['src/runtime/x.ts', "import * as ort from 'onnxruntime-web';\nexport const b = ort;\n"],
    ['src/zoo/x.ts', "import { a } from '../core/units';\nexport const b = a;\n"],
    ['src/engine/x.ts', "import { a } from '../runtime/lane-client';\nexport const b = a;\n"],
    ['src/engine/x.ts', "import { a } from '../zoo/partition';\nexport const b = a;\n"],
    ['src/app/x.ts', "import { a } from '../engine/engine-client';\nexport const b = a;\n"],
    ['src/app/run/x.ts', "import { a } from '../../engine/engine-protocol';\nexport const b = a;\n"],
    ['src/ui/run/x.tsx', "import { a } from '../../engine/engine-protocol';\nexport const b = a;\n"],
  ])('%s: allows %j', async (file, code) => {
    expect(await ruleIds(file, code)).not.toContain('no-restricted-imports');
  });
});
