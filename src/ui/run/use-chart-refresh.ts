// Marks every commit of new chart data on the performance timeline, so the UI benchmark can measure the refresh rate.
import { useEffect } from 'react';

/** The mark's name: one `performance.mark` per committed chart refresh. */
export const CHART_REFRESH_MARK = 'tenancy-lab:charts';

/** Adds a performance mark after React commits charts for a new `data` object. */
export function useChartRefreshMark(data: unknown): void {
  useEffect(() => {
    if (data !== null) performance.mark(CHART_REFRESH_MARK);
  }, [data]);
}
