import type { Reply, ReplyBlock } from '../reply.ts';

export type MessageReply = Extract<Reply, { kind: 'message' }>;

/** A message reply; `private` by default because most answers concern only the requester. */
export function message(
  text: string,
  blocks: ReplyBlock[],
  options: { private?: boolean; replaceOriginal?: boolean } = {},
): MessageReply {
  return {
    kind: 'message',
    text,
    blocks,
    private: options.private ?? true,
    ...(options.replaceOriginal ? { replaceOriginal: true } : {}),
  };
}

/** A one-line confirmation or notice. */
export function notice(text: string, options: { private?: boolean; replaceOriginal?: boolean } = {}): MessageReply {
  return message(text, [{ type: 'text', text }], options);
}
