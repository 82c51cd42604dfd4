/**
 * One database for the whole test run: the embedded store in a temp directory,
 * or a real MongoDB when MONGODB_URI is set (same expectations either way).
 * Call `useTestDatabase()` inside a describe block: it connects before the
 * block and empties every collection before each test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../embedded-mongo/index.js';
import { ensureIndexes } from '../../models/db.js';
import { seedReferenceData } from '../../models/seed/reference.js';
import { silentLogger } from '../../lib/logger.js';

let ready: Promise<void> | undefined;
let embedded: EmbeddedMongo | undefined;
let dir: string | undefined;
let uri: string | undefined;
const dbName = `hr_test_${process.pid}`;

/** The uri tests (and child processes they spawn) can use; valid after `connectTestDatabase`. */
export function testDatabaseUri(): string {
  if (!uri) throw new Error('test database not started');
  return uri;
}

export function testDatabaseName(): string {
  return dbName;
}

export async function connectTestDatabase(): Promise<void> {
  (globalThis as { __closeTestDatabase?: () => Promise<void> }).__closeTestDatabase = closeTestDatabase;
  ready ??= (async () => {
    uri = process.env['MONGODB_URI'];
    if (!uri) {
      dir = await mkdtemp(join(tmpdir(), 'hr-test-db-'));
      // No periodic TTL sweep: story tests run on fixed clocks in the past, and a
      // sweep on the real clock would delete their documents mid-test.
      embedded = await startEmbeddedMongo({ dbPath: dir, logger: silentLogger, ttlSweepIntervalMs: 0 });
      uri = embedded.uri;
    }
    await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 5000, autoIndex: false });
    await ensureIndexes();
  })();
  return ready;
}

/** Empties every collection (keeps indexes), then re-seeds reference data. */
export async function clearDatabase(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const c of collections) {
    if (c.name.startsWith('system.')) continue;
    await db.collection(c.name).deleteMany({});
  }
  await seedReferenceData();
}

export function useTestDatabase(opts: { clearEach?: boolean } = {}): void {
  before(async function () {
    this.timeout(30_000);
    await connectTestDatabase();
    await clearDatabase();
  });
  if (opts.clearEach !== false) beforeEach(() => clearDatabase());
}

/** Closes everything at the very end of the run (root hook from test/setup.ts). */
export async function closeTestDatabase(): Promise<void> {
  if (!ready) return;
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await embedded?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  ready = undefined;
}
