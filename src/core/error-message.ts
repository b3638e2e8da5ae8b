// The one way to turn anything thrown into a one-line message for the page, a report or a reply: no stack, causes kept once.

/** Options of {@link errorMessage}. */
export interface ErrorMessageOptions {
  /** Prefix an Error's name ('OperationError: ...', 'Error: ...'); default false. */
  readonly withName?: boolean;
}

/** The longest message returned, characters; longer ones end with '…'. */
export const ERROR_MESSAGE_MAX_CHARS = 2_000;
/** How many causes deep a message follows `cause` (a chain may be cyclic). */
const CAUSE_DEPTH = 4;

/** Collapses a multi-line text to one line: lines trimmed, blank ones dropped, joined with ' / '. */
function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' / ');
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return `unknown error (${String(value)})`;
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'}) was thrown`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'object') return 'unknown error (an unreadable value)';
  const message = (value as { message?: unknown }).message;
  // An error from another realm, a DOMException polyfill, an ErrorEvent: anything with a message.
  if (typeof message === 'string' && message !== '') return message;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined && json !== '{}') return json;
  } catch {
    // Cyclic or holding a BigInt: fall through to the tag.
  }
  return Object.prototype.toString.call(value);
}

function ownMessage(error: unknown, withName: boolean): string {
  if (!(error instanceof Error)) {
    try {
      return describeValue(error);
    } catch {
      return 'unknown error (a value that cannot be read)'; // a Proxy or a getter that throws
    }
  }
  const text = error.message !== '' ? error.message : error.name;
  return withName && error.message !== '' ? `${error.name}: ${text}` : text;
}

/**
 * A one-line message for `error`, whatever was thrown: an Error's message (never its stack), a
 * string as is, an object's `message` or its JSON, `unknown error (null)` for null. Causes that the
 * message does not already quote are appended as '(cause: ...)'. At most {@link ERROR_MESSAGE_MAX_CHARS}.
 */
export function errorMessage(error: unknown, options: ErrorMessageOptions = {}): string {
  let text = oneLine(ownMessage(error, options.withName ?? false));
  const seen = new Set<unknown>([error]);
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; depth < CAUSE_DEPTH && cause !== undefined && !seen.has(cause); depth++) {
    seen.add(cause);
    const causeText = oneLine(ownMessage(cause, options.withName ?? false));
    if (!text.includes(causeText)) text = `${text} (cause: ${causeText})`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (text === '') text = 'unknown error (empty message)';
  return text.length > ERROR_MESSAGE_MAX_CHARS ? `${text.slice(0, ERROR_MESSAGE_MAX_CHARS - 1)}…` : text;
}

/** `error` itself when it is an Error, else an Error with its {@link errorMessage} (and the value as cause). */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(errorMessage(error), { cause: error });
}
