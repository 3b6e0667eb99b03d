import { z } from 'zod';
import { AppError } from './core/errors.ts';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
/** A token of a kind its prefix tells; a wrong kind would otherwise fail only at first use, or never. */
const optionalToken = (prefix: string, kind: string) =>
  z.preprocess(
    emptyToUndefined,
    z.string().startsWith(prefix, `expected ${kind} (it starts with ${prefix})`).optional(),
  );
const intInRange = (min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `expected an integer from ${min} to ${max}` })
      .int(`expected an integer from ${min} to ${max}`)
      .min(min, `expected an integer from ${min} to ${max}`)
      .max(max, `expected an integer from ${min} to ${max}`)
      .default(fallback),
  );

/**
 * Every environment variable the service reads, parsed once at start-up.
 * The README's configuration table documents each of them.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  PORT: intInRange(0, 65535, 3000),
  PUBLIC_URL: optionalUrl,
  /** A hosted or self-hosted QuickChart for chat charts; this service's own `/chart` endpoint when unset. */
  QUICKCHART_URL: optionalUrl,
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
      .default('redis://127.0.0.1:6379'),
  ),
  MONGODB_URI: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URI')
      .optional(),
  ),
  LOCAL_SERVICES: z.preprocess(emptyToUndefined, z.enum(['auto', 'off']).optional()),
  SLACK_BOT_TOKEN: optionalToken('xoxb-', 'a bot token'),
  SLACK_SIGNING_SECRET: optionalString,
  /** Socket Mode's app-level token; Slack refuses a bot token there and Bolt would retry forever. */
  SLACK_APP_TOKEN: optionalToken('xapp-', 'an app-level token'),
  /** Another Slack Web API base URL (tests); Slack's own when empty. */
  SLACK_API_URL: optionalUrl,
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  /** One guild to register `/bench` in (immediate); globally when empty. */
  DISCORD_GUILD_ID: optionalString,
  /** Discord REST base (and so the gateway it hands out); tests point it at a loopback fake. */
  DISCORD_API_URL: optionalUrl,
  OPENROUTER_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENROUTER_BASE_URL: optionalUrl,
  OPENAI_BASE_URL: optionalUrl,
  /** A YAML or JSON file declaring extra OpenAI-compatible providers (Ollama, vLLM, LiteLLM…). */
  PROVIDERS_FILE: optionalString,
  /** The same declarations as JSON, for deployments without a file. */
  BENCHMARKHUB_PROVIDERS: optionalString,
  LLM_MAX_ATTEMPTS: intInRange(1, 10, 4),
  LLM_TIMEOUT_MS: intInRange(1000, 600_000, 60_000),
  /** Prefix of the queue, budget and counter keys in Redis (several deployments can share one Redis). */
  QUEUE_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/i)
      .default('bh'),
  ),
  /** Model calls one worker process makes at once (provider limits still apply on top). */
  WORKER_CONCURRENCY: intInRange(1, 1000, 64),
  /** How often workers look for runs that lost work items (worker killed, Redis restarted). */
  RECONCILE_INTERVAL_MS: intInRange(1000, 3_600_000, 10_000),
  /** Raw model outputs older than this are deleted; run statistics stay. */
  RETENTION_DAYS: intInRange(1, 3650, 90),
});
export type Env = z.infer<typeof EnvSchema>;

/** Names of variables whose values must never be shown (logs, errors, reports, database). */
export const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'OPENROUTER_API_KEY',
  'OPENAI_API_KEY',
] as const satisfies readonly (keyof Env)[];

export interface Config {
  env: Env;
  /** Base URL of report links; defaults to this server. */
  publicUrl: string;
  /** Whether to start Redis/MongoDB locally when they do not answer (never in production). */
  localServices: boolean;
  /** Values of every configured secret, for log scrubbing. */
  secrets: string[];
}

export class ConfigError extends AppError {
  constructor(problems: string[]) {
    super('invalid_config', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; a missing or malformed value throws a ConfigError naming each variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        const secret = (SECRET_VARIABLES as readonly string[]).includes(name);
        const given = source[name];
        const shown = given === undefined || secret ? '' : ` (got "${given.slice(0, 80)}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  return {
    env,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    localServices: (env.LOCAL_SERVICES ?? (env.NODE_ENV === 'production' ? 'off' : 'auto')) === 'auto',
    secrets: SECRET_VARIABLES.map((name) => env[name]).filter((value): value is string => Boolean(value)),
  };
}
