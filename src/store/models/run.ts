import { type Connection, type InferSchemaType, Schema } from 'mongoose';
import { RunStatusSchema } from '../../core/run/status.ts';

/** Where a run was requested, so progress and the final card go back there. */
const ChatRefSchema = new Schema(
  {
    platform: { type: String, enum: ['slack', 'discord', 'local'], required: true },
    channelId: { type: String, default: '' },
    threadId: { type: String, default: '' },
    messageId: { type: String, default: '' },
    userId: { type: String, default: '' },
  },
  { _id: false },
);

const RunSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    benchmarkId: { type: Schema.Types.ObjectId, required: true },
    benchmarkVersionId: { type: Schema.Types.ObjectId, required: true },
    benchmarkName: { type: String, required: true },
    version: { type: Number, required: true },
    models: { type: [String], required: true },
    params: { type: Schema.Types.Mixed, default: {} },
    samples: { type: Number, default: 1, min: 1 },
    /** Response cache switch of the run; null means the default (on at temperature 0). */
    cache: { type: Boolean, default: null },
    status: { type: String, enum: RunStatusSchema.options, required: true },
    estimate: { type: Schema.Types.Mixed, default: null },
    costUsd: { type: Number, default: 0, min: 0 },
    counts: {
      total: { type: Number, default: 0 },
      done: { type: Number, default: 0 },
      errors: { type: Number, default: 0 },
      cached: { type: Number, default: 0 },
    },
    /** Unguessable id of the public report link (128 random bits, base64url). */
    shareId: { type: String, required: true },
    shareRevoked: { type: Boolean, default: false },
    shareExpiresAt: { type: Date, default: null },
    chat: { type: ChatRefSchema, default: null },
    requestedBy: { type: String, default: '' },
    simulated: { type: Boolean, default: false },
    /** Aggregate statistics, written when the run ends; kept when raw outputs expire. */
    summary: { type: Schema.Types.Mixed, default: null },
    message: { type: String, default: '' },
    confirmationExpiresAt: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
  },
  {
    // Keep empty objects (`params: {}`): the stored snapshot must read back exactly as written.
    minimize: false,
    timestamps: true,
  },
);
RunSchema.index({ shareId: 1 }, { unique: true });
RunSchema.index({ benchmarkId: 1, createdAt: -1 });
RunSchema.index({ workspaceId: 1, createdAt: -1 });
RunSchema.index({ status: 1 });

export type RunDoc = InferSchemaType<typeof RunSchema>;

export function runModel(connection: Connection) {
  return connection.model('Run', RunSchema);
}
