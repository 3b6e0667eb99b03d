import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';

describe('loadConfig', () => {
  it('fills documented defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config.env.PORT).toBe(3000);
    expect(config.env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.env.MONGODB_URI).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.localServices).toBe(true);
  });

  it('names every malformed variable and what it expects', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).userMessage;
    expect(message).toContain('PORT: expected an integer from 0 to 65535 (got "eighty")');
    expect(message).toContain('REDIS_URL: expected a redis:// or rediss:// URL');
    expect(message).toContain('MONGODB_URI: expected a mongodb:// or mongodb+srv:// URI');
    expect(message).toMatch(/LOG_LEVEL: .*(fatal|info)/);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: expected an integer from 0 to 65535/);
  });

  it('refuses a Slack token of the wrong kind without echoing it', () => {
    const botToken = 'xoxb-1234-abcd';
    try {
      loadConfig({ SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: botToken });
      expect.unreachable('a bot token is no app-level token');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).userMessage;
      expect(message).toContain('SLACK_APP_TOKEN: expected an app-level token (it starts with xapp-)');
      expect(message).not.toContain('SLACK_BOT_TOKEN');
      expect(message).not.toContain(botToken);
    }
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xapp-1-abc' })).toThrow(/SLACK_BOT_TOKEN: expected a bot token/);
  });

  it('never echoes a secret value in its error', () => {
    const secret = 'not-a-valid-url-but-secret';
    expect(() => loadConfig({ PUBLIC_URL: 'nope', SLACK_BOT_TOKEN: secret })).toThrow(ConfigError);
    try {
      loadConfig({ PUBLIC_URL: 'nope', SLACK_BOT_TOKEN: secret });
    } catch (error) {
      expect((error as ConfigError).userMessage).not.toContain(secret);
    }
  });

  it('turns local services off in production and collects secret values', () => {
    const config = loadConfig({ NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-123', OPENAI_API_KEY: 'sk-abc' });
    expect(config.localServices).toBe(false);
    expect(config.secrets).toEqual(['xoxb-123', 'sk-abc']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', MONGODB_URI: '' }).env).toMatchObject({ PORT: 3000, MONGODB_URI: undefined });
  });
});
