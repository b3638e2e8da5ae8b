// Tests of the report writers: every chart drawn, user text escaped, no network reference, CSV shape.
import { describe, expect, it } from 'vitest';
import { exampleCustomModel } from './custom-entry.test-support';
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

  it('groups solo charts, tables and heatmaps by input size', () => {
    const r = fixtureReport();
    const two = { ...r, settings: { ...r.settings, resolutions: [32, 64] }, solo: [...r.solo, { ...r.solo[0], model: 'tiny-cnn@64' } as (typeof r.solo)[number]] };
    const h = reportHtml(two);
    expect(h.match(/<svg /g)).toHaveLength(8);
    expect(h).toContain('<h3>64 px</h3>');
    expect(h).toContain('throughput against batch (solo, 64 px)');
  });

  it('shows the live bracket beside the simulated one, and where the time went', () => {
    const r = fixtureReport();
    const h = reportHtml({
      ...r,
      liveCapacity: { policy: 'fcfs', outcome: 'bracketed', simulated: { holdsFactor: 0.9, failsFactor: 0.92 }, holdsFactor: 0.7, failsFactor: 0.75, probes: 4, backendUsed: 'wasm', note: null },
      timing: [{ phase: 'solo', label: 'solo tiny-cnn@32 batch 1, repeat 1/2', wallMs: 4000, setupMs: 3000, windows: 3 }],
    });
    expect(h).toContain('Confirmed live (fcfs)');
    expect(h).toMatch(/<td>live<\/td><td>0\.700<\/td><td>0\.750<\/td><td>bracketed<\/td>/);
    expect(h).toContain('Where the time went');
    expect(h).toContain('4.0 s: solo tiny-cnn@32 batch 1, repeat 1/2');
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

describe('the user\'s own models', () => {
  const r = fixtureReport();
  const hw = { ...exampleCustomModel('hw', 'cd'.repeat(32)), fileName: 'hw <1>.onnx' };
  const withCustom = { ...r, settings: { ...r.settings, models: [...r.settings.models, 'custom:hw'] }, customModels: [hw] };

  it('lists each with its file, size, sha256, inputs and chosen dims, escaped', () => {
    const h = reportHtml(withCustom);
    expect(h).toContain('<h2>Your own models</h2>');
    expect(h).toContain(`data-sha256="${'cd'.repeat(32)}"`);
    expect(h).toContain('hw &lt;1&gt;.onnx');
    expect(h).toContain('height=32,width=48');
    expect(h).toContain('image: float32 [batch, 3, height, width]');
    expect(reportHtml(r)).not.toContain('Your own models');
  });

  it('writes custom-models.csv only when there are some', () => {
    expect(reportCsvFiles(r).has('custom-models.csv')).toBe(false);
    expect(reportCsvFiles(withCustom).get('custom-models.csv')).toBe(
      `model,file_name,byte_length,sha256,inputs,chosen_dims\ncustom:hw,hw <1>.onnx,12345,${'cd'.repeat(32)},image:float32[batch 3 height width],"height=32,width=48"\n`,
    );
  });
});

describe('reportCsvFiles', () => {
  it('writes one row per solo point, two per cell, one per prediction and capacity row', () => {
    const files = reportCsvFiles(fixtureReport());
    const rows = (name: string) => (files.get(name) ?? '').trimEnd().split('\n').length - 1;
    expect([rows('solo.csv'), rows('cells.csv'), rows('predictions.csv'), rows('capacity.csv')]).toEqual([5, 4, 1, 1]);
  });

  it('adds the live bracket to capacity.csv when confirmed', () => {
    const r = fixtureReport();
    const files = reportCsvFiles({ ...r, liveCapacity: { policy: 'fcfs', outcome: 'bracketed-wide', simulated: { holdsFactor: 0.9, failsFactor: 0.92 }, holdsFactor: 0.7, failsFactor: 0.9, probes: 5, backendUsed: 'wasm', note: null } });
    expect((files.get('capacity.csv') ?? '').trimEnd().split('\n').slice(-1)[0]).toBe('fcfs,live,bracketed-wide,0.7,0.9,5 probes on wasm');
  });
});
