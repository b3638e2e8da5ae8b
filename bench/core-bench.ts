// Benchmarks of the pure engine (not timed tests): scheduler decision cost and simulator speed.
import { cpus, loadavg } from 'node:os';
import { hrtime } from 'node:process';
import { createRng } from '../src/core/rng';
import { ms } from '../src/core/units';
import { NO_BATCHING } from '../src/core/batching/batch-plan';
import { createScheduler } from '../src/core/scheduler/scheduler';
import type { AdmissionKind, PolicyKind, SchedRequest, TenantSchedConfig } from '../src/core/scheduler/types';
import { SCHEMA_VERSION, type Experiment } from '../src/core/experiment/schema';
import { planSimulation } from '../src/core/sim/plan';
import { runSimulation } from '../src/core/sim/simulator';
import { simulateExperiment } from '../src/core/sim/simulate-experiment';

const DECISION_TARGET_NS = 5000;
const SIM_TARGET_PER_SEC = 1_000_000;
const POLICIES: { name: string; policy: PolicyKind; admission: AdmissionKind }[] = [
  { name: 'fcfs', policy: 'fcfs', admission: 'none' },
  { name: 'round-robin', policy: 'round-robin', admission: 'none' },
  { name: 'weighted-fair', policy: 'weighted-fair', admission: 'none' },
  { name: 'edf', policy: 'edf', admission: 'none' },
  { name: 'priority', policy: 'priority', admission: 'none' },
  { name: 'slo-aware', policy: 'edf', admission: 'slo-aware' },
];

