import { DiscordAPIError, type REST, Routes } from 'discord.js';
import type { Reply } from '../../core/commands/reply.ts';
import type { ChatNotifier } from '../../core/ports.ts';
import type { ChatRef } from '../../core/use-cases/actor.ts';
import type { ButtonValues } from './button-values.ts';
import { renderMessageStoring } from './custom-ids.ts';
import type { DiscordMessage } from './render-message.ts';

const UNKNOWN_MESSAGE = 10008;

function body(message: DiscordMessage): Record<string, unknown> {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    attachments: message.files.map((file, id) => ({ id, filename: file.filename })),
  };
}

function files(message: DiscordMessage) {
  return message.files.map((file) => ({
    name: file.filename,
    data: Buffer.from(file.data),
    contentType: file.contentType,
  }));
}

// Long button values are stored before the message goes out: any bot process may take the click.
async function rendered(reply: Reply, buttons: ButtonValues): Promise<DiscordMessage> {
  if (reply.kind !== 'message' && reply.kind !== 'file') {
    throw new Error(`a ${reply.kind} reply cannot be posted to a channel`);
  }
  return renderMessageStoring(reply, buttons);
}

/**
 * Posts run progress and results into the Discord channel a run came from, with the bot token through
 * the channel API. Interaction tokens die after 15 minutes and must not be stored with the run, so the
 * progress message is a channel message from the start: it can be edited for as long as the run lasts.
 */
export function createDiscordNotifier(rest: REST, buttons: ButtonValues): ChatNotifier {
  const channelOf = (chat: ChatRef) => chat.threadId || chat.channelId;
  const post = async (chat: ChatRef, message: DiscordMessage, replyTo?: string): Promise<string> => {
    const reference = replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {};
    const created = (await rest.post(Routes.channelMessages(channelOf(chat)), {
      body: { ...body(message), ...reference },
      files: files(message),
    })) as { id: string };
    return created.id;
  };
  return {
    async showProgress(chat, reply) {
      const message = await rendered(reply, buttons);
      if (chat.messageId) {
        try {
          await rest.patch(Routes.channelMessage(channelOf(chat), chat.messageId), {
            body: body(message),
            files: files(message),
          });
          return chat;
        } catch (error) {
          // Someone deleted the progress message: start a new one rather than going silent.
          if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE)) throw error;
        }
      }
      return { ...chat, messageId: await post(chat, message) };
    },
    async postResult(chat, reply) {
      await post(chat, await rendered(reply, buttons), chat.messageId || undefined);
    },
  };
}
