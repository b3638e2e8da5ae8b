// A zod array schema for long user arrays: a length cap checked first, and only the first few bad items reported.
import { z } from 'zod';

/** Bad items of one array whose problems are listed; past it one issue counts the rest. */
export const MAX_BAD_ITEMS = 5;

/**
 * An array of at most `max` items (`min` at least), each checked by `item`. Unlike `z.array`, which
 * collects every item's issues (130k bad items overflow its stack, and take seconds before that), this
 * lists the issues of the first {@link MAX_BAD_ITEMS} bad items and stops at the next bad one, with one
 * issue naming where it stopped (a refused file costs no more than its first few bad items).
 */
export function cappedArray<T extends z.ZodType>(item: T, bounds: { readonly min?: number; readonly max: number; readonly what?: string }) {
  const what = bounds.what ?? 'items';
  const min = bounds.min ?? 0;
  return z
    .custom<z.input<T>[]>((input) => Array.isArray(input), { error: 'expected an array' })
    .transform((input, ctx): z.output<T>[] => {
      if (input.length > bounds.max || input.length < min) {
        const limit = input.length > bounds.max ? `at most ${String(bounds.max)}` : `at least ${String(min)}`;
        ctx.issues.push({ code: 'custom', input: input.length, message: `expected ${limit} ${what}, got ${String(input.length)}` });
        return [];
      }
      const out: z.output<T>[] = [];
      let bad = 0;
      for (let i = 0; i < input.length; i++) {
        const parsed = item.safeParse(input[i]);
        if (parsed.success) {
          out.push(parsed.data);
          continue;
        }
        if (bad++ >= MAX_BAD_ITEMS) {
          ctx.issues.push({ code: 'custom', input, path: [i], message: `more bad ${what} from here on (not checked further)` });
          return out;
        }
        for (const issue of parsed.error.issues) {
          if (issue.code === 'unrecognized_keys') {
            for (const key of issue.keys) ctx.issues.push({ code: 'unrecognized_keys', keys: [key], input: issue.input, path: [i, ...issue.path] });
          } else {
            ctx.issues.push({ code: 'custom', input: issue.input, path: [i, ...issue.path], message: issue.message });
          }
        }
      }
      return out;
    });
}
