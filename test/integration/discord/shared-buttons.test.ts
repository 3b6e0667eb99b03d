import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonValueKey, createRedisButtonValues } from '../../../src/bots/discord/button-values.ts';
import { createDiscordNotifier } from '../../../src/bots/discord/discord-notifier.ts';
import type { FakeUser, StoredMessage } from '../../support/fake-discord.ts';
import { embedText, type SharedBots, startSharedBots } from '../../support/shared-discord-bots.ts';

const user: FakeUser = { id: '8101', name: 'Max' };
const CASES = 'What is 2 + 2? => 4\nWhat is 3 + 3? => 6';
// 100 characters, the longest name a benchmark may have: `b|benchmark.show|<name>` cannot fit in 100.
const LONG_NAME = `Support bot | answers ${'x'.repeat(78)}`;

function customIds(message: StoredMessage): string[] {
  return message.components.flatMap((row) => (row.components as { custom_id: string }[]).map((b) => b.custom_id));
}

describe('Discord buttons with long values outlive the bot process that rendered them', () => {
  let bots: SharedBots;
  beforeAll(async () => {
    bots = await startSharedBots('Button Guild');
  });
  afterAll(() => bots?.close());

  /** A worker's notifier as its own process builds it: REST only, its own Redis connection. */
  function workerNotifier() {
    const redis = bots.connect();
    const buttons = createRedisButtonValues({ redis, prefix: bots.harness.services.prefix });
    return createDiscordNotifier(new REST({ api: bots.fake.apiUrl }).setToken(bots.fake.token), buttons);
  }

  it('answers a click on a long-valued button through a second bot after the first one is gone', async () => {
    const [guild] = bots.fake.guilds;
    if (!guild) throw new Error('no guild');
    const first = await bots.startBot();
    const opened = bots.fake.command(guild, user, 'new');
    expect((await bots.fake.callbackOf(opened)).type).toBe(9);
    const submitted = bots.fake.submitModal(guild, user, opened, {
      name: LONG_NAME,
      cases: CASES,
      models: 'demo:smart',
    });
    const saved = await bots.fake.responseOf(submitted);
    expect(embedText(saved)).toContain(`Saved **${LONG_NAME}** v1`);
    // The name does not fit in the custom id: the button carries a reference to it.
    expect(customIds(saved).every((id) => id.length <= 100 && !id.includes(LONG_NAME))).toBe(true);

    // The process that rendered the buttons stops (a restart, or another replica takes the click).
    await bots.stopBot(first);
    await bots.startBot();

    const shown = await bots.fake.responseOf(bots.fake.click(guild, user, saved.id, 'Show'));
    expect(embedText(shown)).not.toContain('This button has expired');
    expect(embedText(shown)).toContain(LONG_NAME);
    expect(embedText(shown)).toContain('Versions');
    expect(bots.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
    expect(bots.errors).toEqual([]);
  });

  it('answers a click on a long-valued button the worker posted through its notifier', async () => {
    const [guild] = bots.fake.guilds;
    if (!guild) throw new Error('no guild');
    const chat = {
      platform: 'discord' as const,
      channelId: guild.channelId,
      threadId: '',
      messageId: '',
      userId: user.id,
    };
    await workerNotifier().postResult(chat, {
      kind: 'message',
      text: 'Results',
      blocks: [
        { type: 'header', text: 'Results' },
        { type: 'buttons', buttons: [{ action: 'benchmark.show', label: 'Show', value: LONG_NAME, style: 'default' }] },
      ],
      private: false,
    });
    const posted = bots.fake.channelMessages(guild.channelId).at(-1);
    if (!posted) throw new Error('nothing posted');
    const shown = await bots.fake.responseOf(bots.fake.click(guild, user, posted.id, 'Show'));
    expect(embedText(shown)).toContain(LONG_NAME);
    expect(bots.errors).toEqual([]);
  });

  it('keeps a value for a day and reads a damaged or mismatched entry as an expired button', async () => {
    const [guild] = bots.fake.guilds;
    if (!guild) throw new Error('no guild');
    const listed = await bots.fake.responseOf(bots.fake.command(guild, user, 'show', { benchmark: LONG_NAME }));
    const runButton = customIds(listed).find((id) => id.startsWith('b|benchmark.run|~')) ?? '';
    const key = buttonValueKey(bots.harness.services.prefix, runButton.split('~')[1] ?? '');
    const redis = bots.connect();
    expect(JSON.parse((await redis.get(key)) ?? '{}')).toEqual({ action: 'benchmark.run', value: LONG_NAME });
    expect(await redis.pttl(key)).toBeGreaterThan(23 * 3600_000);

    for (const damaged of [
      '{"action":"benchmark.run"}',
      'not json',
      JSON.stringify({ action: 'benchmark.delete', value: LONG_NAME }),
    ]) {
      await redis.set(key, damaged, 'PX', 60_000);
      const clicked = await bots.fake.responseOf(bots.fake.click(guild, user, listed.id, 'Run'));
      expect(embedText(clicked)).toContain('This button has expired');
    }
    await redis.del(key);
    const gone = await bots.fake.responseOf(bots.fake.click(guild, user, listed.id, 'Run'));
    expect(embedText(gone)).toContain('This button has expired');
    expect(bots.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
    expect(bots.errors).toEqual([]);
  });
});
