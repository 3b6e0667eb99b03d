import { type Connection, type InferSchemaType, Schema } from 'mongoose';

/** A named benchmark of a workspace; its definitions live in immutable versions. */
const BenchmarkSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    slug: { type: String, required: true },
    name: { type: String, required: true },
    currentVersion: { type: Number, required: true, min: 1 },
    description: { type: String, default: '' },
    caseCount: { type: Number, default: 0 },
    visibility: { type: String, enum: ['workspace', 'public'], default: 'workspace' },
    createdBy: { type: String, default: '' },
    deletedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
BenchmarkSchema.index({ workspaceId: 1, slug: 1 }, { unique: true });

/** One snapshot of a benchmark's definition. Never updated: an edit writes the next version. */
const BenchmarkVersionSchema = new Schema(
  {
    benchmarkId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    version: { type: Number, required: true, min: 1, immutable: true },
    definition: { type: Schema.Types.Mixed, required: true, immutable: true },
    definitionHash: { type: String, required: true, immutable: true },
    /** Cases of the definition, so a version list need not read definitions (absent before 2026-12). */
    caseCount: { type: Number, immutable: true },
    createdBy: { type: String, default: '', immutable: true },
  },
  {
    // Keep empty objects (`params: {}`): the stored snapshot must read back exactly as written.
    minimize: false,
    timestamps: { createdAt: true, updatedAt: false },
  },
);
BenchmarkVersionSchema.index({ benchmarkId: 1, version: 1 }, { unique: true });

export type BenchmarkDoc = InferSchemaType<typeof BenchmarkSchema>;
export type BenchmarkVersionDoc = InferSchemaType<typeof BenchmarkVersionSchema>;

export function benchmarkModel(connection: Connection) {
  return connection.model('Benchmark', BenchmarkSchema);
}

export function benchmarkVersionModel(connection: Connection) {
  return connection.model('BenchmarkVersion', BenchmarkVersionSchema);
}
