import { existsSync } from 'node:fs';
import { createRedisButtonValues } from './bots/discord/button-values.ts';
import { createDiscordBot } from './bots/discord/create-discord-bot.ts';
import { createRedisPendingForms } from './bots/discord/pending-forms.ts';
import { createSlackBot } from './bots/slack/create-slack-bot.ts';
import { createCanvasRenderer } from './charts/canvas-renderer.ts';
import { chartClientOptionsFromUrl, createQuickChartRenderer } from './charts/quickchart-client.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import type { ChatNotifier } from './core/ports.ts';
import type { Platform } from './core/use-cases/actor.ts';
import { buildHttpApp, type HttpApp } from './http/app.ts';
import { startWorker } from './jobs/start-worker.ts';
import { createLogger } from './logger.ts';
import { openRuntime } from './runtime.ts';
import { createQuickJsSandbox } from './sandbox/quickjs-sandbox.ts';
import { createServices, type Services } from './services.ts';

/** The parts one process can play; `npm start` plays them all. */
export type Role = 'web' | 'worker' | 'bot';

interface Started {
  name: string;
  stop(): Promise<void>;
}

/** Loads `.env` (if present) and the configuration; exits with the problems on bad configuration. */
export function loadConfigOrExit(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.userMessage);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Starts the chat bots that have tokens, and registers in `notifiers` how workers post back to each
 * platform (a worker-only process needs the notifiers but not the bots' event listeners).
 */
async function startBots(
  services: Services,
  notifiers: Partial<Record<Platform, ChatNotifier>>,
  listen: boolean,
  httpRoutes: ((app: HttpApp) => Promise<void>)[],
): Promise<Started[]> {
  const { env } = services.config;
  const { logger } = services;
  const started: Started[] = [];
  if (env.SLACK_BOT_TOKEN) {
    const slack = createSlackBot({
      hub: services.hub,
      logger,
      botToken: env.SLACK_BOT_TOKEN,
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
    });
    notifiers.slack = slack.notifier;
    if (listen) {
      await slack.start();
      httpRoutes.push((app) => slack.registerRoutes(app));
      started.push({ name: 'slack', stop: () => slack.stop() });
    }
  } else {
    logger.info(
      'Slack bot skipped: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) to enable it',
    );
  }
  if (env.DISCORD_TOKEN) {
    const discord = createDiscordBot({
      token: env.DISCORD_TOKEN,
      hub: services.hub,
      logger,
      forms: createRedisPendingForms({ redis: services.runtime.redis, prefix: services.prefix }),
      buttons: createRedisButtonValues({ redis: services.runtime.redis, prefix: services.prefix }),
      ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
    });
    notifiers.discord = discord.notifier;
    if (listen) {
      await discord.start();
      started.push({ name: 'discord', stop: () => discord.stop() });
    }
  } else {
    logger.info('Discord bot skipped: set DISCORD_TOKEN and DISCORD_APPLICATION_ID to enable it');
  }
  return started;
}

/** Starts the given roles in this process and stops them gracefully on SIGTERM/SIGINT. */
export async function runService(roles: Role[]): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.env.LOG_LEVEL,
    pretty: process.stdout.isTTY === true && config.env.NODE_ENV !== 'production',
    secrets: config.secrets,
  });
  const runtime = await openRuntime(config, logger);
  const services = await createServices(config, logger, runtime);
  const started: Started[] = [];
  const notifiers: Partial<Record<Platform, ChatNotifier>> = {};
  const renderer = createCanvasRenderer();
  // Bots served over our HTTP server (Slack's HTTP mode) add their routes here.
  const httpRoutes: ((app: HttpApp) => Promise<void>)[] = [];
  if (roles.includes('bot') || roles.includes('worker')) {
    started.push(...(await startBots(services, notifiers, roles.includes('bot'), httpRoutes)));
  }
  if (roles.includes('worker')) {
    const worker = await startWorker(services, {
      notifiers,
      // Chat charts go through a QuickChart when one is configured; report pages always draw here.
      renderer: config.env.QUICKCHART_URL
        ? createQuickChartRenderer(chartClientOptionsFromUrl(config.env.QUICKCHART_URL))
        : renderer,
      sandbox: createQuickJsSandbox(),
    });
    started.push({ name: 'worker', stop: () => worker.stop() });
  }
  if (roles.includes('web')) {
    const app = await buildHttpApp({
      logger,
      readiness: runtime.readiness,
      report: { models: runtime.models, progressBus: services.progressBus, renderer, publicUrl: config.publicUrl },
    });
    for (const register of httpRoutes) await register(app);
    await app.listen({ host: config.env.HOST, port: config.env.PORT });
    started.push({ name: 'http', stop: () => app.close() });
  }
  logger.info({ roles, publicUrl: config.publicUrl }, 'BenchmarkHub is running');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop taking work first (HTTP, bots, workers), then close connections.
    for (const part of started.reverse()) {
      await part.stop().catch((error) => logger.error({ err: error, part: part.name }, 'stop failed'));
    }
    await services.close();
    await runtime.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
