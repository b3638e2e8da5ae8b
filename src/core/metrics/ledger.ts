// The accounting ledger: arrivals = completed + dropped + queued + running per tenant and overall, checked on every transition.
import { DROP_REASONS, type DropFrom, type DropReason } from './events';

/** A broken accounting identity or an impossible transition. Never caught inside core. */
export class LedgerViolation extends Error {
  constructor(message: string) {
    super(`Ledger violation: ${message}`);
    this.name = 'LedgerViolation';
  }
}

/** Request counts of one tenant (or all), including warm-up requests. */
export interface LedgerCounts {
  readonly arrivals: number;
  readonly completed: number;
  readonly dropped: number;
  readonly droppedByReason: Readonly<Record<DropReason, number>>;
  readonly queued: number;
  readonly running: number;
}

// A tenant's counts live in a Float64Array (fractions stay visible to the integer check), one slot each:
// indexed loads in the per-transition check, no string-keyed lookups on the hot path.
const ARRIVALS = 0;
const COMPLETED = 1;
const DROPPED = 2;
const QUEUED = 3;
const RUNNING = 4;
const FIRST_REASON = 5;
const SLOTS = FIRST_REASON + DROP_REASONS.length;
const REASON_SLOT = Object.fromEntries(DROP_REASONS.map((r, i) => [r, FIRST_REASON + i])) as Readonly<Record<DropReason, number>>;
const FROM_SLOT: Readonly<Record<DropFrom, number>> = { queued: QUEUED, running: RUNNING };

/** Adds `delta` to a slot (a missing slot would turn NaN and fail the next check). */
function bump(c: Float64Array, slot: number, delta: number): void {
  c[slot] = (c[slot] ?? NaN) + delta;
}

/** The counts in a slot array as plain data. */
function toCounts(c: Float64Array): LedgerCounts {
  return {
    arrivals: c[ARRIVALS] ?? 0,
    completed: c[COMPLETED] ?? 0,
    dropped: c[DROPPED] ?? 0,
    droppedByReason: Object.fromEntries(DROP_REASONS.map((r) => [r, c[REASON_SLOT[r]] ?? 0])) as Record<DropReason, number>,
    queued: c[QUEUED] ?? 0,
    running: c[RUNNING] ?? 0,
  };
}

/**
 * Counts every request of every tenant through its life: arrive -> queued -> running -> completed,
 * or dropped from queued/running. A transition that is impossible (starting a request that is not
 * queued...) throws {@link LedgerViolation}; every transition re-checks its tenant's identity
 * arrivals = completed + dropped + queued + running, and {@link Ledger.check} checks every tenant
 * and the totals at any instant.
 */
export class Ledger {
  private readonly tenants: Float64Array[];

  /** @param tenantCount number of tenants (>= 1), indexed 0..tenantCount-1. */
  constructor(tenantCount: number) {
    if (!Number.isInteger(tenantCount) || tenantCount < 1) throw new LedgerViolation(`tenant count ${String(tenantCount)} is not an integer >= 1`);
    this.tenants = Array.from({ length: tenantCount }, () => new Float64Array(SLOTS));
  }

  private of(tenant: number): Float64Array {
    const counts = this.tenants[tenant];
    if (counts === undefined) throw new LedgerViolation(`unknown tenant index ${String(tenant)}`);
    return counts;
  }

  /** A request of `tenant` arrived and waits. */
  arrive(tenant: number): void {
    const c = this.of(tenant);
    bump(c, ARRIVALS, 1);
    bump(c, QUEUED, 1);
    assertBalanced(c, tenant);
  }

  /** A waiting request of `tenant` went to a lane. */
  start(tenant: number): void {
    const c = this.of(tenant);
    if (!((c[QUEUED] ?? 0) > 0)) throw new LedgerViolation(`tenant ${String(tenant)} started a request but none is queued`);
    bump(c, QUEUED, -1);
    bump(c, RUNNING, 1);
    assertBalanced(c, tenant);
  }

