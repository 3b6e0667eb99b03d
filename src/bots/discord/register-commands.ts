import { REST, Routes } from 'discord.js';
import { benchCommandJson } from './commands-definition.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register for one guild (visible at once) instead of globally. */
  guildId?: string;
  /** REST base URL (`DISCORD_API_URL`), for tests; Discord's own when absent. */
  apiUrl?: string;
}

/**
 * Overwrites the application's commands with `/bench`, globally or for one guild. Overwriting (PUT)
 * makes registration idempotent: running it again after an upgrade replaces the old definition.
 */
export async function registerCommands(options: RegisterOptions): Promise<{ scope: string; count: number }> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const registered = (await rest.put(route, { body: [benchCommandJson()] })) as unknown[];
  return { scope: options.guildId ? `guild ${options.guildId}` : 'global', count: registered.length };
}

async function main(): Promise<void> {
  const { loadConfigOrExit } = await import('../../service.ts');
  const { env } = loadConfigOrExit();
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) {
    console.error('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in the environment or .env) to register commands.');
    process.exit(2);
  }
  const result = await registerCommands({
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}),
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
  });
  // Global commands can take up to an hour to show up in every client; guild commands are immediate.
  console.log(
    `Registered /bench (${result.count} command) ${result.scope === 'global' ? 'globally' : `for ${result.scope}`}.`,
  );
}

if (import.meta.main) await main();
