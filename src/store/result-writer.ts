import { type Model, Types } from 'mongoose';
import type { ResultRecord } from '../core/use-cases/store-ports.ts';
import type { ResultDoc } from './models/result.ts';

/** MongoDB's duplicate-key error: the work item already has its result. */
const DUPLICATE_KEY = 11000;

interface BulkWriteFailure {
  code?: number;
  writeErrors?: { code?: number }[] | { code?: number };
  result?: { insertedCount?: number };
  insertedCount?: number;
}

/**
 * Inserts results with one unordered bulk write. The unique (run, case, model, sample) index makes a
 * replayed or duplicated work item a no-op, so counting what was inserted never counts twice.
 */
export function createResultWriter(Result: Model<ResultDoc>) {
  return {
    async insert(records: ResultRecord[]): Promise<number> {
      if (records.length === 0) return 0;
      const now = new Date();
      const operations = records.map((record) => ({
        insertOne: { document: { ...record, runId: new Types.ObjectId(record.runId), createdAt: now } },
      }));
      try {
        const outcome = await Result.collection.bulkWrite(operations, { ordered: false });
        return outcome.insertedCount;
      } catch (error) {
        const failure = error as BulkWriteFailure;
        const writeErrors = Array.isArray(failure.writeErrors)
          ? failure.writeErrors
          : failure.writeErrors
            ? [failure.writeErrors]
            : [{ code: failure.code }];
        if (!writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY)) throw error;
        return failure.result?.insertedCount ?? failure.insertedCount ?? 0;
      }
    },
  };
}
