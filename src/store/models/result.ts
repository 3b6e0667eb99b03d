import { type Connection, type InferSchemaType, Schema } from 'mongoose';

/** One answer of one model to one case (one sample), with its scores. Written once. */
const ResultSchema = new Schema(
  {
    runId: { type: Schema.Types.ObjectId, required: true },
    caseId: { type: String, required: true },
    model: { type: String, required: true },
    sample: { type: Number, required: true, min: 0 },
    output: { type: String, default: '' },
    latencyMs: { type: Number, default: 0 },
    promptTokens: { type: Number, default: 0 },
    completionTokens: { type: Number, default: 0 },
    costUsd: { type: Number, default: 0 },
    cached: { type: Boolean, default: false },
    score: { type: Number, default: 0 },
    pass: { type: Boolean, default: false },
    checks: { type: Schema.Types.Mixed, default: [] },
    tags: { type: [String], default: [] },
    error: { type: { kind: String, message: String }, default: null, _id: false },
    /** Set when retention removed the raw output; the run's summary still counts the result. */
    outputPurgedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
// The idempotency key: a retried or duplicated work item can never write a second result.
ResultSchema.index({ runId: 1, caseId: 1, model: 1, sample: 1 }, { unique: true });
ResultSchema.index({ runId: 1, model: 1, pass: 1 });
ResultSchema.index({ runId: 1, tags: 1 });
ResultSchema.index({ createdAt: 1 });

export type ResultDoc = InferSchemaType<typeof ResultSchema>;

export function resultModel(connection: Connection) {
  return connection.model('Result', ResultSchema);
}
