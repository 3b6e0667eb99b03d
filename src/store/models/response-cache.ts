import { type Connection, type InferSchemaType, Schema } from 'mongoose';

/** A successful model answer, reused for an identical request (same endpoint, model, messages, params). */
const ResponseCacheSchema = new Schema(
  {
    /** sha256 of (scope, provider base URL, model, messages, params). */
    key: { type: String, required: true },
    /** Whose cache this answer is in: the workspace that paid for it. */
    scope: { type: String, required: true },
    model: { type: String, required: true },
    // Not `required`: mongoose refuses an empty string there, and an empty answer is still an answer.
    output: { type: String, default: '' },
    promptTokens: { type: Number, default: 0 },
    completionTokens: { type: Number, default: 0 },
    latencyMs: { type: Number, default: 0 },
    /** What the original call cost; a cache hit itself costs nothing. */
    costUsd: { type: Number, default: 0 },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
// Insert-only behind the unique key: two workers caching the same answer cannot both win.
ResponseCacheSchema.index({ key: 1 }, { unique: true });
ResponseCacheSchema.index({ createdAt: 1 });
ResponseCacheSchema.index({ scope: 1 });

export type ResponseCacheDoc = InferSchemaType<typeof ResponseCacheSchema>;

export function responseCacheModel(connection: Connection) {
  return connection.model('ResponseCache', ResponseCacheSchema);
}
