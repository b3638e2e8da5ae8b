// Exhaustiveness and invariant helpers shared by every layer.

/** Call in the default branch of a switch over a string-literal union. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable case: ${JSON.stringify(value)}`);
}

/** Throws with the message when the condition is false (an internal invariant, not user input). */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}
