import { z } from 'zod';
import { AppError } from '../errors.ts';

export const RunStatusSchema = z.enum([
  'awaiting_confirmation',
  'queued',
  'running',
  'paused_budget',
  'completed',
  'failed',
  'cancelled',
  'expired',
]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** Which status may follow which. A run never leaves a terminal status. */
const NEXT: Record<RunStatus, readonly RunStatus[]> = {
  awaiting_confirmation: ['queued', 'cancelled', 'expired'],
  queued: ['running', 'cancelled', 'failed'],
  running: ['completed', 'failed', 'cancelled', 'paused_budget'],
  paused_budget: ['queued', 'running', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
  expired: [],
};

export function isTerminal(status: RunStatus): boolean {
  return NEXT[status].length === 0;
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses a run may be in for `to` to be allowed next; used for atomic conditional updates. */
export function statusesBefore(to: RunStatus): RunStatus[] {
  return RunStatusSchema.options.filter((from) => canTransition(from, to));
}

export class IllegalTransitionError extends AppError {
  constructor(runId: string, from: RunStatus | 'unknown', to: RunStatus) {
    super('illegal_transition', `Run ${runId} cannot go from ${from} to ${to}.`);
    this.name = 'IllegalTransitionError';
  }
}

/** Throws unless `from → to` is allowed. */
export function assertTransition(runId: string, from: RunStatus, to: RunStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(runId, from, to);
}
