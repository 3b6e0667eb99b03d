import { DiscordAPIError, HTTPError } from 'discord.js';

// Interaction tokens sit in REST paths (`/interactions/<id>/<token>/callback`, `/webhooks/<app>/<token>/…`);
// they are credentials for 15 minutes, so they never reach a log line.
const TOKEN_IN_PATH = /((?:interactions|webhooks)\/\d+\/)[^/?\s]+/g;

/** An error as it may be logged: Discord REST errors lose the interaction token from their URL. */
export function safeError(error: unknown): unknown {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return {
      name: error.name,
      status: error.status,
      method: error.method,
      url: error.url.replace(TOKEN_IN_PATH, '$1[token]'),
      ...(error instanceof DiscordAPIError ? { code: error.code } : {}),
      message: error.message.replace(TOKEN_IN_PATH, '$1[token]'),
    };
  }
  if (error instanceof Error) {
    const scrubbed = new Error(error.message.replace(TOKEN_IN_PATH, '$1[token]'));
    scrubbed.name = error.name;
    scrubbed.stack = error.stack?.replace(TOKEN_IN_PATH, '$1[token]');
    return scrubbed;
  }
  return error;
}
