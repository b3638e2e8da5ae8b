// A variant run's lane timeline as a comparison file keeps it: the newest TIMELINE_MAX_SLICES slices as compact rows, bounded and validated on open.
import { z } from 'zod';
import { MAX_BATCH_SIZE } from '../../core/experiment';
import type { SliceColumns } from '../run/event-columns';
import { TIMELINE_MAX_SLICES } from '../run/run-series';

/** Most lanes a timeline may have (one per tenant, at most 16 tenants). */
const MAX_LANES = 16;
/** Most slice issues reported per timeline (the rest are the same kind). */
const MAX_SLICE_ISSUES = 5;

const time = z.number().min(-1e12).max(1e12);
const SliceRowSchema = z.tuple([
  time, time, z.int().min(0).max(MAX_LANES - 1), z.int().min(0).max(15), z.int().min(1).max(MAX_BATCH_SIZE), z.int().min(0).max(63), z.int().min(1).max(64),
]);

/**
 * A run's timeline in a file: the lanes to draw, whether they ran on the CPU (WASM), the slices the run had
 * (`sliceCount`) and the newest {@link TIMELINE_MAX_SLICES} of them, each a row [startMs, endMs, lane,
 * tenant index (in the variant's experiment), batch, block, blocks], times on the run's engine clock (ms
 * from its first arrival) to the microsecond. The schema: every slice on a lane below `lanes`, a block below its blocks, ending at or after its start. */
export const TimelineRecordSchema = z
  .strictObject({
    lanes: z.int().min(1).max(MAX_LANES),
    cpuOnly: z.boolean(),
    sliceCount: z.int().min(0).max(1e12),
    slices: z.array(SliceRowSchema).max(TIMELINE_MAX_SLICES),
  })
  .superRefine((t, ctx) => {
    if (t.sliceCount < t.slices.length) ctx.addIssue({ code: 'custom', path: ['sliceCount'], message: `expected at least the slices kept (${String(t.slices.length)}), got ${String(t.sliceCount)}` });
    let issues = 0;
    t.slices.forEach(([startMs, endMs, lane, , , block, blocks], i) => {
      if (issues >= MAX_SLICE_ISSUES) return;
      const message = lane >= t.lanes ? `expected a lane below lanes (${String(t.lanes)}), got ${String(lane)}`
        : block >= blocks ? `expected a block below blocks (${String(blocks)}), got ${String(block)}`
          : endMs < startMs ? `expected an end (${String(endMs)} ms) at or after the start (${String(startMs)} ms)` : null;
      if (message === null) return;
      issues++;
      ctx.addIssue({ code: 'custom', path: ['slices', i], message });
    });
  });

const micro = (valueMs: number): number => Math.round(valueMs * 1000) / 1000;

/**
 * The record of a run's slices (the newest TIMELINE_MAX_SLICES, in the order they came; a slice of a tenant
 * not in `tenants` is left out), `lanes` rows, on the CPU or not.
 */
export function timelineRecordOf(columns: SliceColumns, tenants: readonly string[], lanes: number, cpuOnly: boolean): TimelineRecord {
  const index = new Map(tenants.map((id, i) => [id, i]));
  const slices: SliceRow[] = [];
  for (let row = Math.max(0, columns.length - TIMELINE_MAX_SLICES); row < columns.length; row++) {
    const s = columns.at(row);
    const tenant = s === undefined ? undefined : index.get(s.tenant);
    if (s === undefined || tenant === undefined || s.lane >= MAX_LANES) continue;
    slices.push([micro(s.startMs), micro(s.endMs), s.lane, tenant, s.batch, s.block, s.blocks]);
  }
  return { lanes: Math.min(Math.max(lanes, 1), MAX_LANES), cpuOnly, sliceCount: columns.length, slices };
}

/** A run's timeline as a comparison file keeps it (see {@link TimelineRecordSchema}). */
export type TimelineRecord = z.infer<typeof TimelineRecordSchema>;
type SliceRow = TimelineRecord['slices'][number];
