import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  IllegalTransitionError,
  isTerminal,
  RunStatusSchema,
  statusesBefore,
} from '../../../src/core/run/status.ts';

describe('run status machine', () => {
  it('allows the normal life of a run', () => {
    const path = ['awaiting_confirmation', 'queued', 'running', 'paused_budget', 'running', 'completed'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('refuses to leave a terminal status', () => {
    for (const terminal of ['completed', 'failed', 'cancelled', 'expired'] as const) {
      expect(isTerminal(terminal)).toBe(true);
      for (const to of RunStatusSchema.options) expect(canTransition(terminal, to)).toBe(false);
    }
  });

  it('refuses skipping confirmation and reviving a cancelled run', () => {
    expect(() => assertTransition('r1', 'awaiting_confirmation', 'running')).toThrow(IllegalTransitionError);
    expect(() => assertTransition('r1', 'cancelled', 'running')).toThrow('Run r1 cannot go from cancelled to running.');
  });

  it('lists the statuses a transition may start from', () => {
    expect(statusesBefore('running').sort()).toEqual(['paused_budget', 'queued']);
    expect(statusesBefore('expired')).toEqual(['awaiting_confirmation']);
  });
});
