import type { Redis } from 'ioredis';
import type { Model } from 'mongoose';
import { assertTransition, IllegalTransitionError, type RunStatus } from '../core/run/status.ts';
import type { RunDoc } from './models/run.ts';
import { withRedisLock } from './redis-lock.ts';

/**
 * Moves a run to `to` only if its current status allows it (and is one of `from`, when given). The read and the write happen under a
 * per-run lock, so two processes racing on the same run cannot both win.
 */
export async function transitionRun(
  deps: { Run: Model<RunDoc>; redis: Redis },
  runId: string,
  to: RunStatus,
  fields: Partial<RunDoc> = {},
  from?: readonly RunStatus[],
): Promise<RunDoc> {
  return withRedisLock(deps.redis, `bh:lock:run:${runId}`, async () => {
    const current = await deps.Run.findById(runId, { status: 1 }).lean<Pick<RunDoc, 'status'>>();
    if (!current) throw new IllegalTransitionError(runId, 'unknown', to);
    const status = current.status as RunStatus;
    if (from && !from.includes(status)) throw new IllegalTransitionError(runId, status, to);
    assertTransition(runId, status, to);
    const updated = await deps.Run.findByIdAndUpdate(
      runId,
      { $set: { ...fields, status: to } },
      { returnDocument: 'after' },
    ).lean<RunDoc>();
    if (!updated) throw new IllegalTransitionError(runId, 'unknown', to);
    return updated;
  });
}
