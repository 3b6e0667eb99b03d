import type { ResultRecord } from '../core/use-cases/store-ports.ts';

/**
 * Gathers results from concurrent jobs into one bulk insert (up to `maxBatch`, or after `maxWaitMs`),
 * so MongoDB sees few large writes. A job completes only once its result's batch is stored; if the
 * write fails, every job of the batch fails and BullMQ retries it.
 */
export function createResultBatcher(options: {
  /** Writes a batch; returns the records it stored (duplicates of stored results left out). */
  insert: (records: ResultRecord[]) => Promise<ResultRecord[]>;
  /** Called with the records the write stored, before any job of the batch completes. */
  onStored: (stored: ResultRecord[]) => Promise<void>;
  maxBatch?: number;
  maxWaitMs?: number;
}) {
  const maxBatch = options.maxBatch ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 20;
  let pending: { record: ResultRecord; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      const records = batch.map((entry) => entry.record);
      await options.onStored(await options.insert(records));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  return {
    add(record: ResultRecord): Promise<void> {
      const stored = new Promise<void>((resolve, reject) => pending.push({ record, resolve, reject }));
      if (pending.length >= maxBatch) void flush();
      else timer ??= setTimeout(() => void flush(), maxWaitMs);
      return stored;
    },
    flush,
  };
}
