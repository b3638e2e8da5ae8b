// Branded time and rate units, so milliseconds and nanoseconds never mix silently.

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A duration or instant in milliseconds (wall clock or simulated). */
export type Ms = Brand<number, 'ms'>;
/** A duration in nanoseconds (GPU timestamps). Convert once, in runtime. */
export type Ns = Brand<number, 'ns'>;
/** A rate in events per second. */
export type PerSec = Brand<number, 'per-sec'>;

export const ms = (value: number): Ms => value as Ms;
export const ns = (value: number): Ns => value as Ns;
export const perSec = (value: number): PerSec => value as PerSec;
/** Milliseconds, or null for a missing value (null or undefined). */
export const msOrNull = (value: number | null | undefined): Ms | null => (value === null || value === undefined ? null : (value as Ms));

/** Nanoseconds to milliseconds. */
export const nsToMs = (value: Ns): Ms => (value / 1e6) as Ms;
/** Milliseconds to nanoseconds. */
export const msToNs = (value: Ms): Ns => (value * 1e6) as Ns;

/** A source of the current time in ms; injected so core never reads a real clock. */
export type Clock = () => Ms;
