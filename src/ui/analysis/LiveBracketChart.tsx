// The live confirmation as a figure (with PNG export): each probe's measured SLO rate per tenant against its load factor, both brackets shaded.
import { ReferenceArea, ReferenceLine, Scatter, ScatterChart, XAxis, YAxis } from 'recharts';
import type { CapacityResult } from '../../core/analysis/capacity';
import type { LiveCapacityProbe } from '../../core/analysis/live-probe';
import { ChartFrame } from '../run/ChartFrame';
import { grid } from '../run/chart-parts';
import { tenantColor, useChartTheme } from '../run/chart-theme';

/** A shaded bracket [holds, fails]; an open side is drawn to the axis' end. */
function bracketArea(holds: number | null, fails: number | null, fill: string, opacity: number, label: string, fontColor: string) {
  if (holds === null && fails === null) return null;
  return (
    <ReferenceArea x1={holds ?? undefined} x2={fails ?? undefined} fill={fill} fillOpacity={opacity} stroke="none" ifOverflow="hidden"
      label={{ value: label, fill: fontColor, fontSize: 10, position: 'insideTop' }} />
  );
}

/** Every live probe so far (measured), the simulated bracket and, once the search ended, the live one. */
export function LiveBracketChart({ probes, tenants, sloRate, simulated, live, backend }: {
  probes: readonly LiveCapacityProbe[];
  tenants: readonly string[];
  sloRate: number;
  simulated: CapacityResult;
  live: { readonly holdsFactor: number | null; readonly failsFactor: number | null } | null;
  backend: string | null;
}) {
  const theme = useChartTheme();
  const series = tenants.map((tenant, i) => ({
    tenant,
    color: tenantColor(i),
    points: probes.flatMap((p) => {
      const rate = p.tenants.find((t) => t.tenant === tenant)?.sloRate ?? null;
      return rate === null ? [] : [{ factor: p.factor, sloRatePct: rate * 100, holds: p.holds }];
    }),
  }));
  const points = series.reduce((n, s) => n + s.points.length, 0);
  const legend = [
    ...series.map((s) => ({ label: `${s.tenant} (measured)`, color: s.color })),
    { label: 'simulated bracket', color: theme.shade },
    ...(live === null ? [] : [{ label: 'live bracket', color: theme.reference }]),
  ];
  const minSamples = probes.reduce((n, p) => Math.min(n, p.minTenantSamples), Infinity);
  // Every factor drawn (probes and bracket ends) inside the axis, with a margin; five even ticks.
  const factors = [...probes.map((p) => p.factor), simulated.holdsFactor, simulated.failsFactor, live?.holdsFactor ?? null, live?.failsFactor ?? null]
    .filter((f): f is number => f !== null && Number.isFinite(f));
  const low = factors.reduce((a, f) => Math.min(a, f), Infinity);
  const high = factors.reduce((a, f) => Math.max(a, f), -Infinity);
  const pad = Number.isFinite(low) ? Math.max((high - low) * 0.08, low * 0.02) : 0;
  const domain: [number, number] = Number.isFinite(low) ? [Math.max(0, low - pad), high + pad] : [0, 1];
  const ticks = [0, 1, 2, 3, 4].map((i) => domain[0] + ((domain[1] - domain[0]) * i) / 4);
  return (
    <ChartFrame title="Live capacity probes" testId="chart-live-bracket" height={220} points={points} legend={legend} placeholder="No live probe finished yet."
      caption={`Measured live${backend === null ? '' : ` on ${backend}`}: each probe's share of a tenant's measured requests within its SLO (wall clock, ${String(probes.length)} probes, ` +
        `at least ${Number.isFinite(minSamples) ? String(minSamples) : '0'} measured requests per tenant) against the load factor on the open-loop rates; ` +
        `the dashed line is the ${String(sloRate * 100)}% target. Shaded: the simulated bracket [holds, fails]${live === null ? '' : ' and the live one'}.`}>
      <ScatterChart responsive style={{ width: '100%', height: '100%' }} margin={{ top: 14, right: 16, bottom: 0, left: 0 }}>
        {grid(theme)}
        <XAxis dataKey="factor" type="number" domain={domain} ticks={ticks} allowDataOverflow stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }}
          tickFormatter={(v: number) => `${v.toPrecision(3)}x`} name="load factor" />
        <YAxis dataKey="sloRatePct" type="number" stroke={theme.axis} tick={{ fill: theme.axis, fontSize: 11 }} width={48} unit="%" domain={[0, 100]} name="SLO rate" />
        {bracketArea(simulated.holdsFactor, simulated.failsFactor, theme.shade, 0.12, 'simulated', theme.axis)}
        {live !== null && bracketArea(live.holdsFactor, live.failsFactor, theme.reference, 0.12, 'live', theme.reference)}
        <ReferenceLine y={sloRate * 100} stroke={theme.reference} strokeDasharray="4 3" />
        {series.map((s) => (
          <Scatter key={s.tenant} name={s.tenant} data={s.points} fill={s.color} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ChartFrame>
  );
}