const quantile = (sorted: Float64Array, q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? NaN;

/**
 * ns per decision (pick + onComplete) with every tenant backlogged (8 queued each, refilled after
 * each dispatch, which is outside the timed span), on a simulated clock advancing by the service time.
 */
function decisionCost(tenantCount: number, policy: PolicyKind, admission: AdmissionKind, decisions: number): { medianNs: number; p99Ns: number } {
  const rng = createRng(tenantCount);
  const tenants: TenantSchedConfig[] = Array.from({ length: tenantCount }, (_, i) => ({
    sloMs: ms(1e9), weight: 1 + (i % 4), priorityRank: i % 2, queueLimit: 64, overflow: 'drop-newest', batching: NO_BATCHING,
  }));
  const scheduler = createScheduler({
    policy, admission, laneMode: 'time-sliced', blocks: 1, tenants,
    estimateServiceMs: () => ms(1), onDrop: () => undefined,
  });
  let id = 0;
  let nowMs = 0;
  const add = (t: number): void => {
    const r: SchedRequest = { id: id++, tenant: t, arrivalMs: ms(nowMs), deadlineMs: ms(nowMs + 1e9) };
    scheduler.enqueue(r, ms(nowMs));
  };
  for (let t = 0; t < tenantCount; t++) for (let k = 0; k < 8; k++) add(t);
  const samples = new Float64Array(decisions);
  for (let i = -decisions / 4; i < decisions; i++) {
    const serviceMs = 0.5 + rng.next();
    const t0 = hrtime.bigint();
    const pick = scheduler.pick(ms(nowMs), 0);
    if (pick?.kind !== 'dispatch') throw new Error('backlogged scheduler must dispatch');
    scheduler.onComplete(pick, ms(serviceMs), ms(nowMs + serviceMs));
    const t1 = hrtime.bigint();
    if (i >= 0) samples[i] = Number(t1 - t0);
    nowMs += serviceMs;
    add(pick.tenant);
  }
  samples.sort();
  return { medianNs: quantile(samples, 0.5), p99Ns: quantile(samples, 0.99) };
}

/** 16 tenants, Poisson, a mix of service times, total load about 0.8 of one time-sliced lane. */
function poissonMix(policy: Experiment['scheduler']['policy'], durationMs: number): Experiment {
  const models = ['resnet18', 'resnet50', 'mobilenet_v2', 'squeezenet1_1'];
  const serviceMs = [0.5, 1.0, 0.3, 0.2];
  const tenants = Array.from({ length: 16 }, (_, i) => ({
    id: `t${i}`,
    model: models[i % 4] as string,
    resolution: 224,
    batch: i % 2 === 0 ? ({ kind: 'none' } as const) : ({ kind: 'dynamic', maxBatch: 4, maxQueueDelayMs: 1 } as const),
    arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.8 / 16 } } as const,
    sloMs: 20,
    weight: 1 + (i % 3),
    priority: i < 4 ? ('real-time' as const) : ('best-effort' as const),
    queueLimit: 1000,
    overflow: 'drop-newest' as const,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    name: 'bench: 16-tenant Poisson mix',
    tenants,
    scheduler: { policy, granularity: 'inference' },
    lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs: 0,
    durationMs,
    seed: 1,
    serviceModel: {
      byModel: Object.fromEntries(models.map((m, i) => [m, { kind: 'fixed', ms: serviceMs[i] as number, perExtraItemMs: (serviceMs[i] as number) / 2 }])),
      contentionPerExtraLane: 1,
    },
  };
}

/**
 * Simulated requests per wall-clock second, best of `runs` (other load only ever slows a run down):
 * the engine alone (arrivals, scheduler, lanes; a null observer) and the full report path
 * (plus the metrics recorder, its ledger and the periodic checks).
 */
function simulatorSpeed(policy: Experiment['scheduler']['policy'], durationMs: number, runs: number): { requests: number; engine: number; full: number } {
  const experiment = poissonMix(policy, durationMs);
  const noop = (): void => undefined;
  let requests = 0;
  let engineMs = Infinity;
  let fullMs = Infinity;
  for (let run = 0; run < runs; run++) {
    const planned = planSimulation(experiment);
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    let t0 = performance.now();
    requests = runSimulation(planned.plan, { arrived: noop, dropped: noop, started: noop, completed: noop }).requests;
    engineMs = Math.min(engineMs, performance.now() - t0);
    t0 = performance.now();
    const result = simulateExperiment(experiment);
    fullMs = Math.min(fullMs, performance.now() - t0);
    if (!result.ok || result.report.simulatedRequests !== requests) throw new Error('the engine and the report path must simulate the same run');
  }
  return { requests, engine: (requests / engineMs) * 1000, full: (requests / fullMs) * 1000 };
}

const verdict = (ok: boolean, ratio: number): string => `${ok ? 'PASS' : 'FAIL'} (${ratio.toFixed(1)}x)`;
const fmt = (n: number): string => n.toFixed(0).padStart(8);

function main(): void {
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Node ${process.version}, ${process.arch}, ${cpus().length} CPUs, load average ${load}; wall-clock timings on this machine.\n`);
  console.log('Scheduler decision cost (pick + onComplete, ns), every tenant backlogged');
  console.log(`${'policy'.padEnd(14)}${'tenants'.padStart(8)}${'median'.padStart(9)}${'p99'.padStart(9)}   target: median < ${DECISION_TARGET_NS} ns at 64`);
  for (const p of POLICIES) {
    for (const n of [4, 16, 64]) {
      const { medianNs, p99Ns } = decisionCost(n, p.policy, p.admission, 200_000);
      const target = n === 64 ? verdict(medianNs < DECISION_TARGET_NS, DECISION_TARGET_NS / medianNs) : '';
      console.log(`${p.name.padEnd(14)}${String(n).padStart(8)} ${fmt(medianNs)} ${fmt(p99Ns)}   ${target}`);
    }
  }
  console.log('\nSimulator speed, 16-tenant Poisson mix at load 0.8 (simulated requests per wall-clock second, best of 3)');
  console.log(`${'policy'.padEnd(14)}${'requests'.padStart(10)}${'engine/s'.padStart(12)}${'report/s'.padStart(12)}   target: > ${SIM_TARGET_PER_SEC} /s`);
  for (const policy of ['fcfs', 'weighted-fair', 'edf'] as const) {
    simulatorSpeed(policy, 20_000, 1); // warm-up
    const { requests, engine, full } = simulatorSpeed(policy, 300_000, 3);
    const line = `${policy.padEnd(14)}${String(requests).padStart(10)}${engine.toFixed(0).padStart(12)}${full.toFixed(0).padStart(12)}`;
    console.log(`${line}   engine ${verdict(engine > SIM_TARGET_PER_SEC, engine / SIM_TARGET_PER_SEC)}, with metrics ${verdict(full > SIM_TARGET_PER_SEC, full / SIM_TARGET_PER_SEC)}`);
  }
}

main();
