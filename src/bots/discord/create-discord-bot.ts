import { Client, Events, GatewayIntentBits, type Interaction, REST } from 'discord.js';
import type { ChatNotifier, Logger } from '../../core/ports.ts';
import type { BenchmarkHub } from '../../core/use-cases/hub.ts';
import type { ButtonValues } from './button-values.ts';
import { createDiscordNotifier } from './discord-notifier.ts';
import { type HandlerDeps, onAutocomplete, onButton, onChatCommand, onModalSubmit } from './interaction-handlers.ts';
import type { PendingForms } from './pending-forms.ts';
import { safeError } from './safe-error.ts';
import { Suggestions } from './suggestions.ts';

export interface DiscordBotOptions {
  token: string;
  hub: BenchmarkHub;
  logger: Logger;
  /** Forms waiting for "Open form" or "Fix and resubmit"; shared by every bot process (Redis). */
  forms: PendingForms;
  /** Button values too long for a custom id; shared by every bot and worker process (Redis). */
  buttons: ButtonValues;
  /** REST base (`DISCORD_API_URL`); the gateway URL comes from it too. Discord's own when absent. */
  apiUrl?: string;
  /** Largest definition file accepted from an attachment (default 1 MiB). */
  maxFileBytes?: number;
}

export interface DiscordBot {
  /** Posts run progress and results into Discord channels (usable before `start`). */
  notifier: ChatNotifier;
  /** Logs in and resolves once the gateway session is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Discord surface: a discord.js client with the Guilds intent only (slash commands, buttons and
 * modals arrive as interactions, which need no privileged intents). It translates interactions into
 * the shared command layer and renders its replies; it holds no business logic.
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const rest = options.apiUrl ? { api: options.apiUrl } : {};
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest });
  const deps: HandlerDeps = {
    hub: options.hub,
    logger: options.logger,
    buttons: options.buttons,
    forms: options.forms,
    suggestions: new Suggestions(options.hub),
    maxFileBytes: options.maxFileBytes ?? 1024 * 1024,
  };
  const route = async (interaction: Interaction) => {
    if (interaction.isChatInputCommand()) await onChatCommand(interaction, deps);
    else if (interaction.isAutocomplete()) await onAutocomplete(interaction, deps);
    else if (interaction.isButton()) await onButton(interaction, deps);
    else if (interaction.isModalSubmit()) await onModalSubmit(interaction, deps);
  };
  client.on(Events.InteractionCreate, (interaction) => {
    route(interaction).catch((error: unknown) =>
      options.logger.error({ err: safeError(error), interaction: interaction.id }, 'Discord interaction not answered'),
    );
  });
  client.on(Events.Error, (error) => options.logger.error({ err: safeError(error) }, 'Discord client error'));
  const notifier = createDiscordNotifier(new REST(rest).setToken(options.token), options.buttons);
  return {
    notifier,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      options.logger.info({ user: client.user?.tag }, 'Discord bot connected');
    },
    async stop() {
      await client.destroy();
    },
  };
}
