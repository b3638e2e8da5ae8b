// Every preset is a valid experiment with capacity-fraction rates, no invented service times, and a two-sentence explanation.
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../core/experiment';
import { findPreset, PRESETS } from './catalog';

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_id, preset) => {
    const parsed = parseExperiment(preset.experiment);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    expect(preset.experiment.serviceModel).toBeUndefined();
    for (const tenant of preset.experiment.tenants) {
      if ('rate' in tenant.arrival) expect(tenant.arrival.rate.unit).toBe('capacity-fraction');
    }
    const sentences = preset.explanation.split(/(?<=[.!?])\s+(?=[A-Z])/);
    expect(sentences).toHaveLength(2);
    expect(findPreset(preset.id)).toBe(preset);
  });

  it('ids are unique and there are seven', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(7);
  });
});
