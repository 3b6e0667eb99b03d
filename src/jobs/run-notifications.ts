import type { Redis } from 'ioredis';
import { runProgressReply } from '../core/commands/replies/progress.ts';
import { runResultReply } from '../core/commands/replies/result.ts';
import type { ChatNotifier, Logger } from '../core/ports.ts';
import type { Platform } from '../core/use-cases/actor.ts';
import type { RunRecord } from '../core/use-cases/store-ports.ts';
import { toRunView } from '../core/use-cases/views.ts';

/** Slack allows about one update per second per message; Discord a few per 5 s. Stay well inside both. */
const PROGRESS_EVERY_MS = 3000;

/**
 * Posts progress and the final card back to the chat a run came from. The progress throttle is a
 * Redis key, so several worker processes together still update a message at most once per interval.
 */
export function createRunNotifications(options: {
  notifiers: Partial<Record<Platform, ChatNotifier>>;
  redis: Redis;
  prefix: string;
  publicUrl: string;
  logger: Logger;
  /** The chart posted with the result, as PNG bytes; undefined when there is nothing to draw. */
  chartOf: (run: RunRecord) => Promise<Uint8Array | undefined>;
  /** Remembers the progress message so later updates edit it. */
  saveChat: (run: RunRecord, chat: NonNullable<RunRecord['chat']>) => Promise<void>;
}) {
  const notifierOf = (run: RunRecord) => (run.chat ? options.notifiers[run.chat.platform] : undefined);

  return {
    async progress(run: RunRecord, force = false): Promise<void> {
      const notifier = notifierOf(run);
      if (!notifier || !run.chat) return;
      if (!force) {
        const key = `${options.prefix}:notify:${run.id}`;
        if ((await options.redis.set(key, '1', 'PX', PROGRESS_EVERY_MS, 'NX')) !== 'OK') return;
      }
      try {
        const chat = await notifier.showProgress(run.chat, runProgressReply(toRunView(run, options.publicUrl)));
        if (chat.messageId !== run.chat.messageId) await options.saveChat(run, chat);
      } catch (error) {
        options.logger.warn({ runId: run.id, err: error }, 'could not update the progress message');
      }
    },
    async finished(run: RunRecord): Promise<void> {
      const notifier = notifierOf(run);
      if (!notifier || !run.chat) return;
      try {
        const view = toRunView(run, options.publicUrl);
        await notifier.showProgress(run.chat, runProgressReply(view));
        const png = await options.chartOf(run);
        const chart = png ? { filename: `${run.benchmarkName}-results.png`, data: png } : undefined;
        await notifier.postResult(run.chat, runResultReply(view, chart));
      } catch (error) {
        options.logger.warn({ runId: run.id, err: error }, 'could not post the run result');
      }
    },
  };
}
export type RunNotifications = ReturnType<typeof createRunNotifications>;
