import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisButtonValues } from '../../../src/bots/discord/button-values.ts';
import { createDiscordBot, type DiscordBot } from '../../../src/bots/discord/create-discord-bot.ts';
import { createRedisPendingForms } from '../../../src/bots/discord/pending-forms.ts';
import { registerCommands } from '../../../src/bots/discord/register-commands.ts';
import type { Actor } from '../../../src/core/use-cases/actor.ts';
import type { BenchmarkHub } from '../../../src/core/use-cases/hub.ts';
import { FakeDiscord, type FakeUser } from '../../support/fake-discord.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const user: FakeUser = { id: '7001', name: 'Dee' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real hub behind a slow database: reads take longer than Discord's 3 seconds allow. */
function slowReads(hub: BenchmarkHub, delayMs: number): BenchmarkHub {
  return {
    ...hub,
    listBenchmarks: async (actor: Actor) => {
      await sleep(delayMs);
      return hub.listBenchmarks(actor);
    },
    showBenchmark: async (actor: Actor, name: string) => {
      await sleep(delayMs);
      return hub.showBenchmark(actor, name);
    },
  };
}

describe('Discord answers when the work is slow', () => {
  let fake: FakeDiscord;
  let harness: Harness;
  let bot: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start(['Slow Guild']);
    harness = await startHarness({ worker: false });
    bot = createDiscordBot({
      token: fake.token,
      hub: slowReads(harness.hub, 3500),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      apiUrl: fake.apiUrl,
      forms: createRedisPendingForms({ redis: harness.services.runtime.redis, prefix: harness.services.prefix }),
      buttons: createRedisButtonValues({ redis: harness.services.runtime.redis, prefix: harness.services.prefix }),
    });
    await registerCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await harness?.close();
    await fake?.close();
  });

  it('defers within the limit and edits the answer in later', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    const list = fake.command(guild, user, 'list');
    const first = await fake.callbackOf(list);
    expect(first.type).toBe(5);
    expect(first.at - (fake.interactions.get(list)?.dispatchedAt ?? 0)).toBeLessThan(3000);
    const answer = await fake.responseOf(list);
    expect(answer.flags & 64).toBe(64);
    expect(JSON.stringify(answer.embeds)).toMatch(/no benchmarks|bench new/i);
  });

  it('offers a button for a form that came too late for a modal', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    await harness.hub.saveBenchmark(
      {
        workspace: { platform: 'discord', externalId: guild.id, name: '' },
        userId: user.id,
        userName: '',
        platformAdmin: false,
      },
      { text: 'What is 1+1? => 2', name: 'Tiny' },
    );
    const edit = fake.command(guild, user, 'edit', { benchmark: 'Tiny' });
    expect((await fake.callbackOf(edit)).type).toBe(5);
    const opener = await fake.responseOf(edit);
    const click = fake.click(guild, user, opener.id, 'Open form');
    const modal = await fake.callbackOf(click);
    expect(modal.type).toBe(9);
    expect(modal.data.title).toBe('Edit benchmark');
    expect(fake.calls.filter((call) => call.status >= 400)).toEqual([]);
  });

  it('answers autocomplete in time even when the lookup is slower', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    const typed = fake.autocomplete(guild, user, 'show', 'benchmark', { benchmark: 'ti' });
    const choices = await fake.callbackOf(typed);
    expect(choices).toMatchObject({ type: 8, data: { choices: [] } });
    expect(choices.at - (fake.interactions.get(typed)?.dispatchedAt ?? 0)).toBeLessThan(3000);
  });
});
