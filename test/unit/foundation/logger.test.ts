import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';

function capture(pretty: boolean, secrets: string[]) {
  const destination = new PassThrough();
  const chunks: string[] = [];
  destination.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const logger = createLogger({ level: 'debug', pretty, secrets, destination });
  return { logger, output: () => chunks.join('') };
}

describe('logger secret redaction', () => {
  const token = 'xoxb-1234567890-abcdefghijkl';
  const apiKey = 'or-live-key-0123456789abcdef';
  const config = loadConfig({ SLACK_BOT_TOKEN: token, OPENROUTER_API_KEY: apiKey });

  for (const pretty of [false, true]) {
    it(`keeps configured tokens out of ${pretty ? 'pretty' : 'JSON'} output wherever they appear`, () => {
      const { logger, output } = capture(pretty, config.secrets);
      logger.info({ config: config.env }, 'configuration loaded');
      logger.info({ token, nested: { apiKey } }, 'fields');
      logger.info({ headers: { authorization: `Bearer ${apiKey}` } }, 'headers');
      logger.error({ err: new Error(`provider refused key ${apiKey}`) }, `message with ${token}`);
      logger.child({ runId: 'r1' }).warn(`child with ${apiKey}`);
      const text = output();
      expect(text).toContain('configuration loaded');
      expect(text).toContain('[REDACTED]');
      expect(text).not.toContain(token);
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain('1234567890-abcdefghijkl');
    });
  }

  it('redacts secret-shaped values it was not told about', () => {
    const { logger, output } = capture(false, []);
    logger.info({ url: 'x' }, 'got sk-proj-AAAAAAAAAAAAAAAAAAAAAAAA and xapp-1-A0-123456789');
    expect(output()).not.toMatch(/sk-proj-A|xapp-1-A0/);
  });
});
