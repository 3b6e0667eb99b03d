import type { Redis } from 'ioredis';
import type { Model } from 'mongoose';
import { assertTransition, IllegalTransitionError, type RunStatus } from '../core/run/status.ts';
import type { RunDoc } from './models/run.ts';
import { withRedisLock } from './redis-lock.ts';

/**
 * Moves a run to `to` only if its current status allows it. The read and the write happen under a
 * per-run lock, so two processes racing on the same run cannot both win.
 */
export async function transitionRun(
  deps: { Run: Model<RunDoc>; redis: Redis },
  runId: string,
  to: RunStatus,
  fields: Partial<RunDoc> = {},
): Promise<RunDoc> {
  return withRedisLock(deps.redis, `bh:lock:run:${runId}`, async () => {
    const current = await deps.Run.findById(runId, { status: 1 }).lean<Pick<RunDoc, 'status'>>();
    if (!current) throw new IllegalTransitionError(runId, 'unknown', to);
    assertTransition(runId, current.status as RunStatus, to);
    const updated = await deps.Run.findByIdAndUpdate(
      runId,
      { $set: { ...fields, status: to } },
      { new: true },
    ).lean<RunDoc>();
    if (!updated) throw new IllegalTransitionError(runId, 'unknown', to);
    return updated;
  });
}