  /** A running request of `tenant` finished. */
  complete(tenant: number): void {
    const c = this.of(tenant);
    if (!((c[RUNNING] ?? 0) > 0)) throw new LedgerViolation(`tenant ${String(tenant)} completed a request but none is running`);
    bump(c, RUNNING, -1);
    bump(c, COMPLETED, 1);
    assertBalanced(c, tenant);
  }

  /** A request of `tenant` was dropped from the queue or from a lane. */
  drop(tenant: number, from: DropFrom, reason: DropReason): void {
    const c = this.of(tenant);
    const fromSlot = FROM_SLOT[from];
    if (!((c[fromSlot] ?? 0) > 0)) throw new LedgerViolation(`tenant ${String(tenant)} dropped a ${from} request but none is ${from}`);
    bump(c, fromSlot, -1);
    bump(c, DROPPED, 1);
    bump(c, REASON_SLOT[reason], 1);
    assertBalanced(c, tenant);
  }

  /** Throws {@link LedgerViolation} unless every tenant's counts, and the totals, balance. */
  check(): void {
    this.tenants.forEach((c, i) => assertBalanced(c, i));
    assertBalanced(this.sum(), 'overall');
  }

  /**
   * Cross-checks the ledger against what the scheduler and lanes really hold for `tenant`;
   * throws {@link LedgerViolation} on any difference.
   */
  verify(tenant: number, observed: { readonly queued: number; readonly running: number }): void {
    const c = this.of(tenant);
    const queued = c[QUEUED] ?? 0;
    const running = c[RUNNING] ?? 0;
    if (queued !== observed.queued || running !== observed.running) {
      throw new LedgerViolation(
        `tenant ${String(tenant)}: ledger says ${String(queued)} queued / ${String(running)} running, ` +
          `observed ${String(observed.queued)} / ${String(observed.running)}`,
      );
    }
  }

  /** Counts of one tenant (a copy). */
  counts(tenant: number): LedgerCounts {
    return toCounts(this.of(tenant));
  }

  /** Counts summed over all tenants. */
  total(): LedgerCounts {
    return toCounts(this.sum());
  }

  private sum(): Float64Array {
    const sum = new Float64Array(SLOTS);
    for (const c of this.tenants) for (let s = 0; s < SLOTS; s++) sum[s] = (sum[s] ?? 0) + (c[s] ?? 0);
    return sum;
  }
}

/** How a violation names its subject: a tenant index or 'overall'. */
const nameOf = (who: number | 'overall'): string => (who === 'overall' ? who : `tenant ${String(who)}`);

/** True for a count that is an integer >= 0. */
const isCount = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 0;

/**
 * Throws unless the counts balance; `who` is a tenant index or 'overall'. Runs on every transition,
 * so it allocates nothing and builds no message unless a check fails.
 */
function assertBalanced(c: Float64Array, who: number | 'overall'): void {
  const arrivals = c[ARRIVALS];
  const completed = c[COMPLETED];
  const dropped = c[DROPPED];
  const queued = c[QUEUED];
  const running = c[RUNNING];
  if (!(isCount(arrivals) && isCount(completed) && isCount(dropped) && isCount(queued) && isCount(running))) {
    throw new LedgerViolation(`${nameOf(who)}: a negative or fractional count ${JSON.stringify(toCounts(c))}`);
  }
  let reasons = 0;
  for (let s = FIRST_REASON; s < SLOTS; s++) reasons += c[s] ?? NaN;
  if (reasons !== dropped) throw new LedgerViolation(`${nameOf(who)}: drops by reason sum to ${String(reasons)}, not ${String(dropped)}`);
  if (arrivals !== completed + dropped + queued + running) {
    throw new LedgerViolation(
      `${nameOf(who)}: arrivals ${String(arrivals)} != completed ${String(completed)} + dropped ${String(dropped)} + queued ${String(queued)} + running ${String(running)}`,
    );
  }
}
