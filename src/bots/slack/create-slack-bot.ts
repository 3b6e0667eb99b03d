import { App } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { ChatNotifier } from '../../core/ports.ts';
import type { BenchmarkHub } from '../../core/use-cases/hub.ts';
import type { Logger } from '../../logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { FastifyReceiver } from './fastify-receiver.ts';
import { registerHandlers } from './register-handlers.ts';
import { createActorResolver } from './slack-actor.ts';
import { createSlackNotifier } from './slack-notifier.ts';

export interface SlackBotOptions {
  hub: BenchmarkHub;
  logger: Logger;
  botToken: string;
  /** Socket Mode when set (`xapp-…`). */
  appToken?: string;
  /** HTTP mode: requests at `POST /slack/events`, checked with this secret. */
  signingSecret?: string;
  /** Another Web API base URL (tests); Slack's own when unset. */
  apiUrl?: string;
  /** For tests of stale signatures. */
  now?: () => number;
}

export interface SlackBot {
  app: App;
  notifier: ChatNotifier;
  /** Registers `POST /slack/events` on our HTTP server (HTTP mode; does nothing in Socket Mode). */
  registerRoutes(fastify: FastifyInstance): Promise<void>;
  /** Connects Socket Mode (HTTP mode is served by Fastify). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the Slack bot for either transport: Socket Mode when an app token is given, else HTTP
 * on our Fastify server with signature checks. It only translates payloads for the command layer.
 */
export function createSlackBot(options: SlackBotOptions): SlackBot {
  const { logger } = options;
  const socketMode = Boolean(options.appToken);
  if (!socketMode && !options.signingSecret) {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)');
  }
  const receiver = socketMode
    ? undefined
    : new FastifyReceiver({
        signingSecret: options.signingSecret ?? '',
        logger,
        ...(options.now ? { now: options.now } : {}),
      });
  const apiUrl = options.apiUrl ? options.apiUrl.replace(/\/?$/, '/') : undefined;
  const app = new App({
    token: options.botToken,
    logger: boltLogger(logger),
    ...(receiver ? { receiver } : { socketMode: true, appToken: options.appToken }),
    ...(apiUrl ? { clientOptions: { slackApiUrl: apiUrl } } : {}),
  });
  const allowedOrigins = ['https://files.slack.com', ...(apiUrl ? [new URL(apiUrl).origin] : [])];
  registerHandlers(app, {
    hub: options.hub,
    logger,
    resolveActor: createActorResolver(app.client, logger),
    downloader: { token: options.botToken, allowedOrigins },
  });
  return {
    app,
    notifier: createSlackNotifier(app.client),
    registerRoutes: async (fastify) => {
      if (receiver) await receiver.register(fastify);
    },
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}
