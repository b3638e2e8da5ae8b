// Page object for the lab page: navigation, the idle hook, settings, Run, and readers for device facts and results.
import { expect, type Locator, type Page } from '@playwright/test';
import type {} from '../src/app/lab-test-hook';

/** Settings a test may change before a Run; unset ones keep the page's defaults. */
export interface RunSettings {
  model?: string;
  resolution?: number;
  backend?: 'webgpu' | 'wasm';
  build?: 'webgpu-ep' | 'jsep';
  warmupRuns?: number;
  measuredRuns?: number;
  compareWithWasm?: boolean;
}

export class LabPage {
  constructor(readonly page: Page) {}

  /** Opens the lab and waits until the WebGPU probe has finished. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.waitForFunction(() => window.__lab !== undefined);
    await this.idle();
  }

  /** Waits for the lab's own idle signal (no fixed sleeps). */
  async idle(): Promise<void> {
    await this.page.evaluate(() => window.__lab?.idle());
    await expect(this.page.getByTestId('lab')).toHaveAttribute('data-phase', 'idle');
  }

  testId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async configure(settings: RunSettings): Promise<void> {
    if (settings.model !== undefined) await this.testId('model-select').selectOption(settings.model);
    if (settings.resolution !== undefined) await this.testId('resolution-select').selectOption(String(settings.resolution));
    if (settings.backend !== undefined) await this.testId('backend-select').selectOption(settings.backend);
    if (settings.build !== undefined) await this.testId('build-select').selectOption(settings.build);
    if (settings.warmupRuns !== undefined) await this.testId('warmupRuns-input').fill(String(settings.warmupRuns));
    if (settings.measuredRuns !== undefined) await this.testId('measuredRuns-input').fill(String(settings.measuredRuns));
    if (settings.compareWithWasm !== undefined) await this.testId('compare-check').setChecked(settings.compareWithWasm);
  }

  /** Presses Run and waits until the Run has finished (successfully or not). */
  async run(settings: RunSettings = {}): Promise<void> {
    await this.configure(settings);
    await this.testId('run-button').click();
    await expect(this.testId('lab')).not.toHaveAttribute('data-phase', 'idle');
    await this.idle();
    await expect(this.testId('run-error')).toHaveCount(0);
  }

  /** Per-run latencies (ms) of the newest result, read from the list's data-value attributes. */
  async latenciesMs(): Promise<number[]> {
    const values = await this.testId('latency-run').evaluateAll((items) => items.map((item) => item.getAttribute('data-value')));
    return values.map(Number);
  }

  /** A stat of the newest result in ms (median, p90, min, max, mean, first-run). */
  async statMs(name: string): Promise<number> {
    return Number(await this.testId(`result-${name}`).getAttribute('data-value'));
  }

  /** The limit's numeric value as the device bar shows it. */
  async limit(name: string): Promise<number> {
    return Number(await this.testId(`limit-${name}`).locator('td[data-value]').getAttribute('data-value'));
  }

  /** Hands a file to the bring-your-own picker. */
  async pickFile(name: string, bytes: Uint8Array): Promise<void> {
    await this.testId('file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await expect(this.testId('file-report')).toBeVisible();
  }
}

/** Page object for the experiment editor section: fields by their experiment path, presets, sharing, Simulate. */
export class ExperimentEditor {
  constructor(readonly page: Page) {}

  /** Opens the page (optionally with a URL hash) and waits for the editor. */
  async open(hash = ''): Promise<void> {
    await this.page.goto(`/${hash}`);
    await expect(this.page.getByTestId('experiment')).toBeVisible();
  }

  /** The input or select of a field, by its experiment path, e.g. `tenants[1].sloMs`. */
  field(path: string): Locator {
    return this.page.getByTestId(`field-${path}`);
  }

  /** The message slot next to a field. */
  error(path: string): Locator {
    return this.page.getByTestId(`error-${path}`);
  }

  async preset(id: string): Promise<void> {
    await this.page.getByTestId(`preset-${id}`).click();
    await expect(this.page.getByTestId(`preset-${id}`)).toHaveAttribute('aria-pressed', 'true');
  }

  tenantRows(): Locator {
    return this.page.locator('[data-testid^="tenant-row-"]');
  }

  /** The URL hash without '#'. */
  async hash(): Promise<string> {
    return this.page.evaluate(() => window.location.hash.slice(1));
  }

  /** Presses Simulate and waits for the summary table. */
  async simulate(): Promise<void> {
    await this.page.getByTestId('simulate-button').click();
    await expect(this.page.getByTestId('experiment').locator('[data-sim]')).toHaveAttribute('data-sim', 'done');
    await expect(this.page.getByTestId('sim-summary')).toBeVisible();
  }
}

/** The charts of a run, by test id. */
export const RUN_CHARTS = ['chart-throughput', 'chart-slo', 'chart-latency', 'chart-interference', 'chart-queue', 'chart-timeline'] as const;

/** Short runs for the e2e machine: every input at 32 px, a short warm-up and measured period, few solo profile runs. */
export interface QuickRun {
  readonly backend: 'wasm' | 'webgpu';
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly profileRuns: number;
}

/** Page object for the live run section: settings, Run live, the run's end (no sleeps), charts, summary, files. */
export class RunPanel {
  constructor(readonly page: Page) {}

  testId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Shrinks the loaded experiment for a quick run and sets the engine settings. */
  async quick(settings: QuickRun): Promise<void> {
    await this.testId('all-inputs-32').click();
    await this.testId('field-warmupMs').fill(String(settings.warmupMs));
    await this.testId('field-durationMs').fill(String(settings.durationMs));
    await this.testId('run-backend').selectOption(settings.backend);
    await this.testId('run-profile-runs').fill(String(settings.profileRuns));
  }

  /** Sets every tenant's model to the tiny CNN (a preset's structure, milliseconds per inference on a CPU). */
  async tinyModels(tenants: number): Promise<void> {
    for (let i = 0; i < tenants; i++) await this.testId(`field-tenants[${String(i)}].model`).selectOption('tiny-cnn');
  }

  /** Presses Run live and waits for the section's own end signal (data-run-live turns false). */
  async runToEnd(): Promise<string> {
    await this.testId('run-start').click();
    await expect(this.testId('run')).toHaveAttribute('data-run-live', 'true');
    await expect(this.testId('run')).toHaveAttribute('data-run-live', 'false', { timeout: 240_000 });
    return (await this.testId('run').getAttribute('data-run-phase')) ?? '';
  }

  /** Points each chart has drawn. */
  async chartPoints(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const id of RUN_CHARTS) out[id] = Number(await this.testId(id).getAttribute('data-points'));
    return out;
  }

  /** The completed count of a summary row ('overall' or a tenant id). */
  async completed(row: string): Promise<number> {
    return Number(await this.testId(`run-row-${row}`).getByTestId('run-completed').textContent());
  }

  /** Clicks a button that downloads a file; resolves with the file's path. */
  async download(testId: string): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.testId(testId).click()]);
    return download.path();
  }
}
