import type { webApi } from '@slack/bolt';
import type { Reply } from '../../core/commands/reply.ts';
import type { ChatNotifier } from '../../core/ports.ts';
import type { ChatRef } from '../../core/use-cases/actor.ts';
import { uploadFiles } from './deliver-reply.ts';
import { renderBlocks, renderFallback } from './render-blocks.ts';

function messageOf(reply: Reply): Extract<Reply, { kind: 'message' }> {
  if (reply.kind !== 'message') throw new Error(`the Slack notifier posts messages, not ${reply.kind}`);
  return reply;
}

/**
 * Posts run progress and results to Slack: one channel message updated in place with
 * `chat.update`, then the chart (files.uploadV2) and the summary in that message's thread.
 */
export function createSlackNotifier(client: webApi.WebClient): ChatNotifier {
  return {
    async showProgress(chat: ChatRef, reply: Reply): Promise<ChatRef> {
      const message = messageOf(reply);
      const payload = {
        channel: chat.channelId,
        text: renderFallback(message.text),
        blocks: renderBlocks(message.blocks),
      };
      if (chat.messageId) {
        await client.chat.update({ ...payload, ts: chat.messageId });
        return chat;
      }
      const posted = await client.chat.postMessage(payload);
      const ts = posted.ts ?? '';
      return { ...chat, messageId: ts, threadId: chat.threadId || ts };
    },

    async postResult(chat: ChatRef, reply: Reply): Promise<void> {
      const message = messageOf(reply);
      const threadTs = chat.threadId || chat.messageId;
      if (message.attachments?.length) {
        await uploadFiles(client, chat.channelId, message.attachments, threadTs ? { threadTs } : {});
      }
      await client.chat.postMessage({
        channel: chat.channelId,
        text: renderFallback(message.text),
        blocks: renderBlocks(message.blocks),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    },
  };
}
