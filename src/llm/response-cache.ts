import { createHash } from 'node:crypto';
import type { Model } from 'mongoose';
import type { ChatMessage, ModelParams } from '../core/definition/schema.ts';
import type { Completion } from '../core/ports.ts';
import type { ResponseCacheDoc } from '../store/models/response-cache.ts';

/** Stores successful answers for identical requests. */
export interface ResponseCache {
  get(key: string): Promise<Completion | undefined>;
  /** Stores a successful completion in `scope`'s cache; a concurrent identical put is ignored. */
  put(key: string, model: string, completion: Completion, scope: string): Promise<void>;
}

/** What makes two requests identical: the cache's scope, the endpoint, the model and everything sent to it. */
export interface CacheKeyInput {
  /** Whose cache (the workspace): the same request of another scope is another entry. */
  scope: string;
  baseUrl: string;
  model: string;
  messages: ChatMessage[];
  params: ModelParams;
  /** The expected answer, for the demo simulator only: it shapes the simulated answer. */
  expected?: string;
}

/** sha256 over a canonical JSON of the scope and request (params sorted, messages reduced to role and content). */
export function cacheKey(input: CacheKeyInput): string {
  const params = Object.fromEntries(
    Object.entries(input.params)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const messages = input.messages.map((message) => [message.role, message.content]);
  return createHash('sha256')
    .update(
      JSON.stringify([
        input.scope,
        input.baseUrl.replace(/\/+$/, ''),
        input.model,
        messages,
        params,
        input.expected ?? null,
      ]),
    )
    .digest('hex');
}

/** The MongoDB response cache. Hits come back marked `cached` and cost 0. */
export function createResponseCache(model: Model<ResponseCacheDoc>): ResponseCache {
  return {
    async get(key) {
      const doc = await model.findOne({ key }).lean();
      if (!doc) return undefined;
      return {
        output: doc.output,
        usage: { promptTokens: doc.promptTokens ?? 0, completionTokens: doc.completionTokens ?? 0 },
        costUsd: 0,
        latencyMs: doc.latencyMs ?? 0,
        cached: true,
      };
    },
    async put(key, modelRef, completion, scope) {
      if (completion.error) return;
      try {
        await model.create({
          key,
          scope,
          model: modelRef,
          output: completion.output,
          promptTokens: completion.usage.promptTokens,
          completionTokens: completion.usage.completionTokens,
          latencyMs: completion.latencyMs,
          costUsd: completion.costUsd,
        });
      } catch (error) {
        // Another worker cached the same answer first; the first one stays.
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    },
  };
}
