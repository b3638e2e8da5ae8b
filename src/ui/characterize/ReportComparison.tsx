// Two opened reports compared cell by cell: a table of every figure both have (a, b, b / a), the cells only one has, and its CSV.
import { useMemo } from 'react';
import { comparisonCsv, compareReports } from '../../core/characterize/report-compare';
import type { CharacterizeReport } from '../../core/characterize/report-schema';
import { fmt } from '../../core/characterize/report-svg';
import { downloadBlob } from '../download';

/** A short name for a report in the table's header: its backend, sizes and date. */
const nameOf = (r: CharacterizeReport): string => `${r.device.backendUsed ?? r.device.backendRequested}, ${(r.settings.resolutions ?? [r.settings.resolution]).join('/')} px, ${r.createdAt.slice(0, 16)}`;

/** The comparison of report `a` with report `b` (ratio = b / a). */
export function ReportComparison({ a, b }: { a: CharacterizeReport; b: CharacterizeReport }) {
  const comparison = useMemo(() => compareReports(a, b), [a, b]);
  const save = () => downloadBlob(new Blob([comparisonCsv(comparison)], { type: 'text/csv' }), 'comparison.csv');
  return (
    <div className="characterize-comparison" data-testid="characterize-comparison">
      <h3>Cell by cell</h3>
      <p className="muted small">
        a: {nameOf(a)}; b: {nameOf(b)}. {comparison.rows.length} figures in both; ratio = b / a.{' '}
        <button type="button" onClick={save}>Save comparison.csv</button>
      </p>
      <div style={{ maxHeight: 420, overflow: 'auto' }}>
        <table>
          <thead>
            <tr><th>section</th><th>cell</th><th>figure</th><th>a</th><th>b</th><th>b / a</th></tr>
          </thead>
          <tbody>
            {comparison.rows.map((r, i) => (
              <tr key={`${r.section}|${r.cell}|${r.figure}|${String(i)}`} data-testid="comparison-row">
                <td>{r.section}</td><td>{r.cell}</td><td>{r.figure}</td><td>{fmt(r.a)}</td><td>{fmt(r.b)}</td><td>{fmt(r.ratio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(comparison.onlyInA.length > 0 || comparison.onlyInB.length > 0) && (
        <p className="small" data-testid="comparison-only">
          Only in a: {comparison.onlyInA.join('; ') || 'none'}. Only in b: {comparison.onlyInB.join('; ') || 'none'}.
        </p>
      )}
    </div>
  );
}
