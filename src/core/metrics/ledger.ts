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

/** Index of each reason in {@link Counts.byReason}. */
const REASON_INDEX = Object.fromEntries(DROP_REASONS.map((r, i) => [r, i])) as Readonly<Record<DropReason, number>>;

/**
 * One tenant's counts (or the totals). Plain number fields and an array of drops by reason, so the
 * per-transition check reads them without string-keyed lookups.
 */
class Counts {
  arrivals = 0;
  completed = 0;
  dropped = 0;
  queued = 0;
  running = 0;
  /** Drops by reason, in DROP_REASONS order. */
  readonly byReason: number[] = DROP_REASONS.map(() => 0);

  /** Plain data, a copy. */
  toJSON(): LedgerCounts {
    const { arrivals, completed, dropped, queued, running } = this;
    const droppedByReason = Object.fromEntries(DROP_REASONS.map((r) => [r, this.byReason[REASON_INDEX[r]] ?? 0])) as Record<DropReason, number>;
    return { arrivals, completed, dropped, droppedByReason, queued, running };
  }
}

/**
 * Counts every request of every tenant through its life: arrive -> queued -> running -> completed,
 * or dropped from queued/running. A transition that is impossible (starting a request that is not
 * queued...) throws {@link LedgerViolation}; every transition re-checks its tenant's identity
 * arrivals = completed + dropped + queued + running, and {@link Ledger.check} checks every tenant
 * and the totals at any instant.
 */
export class Ledger {
  private readonly tenants: Counts[];

  /** @param tenantCount number of tenants (>= 1), indexed 0..tenantCount-1. */
  constructor(tenantCount: number) {
    if (!Number.isInteger(tenantCount) || tenantCount < 1) throw new LedgerViolation(`tenant count ${String(tenantCount)} is not an integer >= 1`);
    this.tenants = Array.from({ length: tenantCount }, () => new Counts());
  }

  private of(tenant: number): Counts {
    const counts = this.tenants[tenant];
    if (counts === undefined) throw new LedgerViolation(`unknown tenant index ${String(tenant)}`);
    return counts;
  }

  /** A request of `tenant` arrived and waits. */
  arrive(tenant: number): void {
    const c = this.of(tenant);
    c.arrivals++;
    c.queued++;
    assertBalanced(c, tenant);
  }

  /** A waiting request of `tenant` went to a lane. */
  start(tenant: number): void {
    const c = this.of(tenant);
    if (c.queued <= 0) throw new LedgerViolation(`tenant ${String(tenant)} started a request but none is queued`);
    c.queued--;
    c.running++;
    assertBalanced(c, tenant);
  }

  /** A running request of `tenant` finished. */
  complete(tenant: number): void {
    const c = this.of(tenant);
    if (c.running <= 0) throw new LedgerViolation(`tenant ${String(tenant)} completed a request but none is running`);
    c.running--;
    c.completed++;
    assertBalanced(c, tenant);
  }

  /** A request of `tenant` was dropped from the queue or from a lane. */
  drop(tenant: number, from: DropFrom, reason: DropReason): void {
    const c = this.of(tenant);
    if (c[from] <= 0) throw new LedgerViolation(`tenant ${String(tenant)} dropped a ${from} request but none is ${from}`);
    c[from]--;
    c.dropped++;
    c.byReason[REASON_INDEX[reason]] = (c.byReason[REASON_INDEX[reason]] ?? NaN) + 1;
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
    const { queued, running } = c;
    if (queued !== observed.queued || running !== observed.running) {
      throw new LedgerViolation(
        `tenant ${String(tenant)}: ledger says ${String(queued)} queued / ${String(running)} running, ` +
          `observed ${String(observed.queued)} / ${String(observed.running)}`,
      );
    }
  }

  /** Counts of one tenant (a copy). */
  counts(tenant: number): LedgerCounts {
    return this.of(tenant).toJSON();
  }

  /** Counts summed over all tenants. */
  total(): LedgerCounts {
    return this.sum().toJSON();
  }

  private sum(): Counts {
    const sum = new Counts();
    for (const c of this.tenants) {
      sum.arrivals += c.arrivals;
      sum.completed += c.completed;
      sum.dropped += c.dropped;
      sum.queued += c.queued;
      sum.running += c.running;
      c.byReason.forEach((n, i) => (sum.byReason[i] = (sum.byReason[i] ?? NaN) + n));
    }
    return sum;
  }
}

/** How a violation names its subject: a tenant index or 'overall'. */
const nameOf = (who: number | 'overall'): string => (who === 'overall' ? who : `tenant ${String(who)}`);

/** True for a count that is an integer >= 0. */
const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * Throws unless the counts balance; `who` is a tenant index or 'overall'. Runs on every transition,
 * so it allocates nothing and builds no message unless a check fails.
 */
function assertBalanced(c: Counts, who: number | 'overall'): void {
  const { arrivals, completed, dropped, queued, running, byReason } = c;
  if (!(isCount(arrivals) && isCount(completed) && isCount(dropped) && isCount(queued) && isCount(running))) {
    throw new LedgerViolation(`${nameOf(who)}: a negative or fractional count ${JSON.stringify(c)}`);
  }
  let reasons = 0;
  for (let i = 0; i < byReason.length; i++) reasons += byReason[i] ?? NaN;
  if (reasons !== dropped) throw new LedgerViolation(`${nameOf(who)}: drops by reason sum to ${String(reasons)}, not ${String(dropped)}`);
  if (arrivals !== completed + dropped + queued + running) {
    throw new LedgerViolation(
      `${nameOf(who)}: arrivals ${String(arrivals)} != completed ${String(completed)} + dropped ${String(dropped)} + queued ${String(queued)} + running ${String(running)}`,
    );
  }
}
