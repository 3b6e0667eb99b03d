/**
 * Slack acknowledgement figure: 50 concurrent signed `/bench` slash commands over real HTTP to the
 * real Bolt app on our Fastify server, backed by the real services (Redis, MongoDB, hub), with the
 * Web API and response URLs on a loopback fake. Slack gives up on a request after 3,000 ms.
 * Run with `node bench/slack-ack.ts`.
 */
import Fastify from 'fastify';
import { createSlackBot } from '../src/bots/slack/create-slack-bot.ts';
import { percentile } from '../src/core/stats/percentile.ts';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { slackSignature, slashCommandBody } from '../test/support/slack-requests.ts';
import { openBenchStack } from './support/bench-stack.ts';

const REQUESTS = 50;
const LIMIT_MS = 3000;
const SECRET = 'bench-signing-secret';

const stack = await openBenchStack();
const { services } = stack;
const fake = await startFakeSlack();
const bot = createSlackBot({
  hub: services.hub,
  logger: services.logger,
  botToken: fake.token,
  signingSecret: SECRET,
  apiUrl: fake.apiUrl,
});
const http = Fastify();
await bot.registerRoutes(http);
const address = await http.listen({ host: '127.0.0.1', port: 0 });

const subcommands = ['list', 'templates', 'budget', 'status', 'models claude'];
async function send(index: number): Promise<number> {
  const who = { teamId: `T${index % 5}`, userId: `U${index}`, channelId: 'C1' };
  const body = slashCommandBody(who, subcommands[index % subcommands.length]!, fake.responseUrl());
  const started = performance.now();
  const response = await fetch(`${address}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SECRET, body) },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`request ${index} answered ${response.status}`);
  return performance.now() - started;
}

// One warm-up request so module loading and the first auth.test do not count.
await send(0);
const times = await Promise.all(Array.from({ length: REQUESTS }, (_, index) => send(index + 1)));
const p50 = percentile(times, 0.5);
const p99 = percentile(times, 0.99);
// Let the background answers finish before closing.
await fake.waitFor(() => (fake.callsOf('response_url').length >= REQUESTS ? true : undefined), 30_000).catch(() => {});
console.log(
  `slack-ack: ${REQUESTS} concurrent slash commands acknowledged, p50 ${p50.toFixed(0)} ms (${(p50 / LIMIT_MS).toFixed(3)} × limit ${LIMIT_MS} ms), p99 ${p99.toFixed(0)} ms (${(p99 / LIMIT_MS).toFixed(3)} × limit)`,
);

await http.close();
await fake.close();
await stack.close();
