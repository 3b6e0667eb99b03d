import type { Redis } from 'ioredis';
import { createRedisButtonValues } from '../../src/bots/discord/button-values.ts';
import { createDiscordBot, type DiscordBot } from '../../src/bots/discord/create-discord-bot.ts';
import { createRedisPendingForms } from '../../src/bots/discord/pending-forms.ts';
import { registerCommands } from '../../src/bots/discord/register-commands.ts';
import type { Logger } from '../../src/core/ports.ts';
import { FakeDiscord, type StoredMessage } from './fake-discord.ts';
import { startHarness } from './harness.ts';
import { openRedis } from './services.ts';

/** The title and description of every embed of a message, as a user reads them. */
export function embedText(message: StoredMessage): string {
  return message.embeds.map((embed) => [embed.title, embed.description].join('\n')).join('\n');
}

/**
 * A fake Discord with `/bench` registered, the service stack without a worker, and bots started
 * one after another as separate processes would build them: each with its own Redis connection to
 * the same Redis and prefix. Errors the bots log are collected in `errors`.
 */
export async function startSharedBots(guildName: string) {
  const fake = await FakeDiscord.start([guildName]);
  const harness = await startHarness({ worker: false });
  await registerCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
  const connections: Redis[] = [];
  const running = new Set<DiscordBot>();
  const errors: unknown[] = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (obj, msg) => errors.push({ obj, msg }) };

  /** A Redis connection of its own, as another process has. */
  function connect(): Redis {
    const redis = openRedis();
    connections.push(redis);
    return redis;
  }

  return {
    fake,
    harness,
    errors,
    connect,
    async startBot(): Promise<DiscordBot> {
      const redis = connect();
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
    },
    async stopBot(bot: DiscordBot): Promise<void> {
      running.delete(bot);
      await bot.stop();
    },
    async close(): Promise<void> {
      for (const bot of running) await bot.stop();
      for (const redis of connections) redis.disconnect();
      await harness.close();
      await fake.close();
    },
  };
}
export type SharedBots = Awaited<ReturnType<typeof startSharedBots>>;
