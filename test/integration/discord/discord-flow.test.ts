import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisButtonValues } from '../../../src/bots/discord/button-values.ts';
import { createDiscordBot, type DiscordBot } from '../../../src/bots/discord/create-discord-bot.ts';
import { createRedisPendingForms } from '../../../src/bots/discord/pending-forms.ts';
import { registerCommands } from '../../../src/bots/discord/register-commands.ts';
import { createCanvasRenderer } from '../../../src/charts/canvas-renderer.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { startWorker } from '../../../src/jobs/start-worker.ts';
import { FakeDiscord, type FakeUser, type StoredMessage } from '../../support/fake-discord.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const admin: FakeUser = { id: '9001', name: 'Ada', admin: true };
const member: FakeUser = { id: '9002', name: 'Bob' };
const outsider: FakeUser = { id: '9003', name: 'Cy', admin: true };
const CASES = Array.from({ length: 6 }, (_, i) => `What is ${i} + ${i}? => ${2 * i}`).join('\n');

/** Collects error logs: the flow must not produce any. */
function recordingLogger(errors: unknown[]): Logger {
  return { debug: () => {}, info: () => {}, warn: () => {}, error: (obj, msg) => errors.push({ obj, msg }) };
}

function embedText(message: StoredMessage): string {
  return message.embeds
    .map((embed) =>
      [
        embed.title,
        embed.description,
        ...((embed.fields as { name: string; value: string }[]) ?? []).map((f) => `${f.name}: ${f.value}`),
      ].join('\n'),
    )
    .join('\n');
}

function buttonLabels(message: StoredMessage): string[] {
  return message.components.flatMap((row) => (row.components as { label: string }[]).map((button) => button.label));
}

