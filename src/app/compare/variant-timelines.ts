// Compare's lane timelines: the slices of each variant's first run, kept in the page's slice columns for a stacked, zoomable view.
import type { SliceEvent } from '../../engine/engine-protocol';
import { SliceColumns, TenantIndex } from '../run/event-columns';
import { timelineSource, type TimelineSource } from '../run/timeline-view';

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
    return { label, lanes: Math.max(laneCount, this.maxLane + 1, 1), tenants: this.tenants, cpuOnly: backendUsed === 'wasm', source: timelineSource(this.columns) };
  }
}
