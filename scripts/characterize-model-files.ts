// `npm run characterize -- --model-file PATH [--dims name=N,...]`: each file checked here (it exists), then handed to the page's own path (picker inspection and refusals, Use as tenant: hash, IndexedDB, engine bytes), its dims set in the page's fields.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import type {} from '../src/app/characterize/characterize-browser';
import type { ModelFileArg } from '../src/core/characterize/characterize-args';

/** A problem with the command line or a file it names: one line naming the flag; the command exits with code 2. */
export class UsageError extends Error {}

const shown = (path: string): string => JSON.stringify(path.slice(0, 120));

/** Refuses (UsageError) a `--model-file` that is not a readable regular file, before anything is built. */
export function checkModelFilesExist(files: readonly ModelFileArg[]): void {
  for (const f of files) {
    const isFile = ((): boolean => {
      try {
        return statSync(f.path).isFile();
      } catch {
        return false;
      }
    })();
    if (!isFile) throw new UsageError(`--model-file: expected a readable .onnx file, found none at ${shown(f.path)}`);
  }
}

/** How long the page may take to inspect, hash and keep one file (a large model takes seconds). */
const FILE_TIMEOUT_MS = 120_000;

/**
 * Hands each file to the page as a user would (the file picker, then Use as tenant), sets the sizes its
 * `--dims` chose in the experiment's fields, and returns the `custom:` model ids, in order. A file the
 * page refuses, or a dim it does not have or will not take, is a UsageError naming the flag.
 */
export async function loadModelFiles(page: Page, files: readonly ModelFileArg[]): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) {
    const fileName = basename(f.path);
    await page.getByTestId('file-input').setInputFiles(f.path);
    const report = page.getByTestId('file-report').filter({ hasText: fileName });
    await report.waitFor({ timeout: FILE_TIMEOUT_MS });
    if ((await report.getAttribute('data-ok')) !== 'true') {
      const problems = (await page.getByTestId('file-problems').locator('li').allInnerTexts()).map((p) => p.trim()).filter((p) => p !== '');
      throw new UsageError(`--model-file: expected an .onnx file this page can run, but ${shown(f.path)} cannot run here: ${(problems[0] ?? 'see the file panel').slice(0, 240)}`);
    }
    const before = await page.evaluate(() => window.__characterize?.customModels().length ?? 0);
    await page.getByTestId('use-as-tenant').click();
    const entry = await page.waitForFunction(([name, count]) => {
      const all = window.__characterize?.customModels() ?? [];
      const found = all.length > count || all.some((m) => m.fileName === name) ? [...all].reverse().find((m) => m.fileName === name) : undefined;
      return found !== undefined && found.state !== 'loading' ? { name: found.name, state: found.state, index: all.indexOf(found), dims: found.dims.map((d) => d.name) } : null;
    }, [fileName, before] as const, { timeout: FILE_TIMEOUT_MS }).then((h) => h.jsonValue());
    if (entry === null) throw new UsageError(`--model-file: ${shown(f.path)} did not become a tenant`);
    if (entry.state !== 'ready') throw new UsageError(`--model-file: the page could not keep the bytes of ${shown(f.path)} (state ${entry.state})`);
    for (const d of f.dims) {
      const axis = entry.dims.indexOf(d.name);
      if (axis < 0) {
        throw new UsageError(`--dims: expected a symbolic size of ${fileName} other than the batch (${entry.dims.length === 0 ? 'it has none to choose' : `its sizes: ${entry.dims.join(', ')}`}), got ${JSON.stringify(d.name.slice(0, 40))}`);
      }
      const path = `customModels[${String(entry.index)}].dims[${String(axis)}].size`;
      await page.getByTestId(`field-${path}`).fill(String(d.size));
      const message = (await page.getByTestId(`error-${path}`).innerText().catch(() => '')).trim();
      if (message !== '') throw new UsageError(`--dims: ${d.name}=${String(d.size)}: ${message.slice(0, 200)}`);
      await page.waitForFunction(([i, name, size]) => window.__characterize?.customModels()[i]?.dims.find((x) => x.name === name)?.size === size, [entry.index, d.name, d.size] as const);
    }
    ids.push(`custom:${entry.name}`);
  }
  return ids;
}
