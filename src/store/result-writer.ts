import { type Model, Types } from 'mongoose';
import type { ResultRecord } from '../core/use-cases/store-ports.ts';
import type { ResultDoc } from './models/result.ts';

/** MongoDB's duplicate-key error: the work item already has its result. */
const DUPLICATE_KEY = 11000;

interface BulkWriteFailure {
  code?: number;
  writeErrors?: { code?: number; index?: number }[] | { code?: number; index?: number };
}

/**
 * Inserts results with one unordered bulk write. The unique (run, case, model, sample) index makes a
 * replayed or duplicated work item a no-op, so what it reports stored was stored by this write alone.
 */
export function createResultWriter(Result: Model<ResultDoc>) {
  return {
    /** Returns the records this write stored; duplicates of stored results are left out. */
    async insert(records: ResultRecord[]): Promise<ResultRecord[]> {
      if (records.length === 0) return [];
      const now = new Date();
      const operations = records.map((record) => ({
        insertOne: { document: { ...record, runId: new Types.ObjectId(record.runId), createdAt: now } },
      }));
      try {
        await Result.collection.bulkWrite(operations, { ordered: false });
        return records;
      } catch (error) {
        const failure = error as BulkWriteFailure;
        const writeErrors = Array.isArray(failure.writeErrors)
          ? failure.writeErrors
          : failure.writeErrors
            ? [failure.writeErrors]
            : [{ code: failure.code }];
        if (!writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY)) throw error;
        const duplicates = new Set(writeErrors.map((writeError) => writeError.index));
        // Without the failed operations' indexes nothing is known to be stored by this write; callers
        // then recount from MongoDB.
        if (duplicates.has(undefined)) return [];
        return records.filter((_, index) => !duplicates.has(index));
      }
    },
  };
}
