// Tests for LaneSessions without a browser: what a lane with no WebGPU device answers to fault injection.
import { describe, expect, it } from 'vitest';
import { LaneSessions } from './lane-sessions';

describe('LaneSessions.destroyDevice', () => {
  it('refuses clearly when the lane holds no WebGPU device', () => {
    const lost: string[] = [];
    const sessions = new LaneSessions((message) => lost.push(message));
    expect(() => sessions.destroyDevice()).toThrow('no session in this lane yet, so no WebGPU device to destroy');
    expect(lost).toEqual([]);
  });
});
