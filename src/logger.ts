import { pino } from 'pino';
import pretty from 'pino-pretty';

/** Field paths whose values are replaced wherever they appear in a log object. */
const REDACTED_PATHS = [
  'token',
  'apiKey',
  'secret',
  'password',
  'authorization',
  '*.token',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.authorization',
  'req.headers["x-slack-signature"]',
];

export interface LoggerOptions {
  level: string;
  /** Human-readable output (for a terminal); JSON otherwise. */
  pretty: boolean;
  /** Secret values to scrub from every line, wherever they appear (messages, error stacks). */
  secrets: string[];
  /** Where lines go; stdout by default. */
  destination?: NodeJS.WritableStream;
}

export type Logger = pino.Logger;

const SECRET_SHAPES = [
  /\bxox[abposr]-[A-Za-z0-9-]{8,}/g, // Slack bot/user/app tokens
  /\bxapp-[A-Za-z0-9-]{8,}/g, // Slack app-level tokens
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI / OpenRouter keys
  /\b(Bearer|Bot)\s+[A-Za-z0-9._~+/-]{16,}=*/g, // Authorization header values
];

/** Replaces known secret values and secret-shaped strings with a marker. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= 4) scrubbed = scrubbed.split(secret).join('[REDACTED]');
  }
  for (const shape of SECRET_SHAPES) scrubbed = scrubbed.replace(shape, '[REDACTED]');
  return scrubbed;
}

/** The one root logger of a process; pass `logger.child({runId})` down, never a new root. */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? process.stdout;
  const stream = options.pretty ? pretty({ colorize: true, destination, sync: true }) : destination;
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      // Path redaction misses secrets inside messages and stacks; scrub each serialized line too.
      hooks: { streamWrite: (line) => scrubSecrets(line, options.secrets) },
    },
    stream,
  );
}
