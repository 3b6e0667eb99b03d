import { REST } from 'discord.js';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonValueKey, createRedisButtonValues } from '../../../src/bots/discord/button-values.ts';
import { createDiscordBot, type DiscordBot } from '../../../src/bots/discord/create-discord-bot.ts';
import { createDiscordNotifier } from '../../../src/bots/discord/discord-notifier.ts';
import { createRedisPendingForms } from '../../../src/bots/discord/pending-forms.ts';
import { registerCommands } from '../../../src/bots/discord/register-commands.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { FakeDiscord, type FakeUser, type StoredMessage } from '../../support/fake-discord.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { openRedis } from '../../support/services.ts';

const user: FakeUser = { id: '8101', name: 'Max' };
const CASES = 'What is 2 + 2? => 4\nWhat is 3 + 3? => 6';
// 100 characters, the longest name a benchmark may have: `b|benchmark.show|<name>` cannot fit in 100.
const LONG_NAME = `Support bot | answers ${'x'.repeat(78)}`;

function embedText(message: StoredMessage): string {
  return message.embeds.map((embed) => [embed.title, embed.description].join('\n')).join('\n');
}

function customIds(message: StoredMessage): string[] {
  return message.components.flatMap((row) => (row.components as { custom_id: string }[]).map((b) => b.custom_id));
}

describe('Discord buttons with long values outlive the bot process that rendered them', () => {
  let fake: FakeDiscord;
  let harness: Harness;
  const connections: Redis[] = [];
  const running = new Set<DiscordBot>();
  const errors: unknown[] = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (obj, msg) => errors.push({ obj, msg }) };

  /** A bot as another process would build it: its own Redis connection, the same Redis and prefix. */
  async function startBot(): Promise<DiscordBot> {
    const redis = openRedis();
    connections.push(redis);
    const bot = createDiscordBot({
      token: fake.token,
      hub: harness.hub,
      logger,
      apiUrl: fake.apiUrl,
      forms: createRedisPendingForms({ redis, prefix: harness.services.prefix }),
      buttons: createRedisButtonValues({ redis, prefix: harness.services.prefix }),
    });
    await bot.start();
    running.add(bot);
    return bot;
  }

  /** A worker's notifier as its own process builds it: REST only, its own Redis connection. */
  function workerNotifier() {
    const redis = openRedis();
    connections.push(redis);
    const buttons = createRedisButtonValues({ redis, prefix: harness.services.prefix });
    return createDiscordNotifier(new REST({ api: fake.apiUrl }).setToken(fake.token), buttons);
  }

  async function stopBot(bot: DiscordBot): Promise<void> {
    running.delete(bot);
    await bot.stop();
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start(['Button Guild']);
    harness = await startHarness({ worker: false });
    await registerCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
  });
  afterAll(async () => {
    for (const bot of running) await bot.stop();
    for (const redis of connections) redis.disconnect();
    await harness?.close();
    await fake?.close();
  });

  it('answers a click on a long-valued button through a second bot after the first one is gone', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    const first = await startBot();
    const opened = fake.command(guild, user, 'new');
    expect((await fake.callbackOf(opened)).type).toBe(9);
    const submitted = fake.submitModal(guild, user, opened, { name: LONG_NAME, cases: CASES, models: 'demo:smart' });
    const saved = await fake.responseOf(submitted);
    expect(embedText(saved)).toContain(`Saved **${LONG_NAME}** v1`);
    // The name does not fit in the custom id: the button carries a reference to it.
    expect(customIds(saved).every((id) => id.length <= 100 && !id.includes(LONG_NAME))).toBe(true);

    // The process that rendered the buttons stops (a restart, or another replica takes the click).
    await stopBot(first);
    await startBot();

    const shown = await fake.responseOf(fake.click(guild, user, saved.id, 'Show'));
    expect(embedText(shown)).not.toContain('This button has expired');
    expect(embedText(shown)).toContain(LONG_NAME);
    expect(embedText(shown)).toContain('Versions');
    expect(fake.calls.filter((call) => call.status >= 400)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('answers a click on a long-valued button the worker posted through its notifier', async () => {
    const [guild] = fake.guilds;
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
    const posted = fake.channelMessages(guild.channelId).at(-1);
    if (!posted) throw new Error('nothing posted');
    const shown = await fake.responseOf(fake.click(guild, user, posted.id, 'Show'));
    expect(embedText(shown)).toContain(LONG_NAME);
    expect(errors).toEqual([]);
  });

  it('keeps a value for a day and reads a damaged or mismatched entry as an expired button', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    const listed = await fake.responseOf(fake.command(guild, user, 'show', { benchmark: LONG_NAME }));
    const runButton = customIds(listed).find((id) => id.startsWith('b|benchmark.run|~')) ?? '';
    const key = buttonValueKey(harness.services.prefix, runButton.split('~')[1] ?? '');
    const redis = connections[0] as Redis;
    expect(JSON.parse((await redis.get(key)) ?? '{}')).toEqual({ action: 'benchmark.run', value: LONG_NAME });
    expect(await redis.pttl(key)).toBeGreaterThan(23 * 3600_000);

    for (const damaged of [
      '{"action":"benchmark.run"}',
      'not json',
      JSON.stringify({ action: 'benchmark.delete', value: LONG_NAME }),
    ]) {
      await redis.set(key, damaged, 'PX', 60_000);
      const clicked = await fake.responseOf(fake.click(guild, user, listed.id, 'Run'));
      expect(embedText(clicked)).toContain('This button has expired');
    }
    await redis.del(key);
    const gone = await fake.responseOf(fake.click(guild, user, listed.id, 'Run'));
    expect(embedText(gone)).toContain('This button has expired');
    expect(fake.calls.filter((call) => call.status >= 400)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
