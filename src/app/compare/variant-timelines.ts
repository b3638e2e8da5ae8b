// Compare's lane timelines: the slices of each variant's first run, kept in the page's slice columns for a stacked, zoomable view, and as the bounded record a comparison file keeps.
import type { SliceEvent } from '../../engine/engine-protocol';
import { ms } from '../../core/units';
import { SliceColumns, TenantIndex } from '../run/event-columns';
import { timelineSource, type TimelineSource } from '../run/timeline-view';
import type { Comparison } from './compare-file';
import { timelineRecordOf, type TimelineRecord } from './timeline-record';

/** One variant's timeline: the slices of its first run, on that run's own time axis (ms from its start). */
export interface VariantTimeline {
  readonly label: string;
  /** Lanes the run had (rows to draw). */
  readonly lanes: number;
  readonly tenants: readonly string[];
  /** The run was on WASM: its lanes are CPU workers, so the page says "lane", never "GPU". */
  readonly cpuOnly: boolean;
  /** Slices and the range reader over them (functions: a frozen snapshot can carry them). */
  readonly source: TimelineSource;
  /** Slices the run had, when only the newest of them are kept (a pinned or opened comparison); null when all are. */
  readonly sliceCount: number | null;
}

/** The slices of one run as they arrive (BYTES_PER_SLICE bytes each); `finish` makes them a variant's timeline. */
export class RunSlices {
  private readonly columns: SliceColumns;
  private maxLane = -1;

  constructor(private readonly tenants: readonly string[]) {
    this.columns = new SliceColumns(new TenantIndex(tenants));
  }

  add(slices: readonly SliceEvent[]): void {
    for (const s of slices) {
      this.columns.append(s);
      if (s.lane > this.maxLane) this.maxLane = s.lane;
    }
  }

  /** The timeline of this run, labelled; `laneCount` from the engine (0: as many as the slices used). */
  finish(label: string, laneCount: number, backendUsed: string | null): VariantTimeline {
    return { label, lanes: this.lanesFor(laneCount), tenants: this.tenants, cpuOnly: backendUsed === 'wasm', source: timelineSource(this.columns), sliceCount: null };
  }

  /** What a comparison file keeps of this run's timeline (the newest slices; see timeline-record.ts). */
  record(laneCount: number, backendUsed: string | null): TimelineRecord {
    return timelineRecordOf(this.columns, this.tenants, this.lanesFor(laneCount), backendUsed === 'wasm');
  }

  private lanesFor(laneCount: number): number {
    return Math.max(laneCount, this.maxLane + 1, 1);
  }
}

/** The timeline drawn from a kept record (its tenants named by the variant's experiment). */
export function timelineOfRecord(label: string, tenants: readonly string[], record: TimelineRecord): VariantTimeline {
  const columns = new SliceColumns(new TenantIndex(tenants));
  for (const [startMs, endMs, lane, tenant, batch, block, blocks] of record.slices) {
    columns.append({ lane, tenant: tenants[tenant] ?? String(tenant), startMs: ms(startMs), endMs: ms(endMs), batch, block, blocks });
  }
  const kept = record.sliceCount > record.slices.length ? record.sliceCount : null;
  return { label, lanes: record.lanes, tenants, cpuOnly: record.cpuOnly, source: timelineSource(columns), sliceCount: kept };
}

/**
 * Per variant, the timeline its record kept (null for a variant without one: not run); none at all (empty)
 * when no variant has one, e.g. a file from before timelines were kept.
 */
export function timelinesOf(comparison: Comparison): (VariantTimeline | null)[] {
  if (comparison.variants.every((v) => v.timeline === undefined)) return [];
  return comparison.variants.map((v) => (v.timeline === undefined ? null : timelineOfRecord(v.label, v.experiment.tenants.map((t) => t.id), v.timeline)));
}
