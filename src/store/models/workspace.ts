import { type Connection, type InferSchemaType, Schema } from 'mongoose';

/** A team: a Slack team, a Discord guild, or the local CLI user. */
const WorkspaceSchema = new Schema(
  {
    platform: { type: String, enum: ['slack', 'discord', 'local'], required: true },
    externalId: { type: String, required: true },
    name: { type: String, default: '' },
    settings: {
      monthlyBudgetUsd: { type: Number, default: 50, min: 0 },
      confirmThresholdUsd: { type: Number, default: 0.5, min: 0 },
      defaultModels: { type: [String], default: [] },
      admins: { type: [String], default: [] },
    },
  },
  { timestamps: true },
);
WorkspaceSchema.index({ platform: 1, externalId: 1 }, { unique: true });

export type WorkspaceDoc = InferSchemaType<typeof WorkspaceSchema>;

export function workspaceModel(connection: Connection) {
  return connection.model('Workspace', WorkspaceSchema);
}
