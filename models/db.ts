/**
 * The database connection. With `MONGODB_URI` the app uses that MongoDB and
 * nothing else changes; without it the embedded store (embedded-mongo/) is
 * started on `DATA_DIR` and mongoose connects to it over the wire protocol.
 *
 * CLIs pass `role: 'cli'`: when the app is already running on the same data
 * directory they connect to its store instead of opening the files twice.
 */
import mongoose from 'mongoose';
import type { Logger } from '../lib/logger.js';
import { findRunningStore, startEmbeddedMongo, type EmbeddedMongo } from '../embedded-mongo/index.js';
import './index.js'; // registers every model with mongoose

export interface Database {
  readonly uri: string;
  readonly kind: 'mongodb' | 'embedded' | 'embedded-shared';
  readonly connection: mongoose.Connection;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly mongodbUri: string | undefined;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly role: 'app' | 'cli';
  /** Database name on the server (tests use their own). */
  readonly dbName?: string;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedMongo | undefined;
  let uri: string;
  let kind: Database['kind'];
  const running = !opts.mongodbUri && opts.role === 'cli' ? await findRunningStore(opts.dataDir) : undefined;
  if (opts.mongodbUri) {
    uri = opts.mongodbUri;
    kind = 'mongodb';
  } else if (running) {
    uri = running;
    kind = 'embedded-shared';
  } else {
    embedded = await startEmbeddedMongo({ dbPath: opts.dataDir, logger: opts.logger.child({ component: 'embedded-mongo' }) });
    uri = embedded.uri;
    kind = 'embedded';
  }
  mongoose.set('strictQuery', true);
  await mongoose.connect(uri, {
    dbName: opts.dbName ?? 'hr',
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
  });
  await ensureIndexes();
  opts.logger.info({ kind, db: opts.dbName ?? 'hr' }, 'database connected');

  return {
    uri,
    kind,
    connection: mongoose.connection,
    async ping() {
      try {
        const db = mongoose.connection.db;
        if (!db) return false;
        await db.admin().command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await mongoose.disconnect();
      if (embedded) await embedded.close();
    },
  };
}

/** Creates every model's collection and indexes (unique and TTL indexes carry correctness here). */
export async function ensureIndexes(): Promise<void> {
  for (const name of mongoose.modelNames()) {
    const m = mongoose.model(name);
    await m.createCollection().catch((err: unknown) => {
      if ((err as { code?: unknown }).code !== 48) throw err;
    });
    await m.createIndexes();
  }
}
