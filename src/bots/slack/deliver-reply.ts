import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply, ReplyAttachment } from '../../core/commands/reply.ts';
import { renderBlocks, renderFallback } from './render-blocks.ts';
import { renderModal } from './render-modal.ts';

/** Where a reply goes: the request's channel and user, and what Slack gave us to answer it. */
export interface SlackTarget {
  client: webApi.WebClient;
  channelId: string;
  userId: string;
  /** The request's `response_url` (slash commands, buttons); posts there need no channel membership. */
  respond?: RespondFn;
  /** Opens modals; valid 3 seconds after the request. */
  triggerId?: string;
  threadTs?: string;
}

/** Uploads files with `files.uploadV2` (`files.upload` no longer works for new apps). */
export async function uploadFiles(
  client: webApi.WebClient,
  channelId: string,
  attachments: ReplyAttachment[],
  options: { threadTs?: string; comment?: string } = {},
): Promise<void> {
  await client.filesUploadV2({
    channel_id: channelId,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    ...(options.comment ? { initial_comment: options.comment } : {}),
    file_uploads: attachments.map((attachment) => ({
      file: Buffer.from(attachment.data),
      filename: attachment.filename,
      title: attachment.filename,
    })),
  } as webApi.FilesUploadV2Arguments);
}

async function deliverMessage(target: SlackTarget, reply: Extract<Reply, { kind: 'message' }>): Promise<void> {
  const blocks = renderBlocks(reply.blocks);
  const text = renderFallback(reply.text);
  if (reply.attachments?.length && target.channelId) {
    await uploadFiles(
      target.client,
      target.channelId,
      reply.attachments,
      target.threadTs ? { threadTs: target.threadTs } : {},
    );
  }
  if (target.respond) {
    await target.respond({
      response_type: reply.private ? 'ephemeral' : 'in_channel',
      replace_original: reply.replaceOriginal === true,
      text,
      blocks,
    });
    return;
  }
  if (reply.private) {
    await target.client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text, blocks });
    return;
  }
  await target.client.chat.postMessage({
    channel: target.channelId,
    text,
    blocks,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
  });
}

/** Slack has no private files in channels, so a private file goes to the user's direct messages. */
async function deliverFile(target: SlackTarget, reply: Extract<Reply, { kind: 'file' }>): Promise<void> {
  const channelId = reply.private
    ? ((await target.client.conversations.open({ users: target.userId })).channel?.id ?? '')
    : target.channelId;
  await uploadFiles(target.client, channelId, [reply.attachment], { comment: reply.text });
  if (reply.private && target.respond) {
    await target.respond({
      response_type: 'ephemeral',
      text: `Sent ${reply.attachment.filename} to your direct messages.`,
    });
  }
}

/** Sends a reply of the command layer to Slack. `form-errors` only exist for modal submissions, answered in the ack. */
export async function deliverReply(target: SlackTarget, reply: Reply): Promise<void> {
  switch (reply.kind) {
    case 'message':
      return deliverMessage(target, reply);
    case 'form':
      if (!target.triggerId) throw new Error('a form reply needs a trigger_id');
      await target.client.views.open({
        trigger_id: target.triggerId,
        view: renderModal(reply.form, { state: reply.form.state, channelId: target.channelId }) as never,
      });
      return;
    case 'file':
      return deliverFile(target, reply);
    case 'form-errors':
      return;
  }
}
