// SLO rate against offered load, a line per tenant per policy (VELTAIR's QoS-vs-QPS figure), knees as dots.
import { Line, LineChart, ReferenceDot, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { AnalysisReport } from '../../core/analysis/analyze-report';
import { ChartFrame } from '../run/ChartFrame';
import { tenantColor, useChartTheme } from '../run/chart-theme';
import { grid, tooltip } from '../run/chart-parts';

const DASHES = ['', '6 3', '2 2', '8 3 2 3', '1 3', '10 4'];

/** One line per (policy, tenant): colour by tenant, dash by policy. */
export function SloCurves({ report }: { report: AnalysisReport }) {
  const theme = useChartTheme();
  const tenants = report.experiment.tenants;
  const policies = [...new Set(report.curves.map((c) => c.policy))];
  const first = report.curves[0];
  const data = (first?.points ?? []).map((p, i) => {
    const row: Record<string, number | null> = { totalPerSec: p.totalPerSec };
    for (const c of report.curves) {
      const v = c.points[i]?.sloRate;
      row[`${c.policy}/${c.tenant}`] = v === undefined || v === null ? null : v * 100;
    }
    return row;
  });
  const legend = report.curves.map((c) => ({ label: `${c.tenant} · ${c.policy}`, color: tenantColor(tenants.indexOf(c.tenant)) }));
  return (
    <ChartFrame title="SLO rate against load" testId="chart-slo-load" height={260} points={data.length} legend={legend} placeholder="No curves yet."
      caption={`Simulated: each tenant's share of requests within its SLO at ${String(data.length)} loads (all open-loop rates scaled together, x = their sum in req/s), per policy (colour: tenant, dash: policy ${policies.map((p, i) => `${p} ${DASHES[i % DASHES.length] === '' ? 'solid' : `dash ${String(i)}`}`).join(', ')}); dots mark each curve's knee, the last load before it falls under the ${String(report.sloRate * 100)}% line. Service times: ${report.serviceTimeSource}.`}>
      <LineChart data={data} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        {grid(theme)}
        <XAxis dataKey="totalPerSec" type="number" scale="log" domain={['auto', 'auto']} stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }}
          tickFormatter={(v: number) => v.toFixed(0)} unit="/s" />
        <YAxis stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={48} unit="%" domain={[0, 100]} />
        {tooltip(theme, '%')}
        <ReferenceLine y={report.sloRate * 100} stroke={theme.reference} strokeDasharray="4 3" />
        {report.curves.map((c) => (
          <Line key={`${c.policy}/${c.tenant}`} name={`${c.tenant} · ${c.policy}`} dataKey={`${c.policy}/${c.tenant}`} type="linear"
            stroke={tenantColor(tenants.indexOf(c.tenant))} strokeDasharray={DASHES[policies.indexOf(c.policy) % DASHES.length]}
            strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
        ))}
        {report.curves.map((c) => {
          const knee = c.points.find((p) => p.factor === c.kneeFactor);
          return knee === undefined || knee.sloRate === null ? null : (
            <ReferenceDot key={`knee-${c.policy}/${c.tenant}`} x={knee.totalPerSec} y={knee.sloRate * 100} r={3} fill={tenantColor(tenants.indexOf(c.tenant))} stroke="none" />
          );
        })}
      </LineChart>
    </ChartFrame>
  );
}
