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

interface MutableCounts {
  arrivals: number;
  completed: number;
  dropped: number;
  droppedByReason: Record<DropReason, number>;
  queued: number;
  running: number;
}

const zeroReasons = (): Record<DropReason, number> =>
  Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;

const zeroCounts = (): MutableCounts => ({ arrivals: 0, completed: 0, dropped: 0, droppedByReason: zeroReasons(), queued: 0, running: 0 });

/**
 * Counts every request of every tenant through its life: arrive -> queued -> running -> completed,
 * or dropped from queued/running. A transition that is impossible (starting a request that is not
 * queued...) throws {@link LedgerViolation}; every transition re-checks its tenant's identity
 * arrivals = completed + dropped + queued + running, and {@link Ledger.check} checks every tenant
 * and the totals at any instant.
 */
export class Ledger {
  private readonly tenants: MutableCounts[];

  /** @param tenantCount number of tenants (>= 1), indexed 0..tenantCount-1. */
  constructor(tenantCount: number) {
    if (!Number.isInteger(tenantCount) || tenantCount < 1) throw new LedgerViolation(`tenant count ${String(tenantCount)} is not an integer >= 1`);
    this.tenants = Array.from({ length: tenantCount }, zeroCounts);
  }

  private of(tenant: number): MutableCounts {
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
    c.droppedByReason[reason]++;
    assertBalanced(c, tenant);
  }

  /** Throws {@link LedgerViolation} unless every tenant's counts, and the totals, balance. */
  check(): void {
    this.tenants.forEach((c, i) => assertBalanced(c, i));
    assertBalanced(this.total(), 'overall');
  }

  /**
   * Cross-checks the ledger against what the scheduler and lanes really hold for `tenant`;
   * throws {@link LedgerViolation} on any difference.
   */
  verify(tenant: number, observed: { readonly queued: number; readonly running: number }): void {
    const c = this.of(tenant);
    if (c.queued !== observed.queued || c.running !== observed.running) {
      throw new LedgerViolation(
        `tenant ${String(tenant)}: ledger says ${String(c.queued)} queued / ${String(c.running)} running, ` +
          `observed ${String(observed.queued)} / ${String(observed.running)}`,
      );
    }
  }

  /** Counts of one tenant (a copy). */
  counts(tenant: number): LedgerCounts {
    const c = this.of(tenant);
    return { ...c, droppedByReason: { ...c.droppedByReason } };
  }

  /** Counts summed over all tenants. */
  total(): LedgerCounts {
    const sum = zeroCounts();
    for (const c of this.tenants) {
      sum.arrivals += c.arrivals;
      sum.completed += c.completed;
      sum.dropped += c.dropped;
      sum.queued += c.queued;
      sum.running += c.running;
      for (const r of DROP_REASONS) sum.droppedByReason[r] += c.droppedByReason[r];
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
function assertBalanced(c: LedgerCounts, who: number | 'overall'): void {
  const { arrivals, completed, dropped, queued, running } = c;
  if (!(isCount(arrivals) && isCount(completed) && isCount(dropped) && isCount(queued) && isCount(running))) {
    throw new LedgerViolation(`${nameOf(who)}: a negative or fractional count ${JSON.stringify(c)}`);
  }
  let reasons = 0;
  for (const r of DROP_REASONS) reasons += c.droppedByReason[r];
  if (reasons !== dropped) throw new LedgerViolation(`${nameOf(who)}: drops by reason sum to ${String(reasons)}, not ${String(dropped)}`);
  if (arrivals !== completed + dropped + queued + running) {
    throw new LedgerViolation(
      `${nameOf(who)}: arrivals ${String(arrivals)} != completed ${String(completed)} + dropped ${String(dropped)} + queued ${String(queued)} + running ${String(running)}`,
    );
  }
}
