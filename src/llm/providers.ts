import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';

export const ProviderLimitsSchema = z
  .object({
    requestsPerMinute: z.number().int().positive().optional(),
    tokensPerMinute: z.number().int().positive().optional(),
    maxConcurrency: z.number().int().positive().max(10_000).default(16),
  })
  .strict();
export type ProviderLimits = z.infer<typeof ProviderLimitsSchema>;

/** One OpenAI-compatible endpoint; its models are referenced as `name:model`. */
export const ProviderConfigSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,31}$/, 'lower-case letters, digits, `.`, `_` and `-`, at most 32 characters'),
    baseUrl: z.url(),
    /** Environment variable holding the key; read at call time so keys never sit in config objects. */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
      .optional(),
    headers: z.record(z.string(), z.string()).optional(),
    limits: ProviderLimitsSchema.default({ maxConcurrency: 16 }),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;

const ProvidersDocumentSchema = z.union([
  z.array(ProviderConfigSchema),
  z.object({ providers: z.array(ProviderConfigSchema) }).transform((doc) => doc.providers),
]);

/** The provider of bare references such as `openai/gpt-4o-mini`. */
export const DEFAULT_PROVIDER = 'openrouter';
/** The provider served by the built-in simulator. */
export const DEMO_PROVIDER = 'demo';

export interface ParsedModelRef {
  provider: string;
  model: string;
}

/**
 * Splits `provider:model`. Only a known provider name counts as a prefix: OpenRouter ids may carry
 * their own colon (`meta-llama/llama-3-8b-instruct:free`), so anything else goes to OpenRouter whole.
 */
export function parseModelRef(
  ref: string,
  providerNames: Iterable<string> = [DEFAULT_PROVIDER, 'openai', DEMO_PROVIDER],
): ParsedModelRef {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const prefix = ref.slice(0, colon);
    if (new Set(providerNames).has(prefix)) return { provider: prefix, model: ref.slice(colon + 1) };
  }
  return { provider: DEFAULT_PROVIDER, model: ref };
}

/** Environment the provider list is built from (a subset of the parsed config). */
export interface ProviderEnv {
  OPENROUTER_BASE_URL?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  PROVIDERS_FILE?: string | undefined;
  BENCHMARKHUB_PROVIDERS?: string | undefined;
}

function builtInProviders(env: ProviderEnv, demoBaseUrl: string | undefined): ProviderConfig[] {
  const providers: ProviderConfig[] = [
    {
      name: DEFAULT_PROVIDER,
      baseUrl: env.OPENROUTER_BASE_URL ?? 'https://openrouter.ai/api/v1',
      apiKeyEnv: 'OPENROUTER_API_KEY',
      // OpenRouter asks apps to identify themselves; it shows the title in its activity log.
      headers: { 'X-Title': 'BenchmarkHub' },
      limits: { maxConcurrency: 16 },
    },
    {
      name: 'openai',
      baseUrl: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
      limits: { maxConcurrency: 16 },
    },
  ];
  if (demoBaseUrl) providers.push({ name: DEMO_PROVIDER, baseUrl: demoBaseUrl, limits: { maxConcurrency: 256 } });
  return providers;
}

function parseDeclarations(text: string, origin: string): ProviderConfig[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new AppError('invalid_providers', `${origin} is not valid YAML or JSON.`, { cause: error });
  }
  const parsed = ProvidersDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new AppError('invalid_providers', `${origin} has invalid provider declarations:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The providers of this process: the built-ins (`openrouter`, `openai`, and `demo` when the
 * simulator runs), then declarations from `PROVIDERS_FILE` and `BENCHMARKHUB_PROVIDERS`. A declaration
 * with a built-in's name overrides its fields (to set limits or point it elsewhere).
 */
export function loadProviders(
  env: ProviderEnv,
  options: { demoBaseUrl?: string; readFile?: (path: string) => string } = {},
): ProviderConfig[] {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const declared: ProviderConfig[] = [];
  if (env.PROVIDERS_FILE) {
    let text: string;
    try {
      text = readFile(env.PROVIDERS_FILE);
    } catch (error) {
      throw new AppError('invalid_providers', `PROVIDERS_FILE ${env.PROVIDERS_FILE} cannot be read.`, {
        cause: error,
      });
    }
    declared.push(...parseDeclarations(text, `PROVIDERS_FILE ${env.PROVIDERS_FILE}`));
  }
  if (env.BENCHMARKHUB_PROVIDERS) {
    declared.push(...parseDeclarations(env.BENCHMARKHUB_PROVIDERS, 'BENCHMARKHUB_PROVIDERS'));
  }
  const byName = new Map<string, ProviderConfig>();
  for (const provider of [...builtInProviders(env, options.demoBaseUrl), ...declared]) {
    // Spread so a declaration that only sets limits keeps the built-in's key variable and headers.
    byName.set(provider.name, { ...byName.get(provider.name), ...provider });
  }
  return [...byName.values()];
}
