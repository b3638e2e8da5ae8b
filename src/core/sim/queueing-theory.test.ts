// Validates the simulator against queueing theory: M/D/1 and M/M/1 mean waits under FCFS.
import { describe, expect, it } from 'vitest';
import { poissonArrivals } from '../arrivals/open-loop';
import { NO_BATCHING } from '../batching/batch-plan';
import { createRng } from '../rng';
import { ms, perSec } from '../units';
import { createServiceTimeModel, type SimServiceTime } from './service-time';
import { runSimulation } from './simulator';

/** Mean queueing delay (start - arrival) of FCFS with Poisson arrivals, skipping the first `warmup` requests. */
function meanWaitMs(ratePerSec: number, service: SimServiceTime, requests: number, seed: number): number {
  const rng = createRng(seed);
  const endMs = ms((requests / ratePerSec) * 1000);
  let sum = 0;
  let count = 0;
  const warmup = 5000;
  runSimulation(
    {
      tenants: [
        {
          sched: { sloMs: ms(1e9), weight: 1, priorityRank: 1, queueLimit: Infinity, overflow: 'drop-newest', batching: NO_BATCHING },
          service: createServiceTimeModel(service, rng.fork('service')),
          arrivals: poissonArrivals(perSec(ratePerSec), rng.fork('arrivals'), endMs),
        },
      ],
      policy: 'fcfs',
      admission: 'none',
      laneMode: 'time-sliced',
      blocks: 1,
      dispatchDepth: 1,
      contentionPerExtraLane: 0,
    },
    {
      arrived: () => undefined,
      started: () => undefined,
      dropped: () => {
        throw new Error('no drops expected');
      },
      completed: (request, { startMs }) => {
        if (request.id < warmup) return;
        sum += startMs - request.arrivalMs;
        count++;
      },
    },
  );
  return sum / count;
}

const fixed: SimServiceTime = { kind: 'fixed', ms: 1, perExtraItemMs: 0 };
const exponential: SimServiceTime = { kind: 'exponential', meanMs: 1, perExtraItemMs: 0 };

describe('simulator against queueing theory (mu = 1 per ms)', () => {
  // M/D/1: Wq = rho / (2 mu (1 - rho)); M/M/1: Wq = rho / (mu (1 - rho)).
  it.each([
    ['M/D/1', 0.5, 0.5, fixed, 0.02],
    ['M/D/1', 0.8, 2, fixed, 0.03],
    ['M/M/1', 0.5, 1, exponential, 0.03],
    ['M/M/1', 0.8, 4, exponential, 0.05],
  ] as const)('%s at rho = %s: mean wait %s ms', (_name, rho, theoryMs, service, tolerance) => {
    const simulated = meanWaitMs(rho * 1000, service, 300_000, 7);
    expect(Math.abs(simulated - theoryMs) / theoryMs).toBeLessThan(tolerance);
  });
});
