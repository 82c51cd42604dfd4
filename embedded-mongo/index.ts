/**
 * The embedded MongoDB-compatible store: an in-process server speaking the MongoDB wire protocol,
 * so mongoose and the official driver run against it unchanged when no MongoDB is configured.
 *
 *   const store = await startEmbeddedMongo({ dbPath: './data' });
 *   await mongoose.connect(store.uri);
 *   …
 *   await mongoose.disconnect();
 *   await store.close();
 *
 * Data lives in `dbPath` (journal + snapshot, see storage/durability.ts); a write is acknowledged
 * only once it is fsynced. The directory is locked while open; `findRunningStore` tells a CLI
 * where the running store listens so it connects instead of opening the files twice.
 * README.md lists what is supported and how it differs from MongoDB.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { silentLogger } from '../lib/logger.js';
import { CursorRegistry } from './engine/cursors.js';
import { Store } from './engine/store.js';
import { sweepExpired } from './engine/ttl.js';
import { WireServer } from './server.js';
import { Durability } from './storage/durability.js';
import { acquireLock, readLiveAddress, removeAddress, writeAddress } from './storage/lock.js';

export { StoreLockedError, CorruptStoreError } from './errors.js';

export interface EmbeddedMongoOptions {
  /** Data directory (created if missing). */
  dbPath: string;
  /** Default 127.0.0.1 (never bind elsewhere by default). */
  host?: string;
  /** Default 0 = pick a free port. */
  port?: number;
  logger?: Logger;
  /**
   * Longest time a background record (TTL deletion, unacknowledged `w:0` write) waits for its
   * fsync; default 20 ms. Acknowledged writes never wait for this: their fsync starts at once
   * and they are answered only after it (group commit with whatever else is queued).
   */
  fsyncIntervalMs?: number;
  /** TTL sweep period; default 5 s (MongoDB: 60 s); 0 turns the periodic sweep off (`sweepTtl` still works). */
  ttlSweepIntervalMs?: number;
  /** Journal size that triggers compaction into a snapshot; default 64 MiB. */
  compactThresholdBytes?: number;
  /** Idle cursors are dropped after this long; default 10 minutes, as in MongoDB. */
  cursorIdleMs?: number;
}

export interface EmbeddedMongo {
  /** e.g. mongodb://127.0.0.1:PORT/?directConnection=true */
  readonly uri: string;
  readonly port: number;
  /** Stop accepting, flush and fsync the journal, release the lock. */
  close(): Promise<void>;
  /** Forces a compaction (snapshot + new journal); mainly for tests and maintenance. */
  compact(): Promise<void>;
  /** Runs the TTL sweep now; returns how many documents expired. */
  sweepTtl(): number;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const logger = opts.logger ?? silentLogger;
  const dir = resolve(opts.dbPath);
  mkdirSync(dir, { recursive: true });
  const lock = acquireLock(dir);
  if (lock.tookOver) logger.warn({ dbPath: dir }, 'took over the lock of a process that is no longer running');
  let durability: Durability | undefined;
  try {
    const store = new Store();
    durability = await Durability.open(store, {
      dir,
      logger,
      fsyncIntervalMs: opts.fsyncIntervalMs ?? 20,
      compactAtBytes: opts.compactThresholdBytes ?? 64 * 1024 * 1024,
    });
    const d = durability;
    const cursors = new CursorRegistry(opts.cursorIdleMs ?? 10 * 60_000);
    const server = new WireServer({ store, cursors, durability: d, logger });
    const host = opts.host ?? '127.0.0.1';
    const { port } = await server.listen(host, opts.port ?? 0);
    const uri = `mongodb://${host.includes(':') ? `[${host}]` : host}:${port}/?directConnection=true`;
    writeAddress(dir, uri);

    const sweepTtl = (): number => {
      if (d.failed) return 0;
      try {
        const n = sweepExpired(store, Date.now());
        if (n > 0) logger.debug({ removed: n }, 'TTL sweep');
        return n;
      } finally {
        d.commit(false);
      }
    };
    const sweepEvery = opts.ttlSweepIntervalMs ?? 5000;
    const ttlTimer = sweepEvery > 0 ? setInterval(sweepTtl, sweepEvery) : undefined;
    ttlTimer?.unref();
    const reaper = setInterval(() => cursors.reapIdle(), 60_000);
    reaper.unref();
    logger.info({ uri, dbPath: dir, recovery: d.recovery }, 'embedded MongoDB-compatible store listening');

    let closing: Promise<void> | undefined;
    return {
      uri,
      port,
      sweepTtl,
      compact: () => d.compact(),
      close() {
        closing ??= (async () => {
          clearInterval(ttlTimer);
          clearInterval(reaper);
          await server.close();
          cursors.clear();
          try {
            await d.close();
          } finally {
            removeAddress(dir);
            lock.release();
          }
          logger.info({ dbPath: dir }, 'embedded store closed');
        })();
        return closing;
      },
    };
  } catch (err) {
    if (durability) await durability.close().catch(() => {});
    lock.release();
    throw err;
  }
}

/** The uri of a live store that holds dbPath's lock (its address file), or undefined. */
export async function findRunningStore(dbPath: string): Promise<string | undefined> {
  return Promise.resolve(readLiveAddress(resolve(dbPath)));
}
