// The run's notice beside its summary: service slower or faster than the solo profile, or more offered load than the run could serve, and what that means.
import type { RunNotice as Notice } from '../../core/metrics';

/** One to three plain sentences with the figures; nothing when the run kept its profile's promise. */
export function RunNotice({ notice }: { notice: Notice | null }) {
  if (notice === null) return null;
  return (
    <div className="banner banner-warn run-notice" role="note" data-testid="run-notice"
      data-inflated={notice.inflated.length > 0} data-deflated={notice.deflated.length > 0} data-overloaded={notice.overloaded.length > 0 || notice.overflowed.length > 0}>
      {notice.sentences.map((s) => <p key={s}>{s}</p>)}
    </div>
  );
}
