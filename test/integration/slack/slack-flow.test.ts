import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackBot } from '../../../src/bots/slack/create-slack-bot.ts';
import { createCanvasRenderer } from '../../../src/charts/canvas-renderer.ts';
import type { ChatNotifier } from '../../../src/core/ports.ts';
import type { Platform } from '../../../src/core/use-cases/actor.ts';
import { createLogger } from '../../../src/logger.ts';
import { type FakeSlack, type SlackCall, startFakeSlack } from '../../support/fake-slack.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import {
  blockActionBody,
  type SlackWho,
  slackSignature,
  slashCommandBody,
  viewSubmissionBody,
} from '../../support/slack-requests.ts';

const SECRET = 'test-signing-secret';
const alice: SlackWho = { teamId: 'T1', userId: 'UALICE', channelId: 'C1' };
const bob: SlackWho = { teamId: 'T1', userId: 'UBOB', channelId: 'C1' };
const eve: SlackWho = { teamId: 'T2', userId: 'UEVE', channelId: 'C9' };

type Json = Record<string, unknown>;
type Button = { action_id: string; value: string; url?: string };

let fake: FakeSlack;
let harness: Harness;
let http: FastifyInstance;

function post(body: string, headers: Record<string, string> = slackSignature(SECRET, body)) {
  return http.inject({
    method: 'POST',
    url: '/slack/events',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: body,
  });
}

/** Sends `/bench <text>` and returns what the bot posted to the command's response_url. */
async function slash(who: SlackWho, text: string): Promise<Json> {
  const responseUrl = fake.responseUrl();
  const response = await post(slashCommandBody(who, text, responseUrl));
  expect(response.statusCode).toBe(200);
  return respondedTo(responseUrl);
}

function respondedTo(responseUrl: string): Promise<Json> {
  const path = new URL(responseUrl).pathname;
  return fake.waitFor(() => {
    const index = fake.calls.findIndex((call) => call.method === 'response_url' && (call.args as Json).__path === path);
    return index === -1 ? undefined : fake.calls[index]!.args;
  });
}

function buttons(message: Json): Button[] {
  return ((message.blocks as Json[]) ?? []).flatMap((block) =>
    block.type === 'actions' ? (block.elements as Button[]) : [],
  );
}

function textOf(message: Json): string {
  return JSON.stringify(message.blocks ?? message.text);
}

async function press(who: SlackWho, button: Button): Promise<Json> {
  const responseUrl = fake.responseUrl();
  const response = await post(blockActionBody(who, button, responseUrl));
  expect(response.statusCode).toBe(200);
  return respondedTo(responseUrl);
}

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: alice.userId, teamId: 'T1', name: 'alice', admin: true });
  fake.addUser({ id: bob.userId, teamId: 'T1', name: 'bob' });
  fake.addUser({ id: eve.userId, teamId: 'T2', name: 'eve', admin: true });
  const notifiers: Partial<Record<Platform, ChatNotifier>> = {};
  harness = await startHarness({ notifiers, workerOptions: { renderer: createCanvasRenderer() } });
  const bot = createSlackBot({
    hub: harness.hub,
    logger: createLogger({ level: (process.env.TEST_LOG as 'debug') || 'silent', pretty: false, secrets: [] }),
    botToken: fake.token,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
  });
  notifiers.slack = bot.notifier;
  http = Fastify();
  await bot.registerRoutes(http);
  await http.ready();
});

afterAll(async () => {
  await http?.close();
  await harness?.close();
  await fake?.close();
});

