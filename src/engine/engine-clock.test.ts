// The worker's task timers: never early (whole ms rounded up), never clamped (fired from a message task), cancellable, lazy.
import { describe, expect, it } from 'vitest';
import { taskTimers, type TimerHost } from './engine-clock';

/** A host whose timeouts and messages run only when the test says so. */
function fakeHost() {
  const timeouts = new Map<number, { fire: () => void; delayMs: number }>();
  const messages: unknown[] = [];
  let channels = 0;
  let receiver: ((event: { data: unknown }) => void) | null = null;
  let nextTimeout = 0;
  const host: TimerHost = {
    setTimeout: (fire, delayMs) => {
      timeouts.set(nextTimeout, { fire, delayMs });
      return nextTimeout++;
    },
    clearTimeout: (id) => void timeouts.delete(id as number),
    createChannel: () => {
      channels++;
      const port1 = {
        get onmessage() {
          return receiver;
        },
        set onmessage(f: ((event: { data: unknown }) => void) | null) {
          receiver = f;
        },
      };
      return { port1, port2: { postMessage: (data: unknown) => void messages.push(data) } };
    },
  };
  return {
    host,
    timeouts,
    channels: () => channels,
    /** Runs every elapsed timeout, then delivers every message, in order. */
    flush(): void {
      for (const [id, t] of [...timeouts]) {
        timeouts.delete(id);
        t.fire();
      }
      while (messages.length > 0) receiver?.({ data: messages.shift() });
    },
  };
}

describe('taskTimers', () => {
  it.each([
    [0, null],
    [-3, null],
    [0.3, 1],
    [2.9, 3],
    [4, 4],
  ])('a delay of %s ms waits %s whole ms in setTimeout (null: a message at once)', (delayMs, waitMs) => {
    const fake = fakeHost();
    const fired: number[] = [];
    taskTimers(fake.host)(() => fired.push(1), delayMs);
    expect([...fake.timeouts.values()].map((t) => t.delayMs)).toEqual(waitMs === null ? [] : [waitMs]);
    expect(fired).toEqual([]); // never inside the call that set it
    fake.flush();
    expect(fired).toEqual([1]);
  });

  it('fires timers due together in the order they were set', () => {
    const fake = fakeHost();
    const setTimer = taskTimers(fake.host);
    const fired: string[] = [];
    for (const name of ['a', 'b', 'c']) setTimer(() => fired.push(name), 0);
    fake.flush();
    expect(fired).toEqual(['a', 'b', 'c']);
  });

  it.each([0, 2.5])('a timer of %s ms cancelled before it fires never fires', (delayMs) => {
    const fake = fakeHost();
    const fired: number[] = [];
    const cancel = taskTimers(fake.host)(() => fired.push(1), delayMs);
    cancel();
    expect(fake.timeouts.size).toBe(0);
    fake.flush();
    expect(fired).toEqual([]);
  });

  it('opens its channel on first use only', () => {
    const fake = fakeHost();
    const setTimer = taskTimers(fake.host);
    expect(fake.channels()).toBe(0);
    setTimer(() => undefined, 1);
    setTimer(() => undefined, 0);
    expect(fake.channels()).toBe(1);
  });
});
