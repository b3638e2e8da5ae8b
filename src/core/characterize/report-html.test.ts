// Tests of the report writers: every chart drawn, user text escaped, no network reference, CSV shape.
import { describe, expect, it } from 'vitest';
import { fixtureReport } from './report-fixture.test-support';
import { reportCsvFiles } from './report-csv';
import { reportHtml } from './report-html';

describe('reportHtml', () => {
  const html = reportHtml(fixtureReport());

  it('draws the two solo charts and one heatmap per lane mode', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html.match(/class="chart heatmap"/g)).toHaveLength(2);
    expect(html).toContain('<path d="M');
  });

  it('references nothing outside the file', () => {
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes text that came from the device', () => {
    const r = fixtureReport();
    const hostile = reportHtml({ ...r, device: { ...r.device, userAgent: '<script>alert(1)</script>' }, errors: ['</script><img src=x>'] });
    expect(hostile).not.toContain('<script>alert');
    expect(hostile).not.toContain('<img src=x>');
  });
});

describe('reportCsvFiles', () => {
  it('writes one row per solo point, two per cell, one per prediction and capacity row', () => {
    const files = reportCsvFiles(fixtureReport());
    const rows = (name: string) => (files.get(name) ?? '').trimEnd().split('\n').length - 1;
    expect([rows('solo.csv'), rows('cells.csv'), rows('predictions.csv'), rows('capacity.csv')]).toEqual([5, 4, 1, 1]);
  });
});
