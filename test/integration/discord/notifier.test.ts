import { REST } from 'discord.js';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisButtonValues } from '../../../src/bots/discord/button-values.ts';
import { createDiscordNotifier } from '../../../src/bots/discord/discord-notifier.ts';
import type { Reply } from '../../../src/core/commands/reply.ts';
import { FakeDiscord } from '../../support/fake-discord.ts';
import { openRedis, uniqueName } from '../../support/services.ts';

const progress = (done: number): Reply => ({
  kind: 'message',
  text: `${done}/4`,
  blocks: [
    { type: 'header', text: 'Run r1' },
    { type: 'progress', done, total: 4, label: '2 models' },
  ],
  private: false,
});

describe('the Discord notifier', () => {
  let fake: FakeDiscord;
  let redis: Redis;
  beforeAll(async () => {
    fake = await FakeDiscord.start(['Guild N']);
    redis = openRedis();
  });
  afterAll(async () => {
    redis?.disconnect();
    await fake?.close();
  });

  it('posts progress once, edits it in place, and starts over when the message was deleted', async () => {
    const channelId = fake.guilds[0]?.channelId ?? '';
    const buttons = createRedisButtonValues({ redis, prefix: uniqueName('bht') });
    const notifier = createDiscordNotifier(new REST({ api: fake.apiUrl }).setToken(fake.token), buttons);
    const chat = { platform: 'discord' as const, channelId, threadId: '', messageId: '', userId: 'u1' };
    const posted = await notifier.showProgress(chat, progress(1));
    expect(posted.messageId).not.toBe('');
    expect(await notifier.showProgress(posted, progress(3))).toEqual(posted);
    const message = fake.messages.get(posted.messageId);
    expect(message?.versions.map((v) => (v.embeds[0] as { description: string }).description)).toEqual([
      expect.stringContaining('1/4'),
      expect.stringContaining('3/4'),
    ]);

    fake.messages.delete(posted.messageId);
    const again = await notifier.showProgress(posted, progress(4));
    expect(again.messageId).not.toBe(posted.messageId);
    expect(fake.channelMessages(channelId)).toHaveLength(1);

    await notifier.postResult(again, {
      kind: 'message',
      text: 'done',
      blocks: [
        { type: 'header', text: 'Results' },
        { type: 'image', attachment: 'chart.png', alt: 'chart' },
      ],
      private: false,
      attachments: [{ filename: 'chart.png', contentType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) }],
    });
    const result = fake.channelMessages(channelId).at(-1);
    expect(result?.attachments).toEqual([expect.objectContaining({ filename: 'chart.png', size: 4 })]);
    const call = fake.calls.at(-1);
    expect(call?.body.message_reference).toMatchObject({ message_id: again.messageId });
  });
});
