import { z } from 'zod';
import type { Reply } from './commands/reply.ts';
import type { ChatMessage, ModelParams, ModelRef } from './definition/schema.ts';
import type { RunProgressEvent } from './run/progress.ts';
import type { ScoreResult } from './scoring/types.ts';
import type { ChatRef } from './use-cases/actor.ts';

/** Why a model call failed; stored on the result so users see the cause. */
export const CallErrorKindSchema = z.enum([
  'auth',
  'out_of_credits',
  'rate_limited',
  'context_too_long',
  'content_filtered',
  'server_error',
  'timeout',
  'malformed_response',
  'bad_request',
  'network',
  'cancelled',
  'unknown_model',
]);
export type CallErrorKind = z.infer<typeof CallErrorKindSchema>;

export const TokenUsageSchema = z.object({
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** The envelope of one model call: a failed call is a value, never a throw. */
export const CompletionSchema = z.object({
  output: z.string(),
  usage: TokenUsageSchema,
  costUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  cached: z.boolean().default(false),
  error: z.object({ kind: CallErrorKindSchema, message: z.string(), retryable: z.boolean() }).optional(),
});
export type Completion = z.infer<typeof CompletionSchema>;

/** One chat-completion request. */
export interface CompletionRequest {
  model: ModelRef;
  messages: ChatMessage[];
  params: ModelParams;
  signal?: AbortSignal;
  /** Whether a cached answer may be returned (default: only when temperature is 0). */
  cache?: boolean;
  /**
   * Whose cache the answer is read from and stored in (the workspace): one workspace never gets
   * another's answers, nor learns from a free cached answer what another asked. Without a scope
   * the call is never cached.
   */
  cacheScope?: string;
  /**
   * The case's expected answer. Only the built-in demo simulator reads it, to answer with each demo
   * model's accuracy; real providers never receive it.
   */
  expected?: string;
  /**
   * `interactive` calls (small runs someone is watching) take freed provider capacity before
   * `batch` calls (the default), so a small run is not stuck behind a big one.
   */
  priority?: 'interactive' | 'batch';
}

/** Calls chat models through an OpenAI-compatible endpoint. */
export interface ModelGateway {
  complete(request: CompletionRequest): Promise<Completion>;
}

/** What a custom scoring script sees. */
export interface ScriptInput {
  output: string;
  expected?: string;
  vars: Record<string, string>;
}

/** Bounds of one script evaluation. */
export interface ScriptLimits {
  timeoutMs: number;
  memoryBytes: number;
}

/**
 * Runs user-written JavaScript scorers in an isolated sandbox (never Node's `vm`). The script gets
 * `output`, `expected` and `vars` and returns a boolean, a number 0..1 or `{pass, score, reason}`.
 * Timeouts, memory exhaustion, thrown errors and bad return values come back as failing results
 * with `error: true`; `evaluate` never throws.
 */
export interface ScriptSandbox {
  evaluate(code: string, input: ScriptInput, limits: ScriptLimits): Promise<ScoreResult>;
}

/** The small logging surface core code may use. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Clock {
  now(): Date;
}

/** Carries run progress from workers to every process that shows it. */
export interface ProgressBus {
  publish(event: RunProgressEvent): Promise<void>;
  /** Calls `listener` for each event of the run until the returned function is called. */
  subscribe(runId: string, listener: (event: RunProgressEvent) => void): Promise<() => Promise<void>>;
}

/** Draws a Chart.js configuration to an image. */
export interface ChartRenderer {
  render(config: object, options: { width: number; height: number; backgroundColor?: string }): Promise<Uint8Array>;
}

/**
 * Posts a run's progress and result back into the chat it came from. One adapter per platform
 * (Slack, Discord); workers pick it by `chat.platform` and throttle progress updates themselves.
 */
export interface ChatNotifier {
  /** Updates the progress message in place (posts it when `chat.messageId` is empty); returns the ref to reuse. */
  showProgress(chat: ChatRef, reply: Reply): Promise<ChatRef>;
  /** Posts the final card, with its chart attached, in the run's thread. */
  postResult(chat: ChatRef, reply: Reply): Promise<void>;
}
