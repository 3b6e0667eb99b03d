import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisButtonValues } from '../../../src/bots/discord/button-values.ts';
import { createDiscordBot, type DiscordBot } from '../../../src/bots/discord/create-discord-bot.ts';
import { createRedisPendingForms, pendingFormKey } from '../../../src/bots/discord/pending-forms.ts';
import { registerCommands } from '../../../src/bots/discord/register-commands.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { FakeDiscord, type FakeUser, type StoredMessage } from '../../support/fake-discord.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { openRedis } from '../../support/services.ts';

const user: FakeUser = { id: '8001', name: 'Eve' };
const CASES = 'What is 2 + 2? => 4\nWhat is 3 + 3? => 6';

function embedText(message: StoredMessage): string {
  return message.embeds.map((embed) => [embed.title, embed.description].join('\n')).join('\n');
}

describe('Discord forms outlive the bot process that opened them', () => {
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

  async function stopBot(bot: DiscordBot): Promise<void> {
    running.delete(bot);
    await bot.stop();
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start(['Shared Guild']);
    harness = await startHarness({ worker: false });
    await registerCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
  });
  afterAll(async () => {
    for (const bot of running) await bot.stop();
    for (const redis of connections) redis.disconnect();
    await harness?.close();
    await fake?.close();
  });

  it('reopens and saves a form through a second bot after the first one is gone', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    const first = await startBot();
    const opened = fake.command(guild, user, 'new');
    expect((await fake.callbackOf(opened)).type).toBe(9);
    const problems = await fake.responseOf(fake.submitModal(guild, user, opened, { name: 'Shared', cases: '' }));
    expect(embedText(problems)).toContain('Not saved yet');

    // The process that kept the user's input stops (a restart, or another replica takes the click).
    await stopBot(first);
    await startBot();

    const reopen = fake.click(guild, user, problems.id, 'Fix and resubmit');
    const reopened = await fake.callbackOf(reopen);
    expect(reopened.type).toBe(9);
    const nameInput = (reopened.data.components as { component: { custom_id: string; value?: string } }[]).find(
      (label) => label.component.custom_id === 'name',
    );
    expect(nameInput?.component.value).toBe('Shared');
    const saved = await fake.responseOf(fake.submitModal(guild, user, reopen, { cases: CASES, models: 'demo:smart' }));
    expect(embedText(saved)).toContain('Saved **Shared** v1: 2 cases');
    expect(fake.calls.filter((call) => call.status >= 400)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps no interaction token, expires in 30 minutes and reads a malformed entry as expired', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    const opened = fake.command(guild, user, 'new');
    const modal = await fake.callbackOf(opened);
    const formKey = String(modal.data.custom_id).split('|')[1] ?? '';
    const key = pendingFormKey(harness.services.prefix, formKey);
    const redis = connections[0] as Redis;
    const stored = (await redis.get(key)) ?? '';
    expect(JSON.parse(stored)).toMatchObject({ userId: user.id, form: { title: 'New benchmark' } });
    expect(stored).not.toContain(fake.interactions.get(opened)?.token);
    expect(await redis.pttl(key)).toBeGreaterThan(29 * 60_000);

    await redis.set(key, '{"form":"left by an older version"}', 'PX', 60_000);
    const submitted = fake.submitModal(guild, user, opened, { name: 'Broken', cases: CASES });
    expect(embedText(await fake.responseOf(submitted))).toContain('This form has expired');
    expect(errors).toEqual([]);
  });
});
