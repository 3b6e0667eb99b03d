import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackBot, type SlackBot } from '../../../src/bots/slack/create-slack-bot.ts';
import { createLogger } from '../../../src/logger.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { payloadOfBody, type SocketAck } from '../../support/fake-slack-socket.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { blockActionBody, type SlackWho, slashCommandBody, viewSubmissionBody } from '../../support/slack-requests.ts';

const alice: SlackWho = { teamId: 'T1', userId: 'UALICE', channelId: 'C1' };

type Json = Record<string, unknown>;
type Button = { action_id: string; value: string };

let fake: FakeSlack;
let harness: Harness;
let bot: SlackBot;

const logger = createLogger({ level: (process.env.TEST_LOG as 'debug') || 'silent', pretty: false, secrets: [] });

/** The bot as the service builds it from SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL. */
function socketModeBot(appToken: string): SlackBot {
  return createSlackBot({ hub: harness.hub, logger, botToken: fake.token, appToken, apiUrl: fake.apiUrl });
}

function respondedTo(responseUrl: string): Promise<Json> {
  const path = new URL(responseUrl).pathname;
  return fake.waitFor(() => fake.callsOf('response_url').find((call) => call.args.__path === path)?.args);
}

function textOf(message: Json): string {
  return JSON.stringify(message.blocks ?? message.text);
}

function buttons(message: Json): Button[] {
  return ((message.blocks as Json[]) ?? []).flatMap((block) =>
    block.type === 'actions' ? (block.elements as Button[]) : [],
  );
}

/** Past 3 seconds Slack shows `/bench failed with the error "operation_timeout"`; `deliver` rejects then too. */
function expectInTime(ack: SocketAck): void {
  expect(ack.ms).toBeLessThan(3000);
}

/** Types `/bench <text>`: the envelope is acked empty, and the answer goes to the response_url. */
async function slash(who: SlackWho, text: string): Promise<Json> {
  const responseUrl = fake.responseUrl();
  const ack = await fake.socket.deliver('slash_commands', payloadOfBody(slashCommandBody(who, text, responseUrl)));
  expectInTime(ack);
  expect(ack.payload).toEqual({});
  return respondedTo(responseUrl);
}

async function press(who: SlackWho, button: Button): Promise<Json> {
  const responseUrl = fake.responseUrl();
  const ack = await fake.socket.deliver('interactive', payloadOfBody(blockActionBody(who, button, responseUrl)));
  expectInTime(ack);
  return respondedTo(responseUrl);
}

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: alice.userId, teamId: 'T1', name: 'alice', admin: true });
  harness = await startHarness({ worker: false });
  bot = socketModeBot(fake.appToken);
  await bot.start();
});

afterAll(async () => {
  await bot?.stop();
  await harness?.close();
  await fake?.close();
});

describe('Slack bot in Socket Mode', () => {
  it('connects with the app-level token and no public URL', () => {
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
    expect(fake.socket.connections).toBe(1);
  });

  it('answers /bench help over the socket with every subcommand', async () => {
    const reply = await slash(alice, 'help');
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('/bench run &lt;name&gt;');
  });

  it('runs the builder modal over the socket: errors come back in the ack, a valid submission is saved', async () => {
    const command = payloadOfBody(slashCommandBody(alice, 'new', fake.responseUrl()));
    expectInTime(await fake.socket.deliver('slash_commands', command));
    const opened = await fake.waitFor(() => fake.callsOf('views.open')[0]);
    const view = opened.args.view as Parameters<typeof viewSubmissionBody>[1];

    const submit = (input: Record<string, string | string[]>) =>
      fake.socket.deliver('interactive', payloadOfBody(viewSubmissionBody(alice, view, input)));
    const bad = await submit({
      name: 'arith',
      cases: 'cases:\n  - input: "What is 2+2?"\n    expected: "4"\n  - expected: "5"\n',
      models: ['demo:smart', 'demo:fast'],
    });
    expectInTime(bad);
    expect(bad.payload).toMatchObject({
      response_action: 'errors',
      errors: { cases: expect.stringContaining('case 2, line 4') },
    });

    const good = await submit({
      name: 'arith',
      cases: 'What is 2+2? => 4\nWhat is 3+5? => 8',
      models: ['demo:smart', 'demo:fast'],
    });
    expectInTime(good);
    expect(good.payload).toEqual({});
    const saved = await fake.waitFor(() =>
      fake.callsOf('chat.postMessage').find((call) => JSON.stringify(call.args).includes('Saved')),
    );
    expect(saved.args.channel).toBe('C1');
    expect(textOf(saved.args)).toContain('2 cases');
  });

  it('takes button presses over the socket: Cancel on the cost estimate replaces it', async () => {
    expect(textOf(await slash(alice, 'threshold set $0'))).toContain('ask for confirmation');
    const estimate = await slash(alice, 'run arith');
    expect(estimate.response_type).toBe('ephemeral');
    const cancel = buttons(estimate).find((button) => button.action_id.startsWith('run.cancel'));
    expect(cancel).toBeDefined();

    const cancelled = await press(alice, cancel!);
    expect(cancelled.replace_original).toBe(true);
    expect(textOf(cancelled)).toContain(cancel!.value);
    expect(textOf(cancelled)).toContain('is cancelled');
    expect(fake.rejected).toEqual([]);
  });

  it('acknowledges Events API envelopes it has no listener for, so Slack does not retry them', async () => {
    const ack = await fake.socket.deliver('events_api', {
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_mention', user: alice.userId, text: '<@UBOT> hi', channel: 'C1', ts: '1.1', event_ts: '1.1' },
    });
    expectInTime(ack);
  });

  it('refuses to start with an app-level token Slack does not know', async () => {
    const wrong = socketModeBot('xapp-1-A1-wrong');
    await expect(wrong.start()).rejects.toThrow(/invalid_auth/);
    await wrong.stop();
    expect(fake.socket.connections).toBe(1);
  });
});
