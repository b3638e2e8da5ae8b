// The closing note's figures: the VELTAIR-style preset at 32 px on WASM, simulated from this machine's solo profiles and confirmed live.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { withBuiltLab } from './browser-harness';

const PORT = 5193;
/** SLO rate of the live confirmations (CAPACITY_LIVE_SLO_RATE): LoadGen needs 662 samples per probe at 0.99, 64 at 0.9. */
const LIVE_SLO_RATE = process.env.CAPACITY_LIVE_SLO_RATE ?? '0.9';
const LIVE_MAX_PROBES = process.env.CAPACITY_LIVE_MAX_PROBES ?? '5';
const OUT = process.env.CAPACITY_OUT ?? '/tmp/capacity-bench.json';
/** Multiplies every tenant's SLO (CAPACITY_SLO_SCALE, default 1: the preset's own 30/30/200 ms). */
const SLO_SCALE = Number(process.env.CAPACITY_SLO_SCALE ?? '1');
/** Policies confirmed live (CAPACITY_LIVE_POLICIES, comma-separated; default FCFS and the best; empty: none). */
const LIVE_POLICIES = process.env.CAPACITY_LIVE_POLICIES;
const POLICIES = ['fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware'];
const LONG = { timeout: 1_800_000 };

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}`);

const save = (out: Record<string, unknown>): void => writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);

async function runLive(page: Page): Promise<void> {
  await page.getByTestId('run-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.getAttribute('data-run-live') === 'true', null, LONG);
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.getAttribute('data-run-live') === 'false', null, LONG);
}

/** Analyses the editor's experiment at `sloRate` with `policies` (plan on or off); returns the exported JSON. */
async function analyze(page: Page, sloRate: string, policies: readonly string[], plan: boolean): Promise<Record<string, unknown>> {
  const section = page.getByTestId('analysis');
  await page.getByTestId('analysis-slo-rate').fill(sloRate);
  for (const p of POLICIES) await section.getByLabel(p, { exact: true }).setChecked(policies.includes(p));
  await section.getByLabel('plan (iGniter)').setChecked(plan);
  await page.getByTestId('analyze-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=analysis-result]')?.getAttribute('data-status') === 'done', null, LONG);
  return exportJson(page);
}

async function exportJson(page: Page): Promise<Record<string, unknown>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('analysis-json').click()]);
  return JSON.parse(await readFile(await download.path(), 'utf8')) as Record<string, unknown>;
}

async function confirmLive(page: Page): Promise<Record<string, unknown>> {
  await page.getByTestId('live-max-probes').fill(LIVE_MAX_PROBES);
  await page.getByTestId('confirm-live').click();
  await page.waitForFunction(() => ['done', 'failed'].includes(document.querySelector('[data-testid=live-capacity]')?.getAttribute('data-status') ?? ''), null, LONG);
  const text = await page.getByTestId('live-capacity').innerText();
  log(text);
  return exportJson(page);
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = { cpus: cpus().length, loadAtStart: load(), liveSloRate: LIVE_SLO_RATE };
  await withBuiltLab(PORT, async (browser, url) => {
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.getByTestId('preset-veltair-mix').click();
    await page.getByTestId('all-inputs-32').click();
    for (const [i, sloMs] of [30, 30, 200].entries()) await page.getByTestId(`field-tenants[${String(i)}].sloMs`).fill(String(sloMs * SLO_SCALE));
    await page.getByTestId('field-warmupMs').fill('1000');
    await page.getByTestId('field-durationMs').fill('4000');
    await page.getByTestId('run-backend').selectOption('wasm');
    await page.getByTestId('run-profile-runs').fill('30');
    log('run live: solo profiles of the preset at 32 px on WASM');
    await runLive(page);
    const [runFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('run-export-json').click()]);
    const record = JSON.parse(await readFile(await runFile.path(), 'utf8')) as { soloProfiles: { modelKey: string; medianMs: number; p99Ms: number }[] };
    out.sloScale = SLO_SCALE;
    out.soloProfiles = record.soloProfiles.map((p) => ({ modelKey: p.modelKey, medianMs: p.medianMs, p99Ms: p.p99Ms }));
    log(`solo profiles: ${JSON.stringify(out.soloProfiles)}`);
    save(out);

    log('analyze at 0.99: every policy, the plan');
    const full = await analyze(page, '0.99', POLICIES, true);
    out.simulated = full;
    type Row = { label: string; variant: { policy: string; blocks: number | null; laneMode: string }; gainOverFcfs: number | null; capacity: { holdsFactor: number | null; failsFactor: number | null; totalAtHoldsPerSec: number | null } };
    const rows = (full.comparison as { rows: Row[] }).rows;
    for (const r of rows) log(`sim 0.99 ${r.label}: holds ${String(r.capacity.holdsFactor)} fails ${String(r.capacity.failsFactor)} (${String(r.capacity.totalAtHoldsPerSec)} req/s), gain ${String(r.gainOverFcfs)}`);
    const cost = full.cost as { savingPercent: number | null; limitingTenant: string | null };
    log(`cost saving ${String(cost.savingPercent)}% (limiting ${String(cost.limitingTenant)}); source ${String(full.serviceTimeSource)}`);

    // The preset's granularity (4 layer blocks) on one time-sliced lane; only the policy changes.
    const blockRows = rows.filter((r) => r.variant.blocks !== null && r.variant.laneMode === 'time-sliced');
    const best = [...blockRows].sort((a, b) => (b.capacity.holdsFactor ?? 0) - (a.capacity.holdsFactor ?? 0))[0]?.variant.policy ?? 'slo-aware';
    out.bestPolicy = best;
    save(out);
    out.live = {};
    const livePolicies = LIVE_POLICIES === undefined ? [...new Set(['fcfs', best])] : LIVE_POLICIES.split(',').filter((p) => p !== '');
    for (const policy of livePolicies) {
      await page.getByTestId('field-scheduler.policy').selectOption(policy);
      log(`analyze ${policy} at ${LIVE_SLO_RATE}, then Confirm live`);
      await analyze(page, LIVE_SLO_RATE, [policy], false);
      (out.live as Record<string, unknown>)[policy] = (await confirmLive(page)).liveCapacity;
      save(out);
    }

    const plan = full.plan as { plan: { label: string } | null } | null;
    if (plan?.plan != null) {
      await page.getByTestId('field-scheduler.policy').selectOption('slo-aware');
      log(`plan: ${plan.plan.label}; analyze again, Apply, Run live`);
      await analyze(page, '0.99', ['fcfs'], true);
      await page.getByTestId('apply-plan').click();
      await runLive(page);
      out.planCheck = await page.getByTestId('plan-check').innerText().catch(() => 'no plan check shown');
      log(String(out.planCheck));
    }
  });
  out.loadAtEnd = load();
  save(out);
  log(`wrote ${OUT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
