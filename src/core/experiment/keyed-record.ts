// A zod schema for a JSON object keyed by user-chosen names: the result has no prototype, so `__proto__` stays a key.
import { z } from 'zod';
import { quoteName } from './quote';

/**
 * An object whose keys are names the user chooses (e.g. model ids), each value checked by `value`.
 * zod's own record writes into `{}`, where a key `__proto__` sets the prototype and vanishes; this one
 * returns an `Object.create(null)` record. At most `maxKeys` keys; a key must match `key`
 * (`keyHint` says what it expects). Issues carry the key in their path.
 */
export function keyedRecord<V extends z.ZodType>(value: V, options: { readonly maxKeys: number; readonly key: RegExp; readonly keyHint: string }) {
  return z
    .custom<Record<string, z.input<V>>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), { error: 'expected an object' })
    .transform((input, ctx): Readonly<Record<string, z.output<V>>> => {
      const keys = Object.keys(input);
      const out = Object.create(null) as Record<string, z.output<V>>;
      if (keys.length > options.maxKeys) {
        ctx.issues.push({ code: 'custom', input, message: `expected at most ${String(options.maxKeys)} entries, got ${String(keys.length)}` });
        return out;
      }
      for (const key of keys) {
        if (!options.key.test(key)) {
          ctx.issues.push({ code: 'custom', input: key, path: [key], message: `key ${quoteName(key)}: ${options.keyHint}` });
          continue;
        }
        const parsed = value.safeParse(Object.getOwnPropertyDescriptor(input, key)?.value);
        if (parsed.success) {
          out[key] = parsed.data;
          continue;
        }
        for (const issue of parsed.error.issues) {
          if (issue.code === 'unrecognized_keys') {
            for (const unknown of issue.keys) ctx.issues.push({ code: 'unrecognized_keys', keys: [unknown], input: issue.input, path: [key, ...issue.path] });
          } else {
            ctx.issues.push({ code: 'custom', input: issue.input, path: [key, ...issue.path], message: issue.message });
          }
        }
      }
      return out;
    });
}