describe('the Discord bot against a loopback Discord', () => {
  let fake: FakeDiscord;
  let harness: Harness;
  let bot: DiscordBot;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const errors: unknown[] = [];
  /** The run of the full flow, reused by later tests. */
  let runId = '';

  beforeAll(async () => {
    fake = await FakeDiscord.start(['Guild A', 'Guild B']);
    // Answers spread over ~200 ms so they arrive in several batches and progress shows before the result.
    harness = await startHarness({ worker: false, simulator: { latencyMs: 50, jitterMs: 150 } });
    bot = createDiscordBot({
      token: fake.token,
      hub: harness.hub,
      logger: recordingLogger(errors),
      apiUrl: fake.apiUrl,
      forms: createRedisPendingForms({ redis: harness.services.runtime.redis, prefix: harness.services.prefix }),
      buttons: createRedisButtonValues({ redis: harness.services.runtime.redis, prefix: harness.services.prefix }),
    });
    worker = await startWorker(harness.services, {
      notifiers: { discord: bot.notifier },
      renderer: createCanvasRenderer(),
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await worker?.stop();
    await harness?.close();
    await fake?.close();
  });

  it('registers /bench globally and for one guild', async () => {
    const global = await registerCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
    });
    expect(global).toEqual({ scope: 'global', count: 1 });
    const guild = fake.guilds[0]?.id ?? '';
    await registerCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      guildId: guild,
    });
    expect(fake.commands.get('global')?.[0]?.name).toBe('bench');
    expect(fake.commands.get(guild)?.[0]?.name).toBe('bench');
    // Only the Guilds intent: interactions need no privileged intents.
    expect(fake.intents).toBe(1);
  });

  it('defines, fixes, runs, confirms, reports progress and the result, and lists the history', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');

    // An admin lowers the threshold so every run asks for confirmation.
    const threshold = fake.command(guild, admin, 'threshold', { set: 0 });
    expect(embedText(await fake.responseOf(threshold))).toContain('ask for confirmation');

    // `new` opens the builder modal at once.
    const opened = fake.command(guild, member, 'new');
    const modal = await fake.callbackOf(opened);
    expect(modal.type).toBe(9);

    // A submission without cases comes back as a private list of problems with a way back in.
    const bad = fake.submitModal(guild, member, opened, { name: 'Sums', cases: '' });
    const problems = await fake.responseOf(bad);
    expect(problems.flags & 64).toBe(64);
    expect(embedText(problems)).toMatch(/Cases.*at least one case/s);
    expect(buttonLabels(problems)).toEqual(['Fix and resubmit']);

    // "Fix and resubmit" reopens the modal with what the user typed.
    const reopen = fake.click(guild, member, problems.id, 'Fix and resubmit');
    const reopened = await fake.callbackOf(reopen);
    expect(reopened.type).toBe(9);
    const nameInput = (reopened.data.components as { component: { custom_id: string; value?: string } }[]).find(
      (label) => label.component.custom_id === 'name',
    );
    expect(nameInput?.component.value).toBe('Sums');
    const good = fake.submitModal(guild, member, reopen, { cases: CASES, models: 'demo:smart, demo:cheap' });
    const saved = await fake.responseOf(good);
    expect(saved.flags & 64).toBe(0);
    expect(embedText(saved)).toContain('Saved **Sums** v1: 6 cases');

    // Autocomplete suggests the benchmark, well within Discord's limit.
    const typed = fake.autocomplete(guild, member, 'run', 'benchmark', { benchmark: 'su' });
    const choices = await fake.callbackOf(typed);
    expect(choices.type).toBe(8);
    expect(choices.data.choices).toEqual([expect.objectContaining({ value: 'Sums' })]);
    const models = fake.autocomplete(guild, member, 'run', 'models', {
      benchmark: 'Sums',
      models: 'demo:smart, demo:ch',
    });
    expect((await fake.callbackOf(models)).data.choices).toEqual([
      expect.objectContaining({ value: 'demo:smart, demo:cheap' }),
    ]);

    // `run` defers privately at once, then shows the estimate with Confirm / Cancel.
    const run = fake.command(guild, member, 'run', { benchmark: 'Sums' });
    const deferred = await fake.callbackOf(run);
    expect(deferred.type).toBe(5);
    expect(deferred.data.flags).toBe(64);
    const estimate = await fake.responseOf(run);
    expect(embedText(estimate)).toContain('Estimate: Sums v1');
    expect(buttonLabels(estimate)).toEqual([expect.stringMatching(/^Confirm/), 'Cancel']);
    runId = /run `?([\w-]+)`?/.exec(embedText(estimate).split('Confirm to start')[1] ?? '')?.[1] ?? '';
    expect(runId).not.toBe('');

    // Confirm replaces the estimate; progress and the result follow in the channel.
    const confirm = fake.click(guild, member, estimate.id, 'Confirm');
    const confirmed = await fake.callbackOf(confirm);
    expect([6, 7]).toContain(confirmed.type);
    await fake.waitFor(
      () =>
        fake.channelMessages(guild.channelId).some((m) => m.attachments.some((a) => a.content_type === 'image/png')),
      45_000,
      'the result message with its chart',
    );
    const posted = fake.channelMessages(guild.channelId).filter((m) => !m.viaWebhook);
    const [progress, result] = posted;
    if (!progress || !result) throw new Error('expected a progress and a result message');
    expect(embedText(progress)).toContain(`run ${runId}`);
    expect(progress.versions.length).toBeGreaterThanOrEqual(2);
    expect(progress.embeds[0]?.description).toContain('100% · 12/12');
    expect(fake.calls.some((call) => call.method === 'PATCH' && call.path.endsWith(`/messages/${progress.id}`))).toBe(
      true,
    );
    expect(result.embeds[0]?.title).toBe('Results: Sums v1');
    expect(embedText(result)).toMatch(/demo:smart/);
    expect((result.embeds[0] as { image?: { url: string } }).image?.url).toBe(
      `attachment://${result.attachments[0]?.filename}`,
    );
    expect(buttonLabels(result)).toEqual(['Open report', 'Rerun', 'Export CSV']);
    const link = ((result.components[0]?.components ?? []) as { style: number; url?: string }[])[0];
    expect(link).toMatchObject({ style: 5, url: expect.stringContaining('http://127.0.0.1:3000/') });

    // History lists the run.
    const history = fake.command(guild, member, 'history', { benchmark: 'Sums' });
    expect(embedText(await fake.responseOf(history))).toContain(runId);

    // Discord refused nothing, and every interaction was answered within 3 seconds.
    expect(fake.calls.filter((call) => call.status >= 400)).toEqual([]);
    for (const interaction of fake.interactions.values()) {
      expect(interaction.callback, `interaction ${interaction.id}`).toBeDefined();
      expect((interaction.callback?.at ?? Infinity) - interaction.dispatchedAt).toBeLessThan(3000);
    }
    expect(errors).toEqual([]);
  });

  it('imports cases from a file attached to /bench new, and sends exports as files', async () => {
    const [guild] = fake.guilds;
    if (!guild) throw new Error('no guild');
    const csv = fake.addAttachment(
      'capitals.csv',
      'text/csv',
      'question,answer\nCapital of France?,Paris\nCapital of Peru?,Lima\n',
    );
    const opened = fake.command(guild, member, 'new', { file: csv });
    const modal = await fake.callbackOf(opened);
    expect(modal.type).toBe(9);
    expect(JSON.stringify(modal.data)).toContain('Cases come from capitals.csv');
    const saved = await fake.responseOf(fake.submitModal(guild, member, opened, { name: 'Capitals' }));
    expect(embedText(saved)).toContain('Saved **Capitals** v1: 2 cases (csv)');

    const bigFile = fake.addAttachment('huge.json', 'application/json', 'x'.repeat(1024 * 1024 + 1));
    const refused = await fake.responseOf(fake.command(guild, member, 'new', { file: bigFile }));
    expect(embedText(refused)).toMatch(/❌ huge.json is larger than/);

    const exported = fake.command(guild, member, 'export', { run: runId, format: 'csv' });
    const file = await fake.responseOf(exported);
    expect(file.flags & 64).toBe(64);
    expect(file.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/\.csv$/)]);
    const body = fake.attachmentData(file.attachments[0]?.url ?? '')?.toString('utf8') ?? '';
    expect(body.split(/\r?\n/).filter(Boolean)).toHaveLength(13);
  });

  it('keeps guilds apart and refuses budget changes from non-admins', async () => {
    const [guildA, guildB] = fake.guilds;
    if (!guildA || !guildB) throw new Error('no guilds');
    const show = fake.command(guildB, outsider, 'show', { benchmark: 'Sums' });
    expect(embedText(await fake.responseOf(show))).toMatch(/❌/);
    const suggest = fake.autocomplete(guildB, outsider, 'show', 'benchmark', { benchmark: '' });
    expect((await fake.callbackOf(suggest)).data.choices).toEqual([]);

    const refused = fake.command(guildA, member, 'budget', { set: 5 });
    const answer = await fake.responseOf(refused);
    expect(answer.flags & 64).toBe(64);
    expect(embedText(answer)).toMatch(/❌.*admin/is);
    const allowed = fake.command(guildA, admin, 'budget', { set: 5 });
    expect(embedText(await fake.responseOf(allowed))).toContain('$5');
  });
});
