import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingFormKey } from '../../../src/bots/discord/pending-forms.ts';
import type { FakeUser } from '../../support/fake-discord.ts';
import { embedText, type SharedBots, startSharedBots } from '../../support/shared-discord-bots.ts';

const user: FakeUser = { id: '8001', name: 'Eve' };
const CASES = 'What is 2 + 2? => 4\nWhat is 3 + 3? => 6';

describe('Discord forms outlive the bot process that opened them', () => {
  let bots: SharedBots;
  beforeAll(async () => {
    bots = await startSharedBots('Shared Guild');
  });
  afterAll(() => bots?.close());

  it('reopens and saves a form through a second bot after the first one is gone', async () => {
    const [guild] = bots.fake.guilds;
    if (!guild) throw new Error('no guild');
    const first = await bots.startBot();
    const opened = bots.fake.command(guild, user, 'new');
    expect((await bots.fake.callbackOf(opened)).type).toBe(9);
    const problems = await bots.fake.responseOf(
      bots.fake.submitModal(guild, user, opened, { name: 'Shared', cases: '' }),
    );
    expect(embedText(problems)).toContain('Not saved yet');

    // The process that kept the user's input stops (a restart, or another replica takes the click).
    await bots.stopBot(first);
    await bots.startBot();

    const reopen = bots.fake.click(guild, user, problems.id, 'Fix and resubmit');
    const reopened = await bots.fake.callbackOf(reopen);
    expect(reopened.type).toBe(9);
    const nameInput = (reopened.data.components as { component: { custom_id: string; value?: string } }[]).find(
      (label) => label.component.custom_id === 'name',
    );
    expect(nameInput?.component.value).toBe('Shared');
    const saved = await bots.fake.responseOf(
      bots.fake.submitModal(guild, user, reopen, { cases: CASES, models: 'demo:smart' }),
    );
    expect(embedText(saved)).toContain('Saved **Shared** v1: 2 cases');
    expect(bots.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
    expect(bots.errors).toEqual([]);
  });

  it('keeps no interaction token, expires in 30 minutes and reads a malformed entry as expired', async () => {
    const [guild] = bots.fake.guilds;
    if (!guild) throw new Error('no guild');
    const opened = bots.fake.command(guild, user, 'new');
    const modal = await bots.fake.callbackOf(opened);
    const formKey = String(modal.data.custom_id).split('|')[1] ?? '';
    const key = pendingFormKey(bots.harness.services.prefix, formKey);
    const redis = bots.connect();
    const stored = (await redis.get(key)) ?? '';
    expect(JSON.parse(stored)).toMatchObject({ userId: user.id, form: { title: 'New benchmark' } });
    expect(stored).not.toContain(bots.fake.interactions.get(opened)?.token);
    expect(await redis.pttl(key)).toBeGreaterThan(29 * 60_000);

    await redis.set(key, '{"form":"left by an older version"}', 'PX', 60_000);
    const submitted = bots.fake.submitModal(guild, user, opened, { name: 'Broken', cases: CASES });
    expect(embedText(await bots.fake.responseOf(submitted))).toContain('This form has expired');
    expect(bots.errors).toEqual([]);
  });
});
