/**
 * The server the embedded-mongo conformance tests talk to: the embedded store in a fresh temp
 * directory by default, or a real MongoDB when MONGODB_URI is set, so the same expectations can
 * be checked against the real thing.
 */
import '../helpers/promise-with-resolvers.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from '../../embedded-mongo/index.js';

export interface Target {
  readonly kind: 'embedded' | 'mongodb';
  readonly uri: string;
  /** A database name unique to this run. */
  readonly dbName: string;
  readonly embedded: EmbeddedMongo | undefined;
  client(opts?: MongoClientOptions): Promise<MongoClient>;
  /** Makes expired TTL documents go within a second or so. */
  speedUpTtl(): Promise<void>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startTarget(options: Partial<EmbeddedMongoOptions> = {}): Promise<Target> {
  const dbName = `em_test_${process.pid}_${counter++}`;
  const external = process.env['MONGODB_URI'];
  const clients: MongoClient[] = [];
  let dir: string | undefined;
  let embedded: EmbeddedMongo | undefined;
  let uri: string;
  if (external) {
    uri = external;
  } else {
    dir = await mkdtemp(join(tmpdir(), 'em-test-'));
    embedded = await startEmbeddedMongo({ dbPath: dir, ttlSweepIntervalMs: 100, ...options });
    uri = embedded.uri;
  }
  const target: Target = {
    kind: external ? 'mongodb' : 'embedded',
    uri,
    dbName,
    embedded,
    async client(opts = {}) {
      const c = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, ...opts });
      await c.connect();
      clients.push(c);
      return c;
    },
    async speedUpTtl() {
      if (!external) return;
      const c = await target.client();
      await c.db('admin').command({ setParameter: 1, ttlMonitorSleepSecs: 1 });
    },
    async stop() {
      for (const c of clients) {
        if (external) await c.db(dbName).dropDatabase().catch(() => {});
        await c.close();
      }
      if (embedded) await embedded.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
  return target;
}

/** Polls `check` until it returns true or `ms` elapse. */
export async function eventually(check: () => Promise<boolean>, ms: number, stepMs = 50): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
