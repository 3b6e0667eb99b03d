import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { safeError } from '../../../src/bots/discord/safe-error.ts';

describe('safeError', () => {
  it('removes interaction tokens from Discord REST errors', () => {
    const url = 'https://discord.com/api/v10/webhooks/123/aW50ZXJhY3Rpb246c2VjcmV0/messages/@original';
    const error = new DiscordAPIError({ message: 'Unknown Webhook', code: 10015 }, 10015, 404, 'PATCH', url, {});
    const safe = safeError(error) as { url: string; code: number; status: number };
    expect(safe).toMatchObject({
      code: 10015,
      status: 404,
      url: 'https://discord.com/api/v10/webhooks/123/[token]/messages/@original',
    });
    expect(JSON.stringify(safe)).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
  });

  it('scrubs plain errors and leaves other values alone', () => {
    const error = new Error('POST /interactions/55/tok-secret/callback failed');
    expect(String((safeError(error) as Error).message)).toBe('POST /interactions/55/[token]/callback failed');
    expect(safeError('text')).toBe('text');
  });
});
