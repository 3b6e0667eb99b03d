import mongoose, { type Connection } from 'mongoose';
import { withTimeout } from '../util/with-timeout.ts';

/** Opens a dedicated connection (no global mongoose singleton) and waits until it is usable. */
export async function connectMongo(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    // The portable subset we target (FerretDB included) has no retryable writes.
    retryWrites: false,
  });
  return connection.asPromise();
}

/** Pings the server within `timeoutMs`; throws with the reason otherwise. */
export async function pingMongo(connection: Connection, timeoutMs = 1500): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('MongoDB connection is not open');
  await withTimeout(db.admin().ping(), timeoutMs, 'MongoDB did not answer ping');
}
