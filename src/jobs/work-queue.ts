import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type WorkItem, workItemKey } from '../core/run/plan.ts';
import type { RunQueue } from '../core/use-cases/store-ports.ts';
import { cancelChannel, cancelledKey } from './cancellation.ts';

export const WORK_QUEUE = 'work';

/** The payload of one work-item job; re-validated when a worker takes it. */
export const WorkJobSchema = z.object({
  runId: z.string().regex(/^[0-9a-f]{24}$/),
  caseId: z.string().min(1),
  model: z.string().min(1),
  sample: z.number().int().min(0),
});
export type WorkJob = z.infer<typeof WorkJobSchema>;

/** BullMQ priorities: lower runs first. Every job has one, so FIFO holds within a class. */
const PRIORITY = { interactive: 1, batch: 50 } as const;

/** Whether a job was queued as part of a small (interactive) run; its model calls then get that priority too. */
export function isInteractiveJob(job: { priority: number }): boolean {
  return job.priority === PRIORITY.interactive;
}

/** A deterministic job id (no `:`, which BullMQ refuses): the same item is never queued twice. */
export function workJobId(runId: string, item: WorkItem): string {
  return `${runId}-${createHash('sha1').update(workItemKey(item)).digest('hex').slice(0, 20)}`;
}

export interface WorkQueueOptions {
  redis: Redis;
  /** Key prefix of every BullMQ key (tests use their own). */
  prefix: string;
  /** Attempts of a job whose call keeps failing with a transient error. */
  attempts?: number;
}

/** RunQueue on BullMQ: one job per work item. */
export function createWorkQueue(options: WorkQueueOptions): RunQueue & { queue: Queue; close(): Promise<void> } {
  const queue = new Queue(WORK_QUEUE, { connection: options.redis, prefix: options.prefix });
  const attempts = options.attempts ?? 5;
  return {
    queue,
    async enqueue(runId, items, { interactive }) {
      const priority = interactive ? PRIORITY.interactive : PRIORITY.batch;
      // The first chunk is small: workers start on it while the rest is still being added.
      for (let start = 0, size = 100; start < items.length; start += size, size = 500) {
        await queue.addBulk(
          items.slice(start, start + size).map((item) => ({
            name: 'call',
            data: { runId, ...item } satisfies WorkJob,
            opts: {
              jobId: workJobId(runId, item),
              priority,
              attempts,
              backoff: { type: 'exponential', delay: 1000 },
              // Finished jobs go away: the result in MongoDB is the record, and a removed id can be re-queued.
              removeOnComplete: true,
              removeOnFail: true,
            },
          })),
        );
      }
    },
    async cancel(runId) {
      await options.redis.set(cancelledKey(options.prefix, runId), '1', 'EX', 7 * 24 * 3600);
      await options.redis.publish(cancelChannel(options.prefix), runId);
    },
    close: () => queue.close(),
  };
}
