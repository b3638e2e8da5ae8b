// Capacity per policy / granularity / lane mode as bars (load factor held at the SLO rate), FCFS the baseline.
import { Bar, BarChart, Cell, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { AnalysisReport } from '../../core/analysis/analyze-report';
import { ChartFrame } from '../run/ChartFrame';
import { tenantColor, useChartTheme } from '../run/chart-theme';
import { grid, tooltip } from '../run/chart-parts';

/** One bar per variant: the largest load factor that held; FCFS whole inference (the baseline) marked at its value. */
export function CapacityBars({ report }: { report: AnalysisReport }) {
  const theme = useChartTheme();
  const rows = report.comparison.rows.map((r) => ({
    label: r.label,
    holds: r.capacity.holdsFactor ?? 0,
    gain: r.gainOverFcfs,
    concurrent: r.variant.laneMode === 'concurrent',
    blocked: r.variant.blocks !== null,
  }));
  const baseline = report.comparison.rows[0]?.capacity.holdsFactor ?? null;
  const legend = [
    { label: 'whole inference, one time-sliced lane', color: tenantColor(0) },
    { label: `${String(report.comparison.blocks)} layer blocks, one time-sliced lane`, color: tenantColor(1) },
    { label: 'concurrent lanes', color: tenantColor(2) },
  ];
  return (
    <ChartFrame title="Capacity per policy" testId="chart-capacity" height={260} points={rows.length} legend={legend} placeholder="No comparison yet."
      caption={`Simulated: the largest factor by which all open-loop rates scale together while every tenant keeps ${String(report.sloRate * 100)}% of its requests within its SLO (bracket resolution ${String(report.resolution * 100)}%, seed ${String(report.experiment.seed)}); the line is FCFS with whole inferences, the baseline of each gain. Service times: ${report.serviceTimeSource}.`}>
      <BarChart data={rows} layout="vertical" responsive style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        {grid(theme)}
        <XAxis type="number" stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} unit="x" />
        <YAxis type="category" dataKey="label" stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 10 }} width={190} />
        {tooltip(theme, 'x')}
        {baseline !== null && <ReferenceLine x={baseline} stroke={theme.reference} strokeDasharray="4 3" />}
        <Bar dataKey="holds" name="load factor held" isAnimationActive={false}>
          {rows.map((r) => <Cell key={r.label} fill={tenantColor(r.concurrent ? 2 : r.blocked ? 1 : 0)} />)}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