describe('Slack bot over HTTP', () => {
  it('refuses requests with a bad or stale signature', async () => {
    const body = slashCommandBody(alice, 'list', fake.responseUrl());
    expect((await post(body, slackSignature('wrong-secret', body))).statusCode).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(body, slackSignature(SECRET, body, stale))).statusCode).toBe(401);
    expect((await post(body, {})).statusCode).toBe(401);
    expect((await post(`${body}&x=1`, slackSignature(SECRET, body))).statusCode).toBe(401);
  });

  it('answers help with every subcommand', async () => {
    const reply = await slash(alice, 'help');
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('/bench run &lt;name&gt;');
  });

  it('suggests the right subcommand for a typo', async () => {
    expect(textOf(await slash(alice, 'rnu x'))).toContain('Did you mean `/bench run`');
  });

  it('runs the whole flow: builder modal, errors in the modal, run, confirm, progress, chart, summary, history', async () => {
    // `/bench new` opens the builder.
    const openResponse = await post(slashCommandBody(alice, 'new', fake.responseUrl()));
    expect(openResponse.statusCode).toBe(200);
    const opened = await fake.waitFor(() => fake.callsOf('views.open')[0]);
    const view = opened.args.view as Parameters<typeof viewSubmissionBody>[1] & { blocks: Json[] };
    expect(view.blocks.map((block) => block.block_id)).toEqual([
      'name',
      'cases',
      'file',
      'models',
      'scorer',
      'description',
      'system',
      'temperature',
      'max_tokens',
    ]);

    // A case without input: the error comes back inside the modal, naming the case and line.
    const bad = await post(
      viewSubmissionBody(alice, view, {
        name: 'arith',
        cases: 'cases:\n  - input: "What is 2+2?"\n    expected: "4"\n  - expected: "5"\n',
        models: ['demo:smart', 'demo:fast'],
      }),
    );
    expect(bad.statusCode).toBe(200);
    const errors = bad.json() as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(errors.errors.cases).toContain('case 2, line 4');

    // The fixed submission saves and announces it in the channel.
    const good = await post(
      viewSubmissionBody(alice, view, {
        name: 'arith',
        description: 'Small sums',
        cases: 'What is 2+2? => 4\nWhat is 3+5? => 8\nWhat is 10-7? => 3\nWhat is 6*7? => 42',
        models: ['demo:smart', 'demo:fast'],
        temperature: '0',
      }),
    );
    expect(good.statusCode).toBe(200);
    expect(good.body).toBe('');
    const saved = await fake.waitFor(() =>
      fake.callsOf('chat.postMessage').find((call) => JSON.stringify(call.args).includes('Saved')),
    );
    expect(saved.args.channel).toBe('C1');
    expect(textOf(saved.args)).toContain('4 cases');

    // Members cannot change money settings; admins can.
    expect(textOf(await slash(bob, 'threshold set 0'))).toContain('admin');
    expect(textOf(await slash(alice, 'threshold set $0'))).toContain('ask for confirmation');

    // `/bench run` answers with the private estimate and Confirm/Cancel.
    const estimate = await slash(alice, 'run arith');
    expect(estimate.response_type).toBe('ephemeral');
    expect(textOf(estimate)).toContain('demo:smart');
    const confirm = buttons(estimate).find((button) => button.action_id.startsWith('run.confirm'));
    expect(confirm).toBeDefined();
    const runId = confirm!.value;

    const confirmed = await press(alice, confirm!);
    expect(confirmed.replace_original).toBe(true);
    expect(textOf(confirmed)).toContain('Progress follows');

    // Progress is one channel message updated in place; the result goes in its thread.
    const progress = await fake.waitFor(
      () => fake.callsOf('chat.postMessage').find((call) => JSON.stringify(call.args).includes(`run ${runId}`)),
      30_000,
    );
    const upload = await fake.waitFor(() => fake.callsOf('files.completeUploadExternal')[0], 60_000);
    const result = await fake.waitFor(() =>
      fake.callsOf('chat.postMessage').find((call: SlackCall) => JSON.stringify(call.args).includes('Results: arith')),
    );
    const progressTs = await fake.waitFor(() => {
      const update = fake.callsOf('chat.update')[0];
      return update ? String(update.args.ts) : undefined;
    });
    expect(progress.args.channel).toBe('C1');
    expect(upload.args.channel_id).toBe('C1');
    expect(upload.args.thread_ts).toBe(progressTs);
    const uploaded = [...fake.uploads.values()][0]!;
    expect(uploaded.filename).toMatch(/\.png$/);
    expect(uploaded.data.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(result.args.thread_ts).toBe(progressTs);
    expect(textOf(result.args)).toMatch(/pass rate/);
    expect(buttons(result.args).map((button) => button.action_id.replace(/#\d+$/, ''))).toEqual([
      'report.open',
      'run.rerun',
      'run.export',
    ]);

    // History lists the run.
    const history = await slash(alice, 'history arith');
    expect(textOf(history)).toContain(runId);

    // Export CSV goes to the requester's direct messages.
    await press(alice, buttons(result.args).find((button) => button.action_id.startsWith('run.export'))!);
    const exported = await fake.waitFor(() =>
      fake.callsOf('files.completeUploadExternal').find((call) => call.args.channel_id === `D${alice.userId}`),
    );
    expect(exported).toBeDefined();

    expect(fake.rejected).toEqual([]);
  }, 120_000);

  it('keeps teams apart', async () => {
    const list = await slash(eve, 'list');
    expect(textOf(list)).toContain('No benchmarks yet');
    expect(textOf(await slash(eve, 'history arith'))).toMatch(/no benchmark|not found|No benchmark/i);
    const aliceList = await slash(alice, 'list');
    expect(textOf(aliceList)).toContain('arith');
  });
});
