/**
 * `npm run mongo -- [--dbpath DIR] [--port P] [--host H]`
 *
 * Runs the embedded store as a standalone server (for mongosh, Compass or a second app process),
 * prints its uri and shuts down cleanly on SIGINT/SIGTERM (journal flushed, lock released).
 * The data directory defaults to DATA_DIR, the one the app uses.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.js';
import { createLogger } from '../lib/logger.js';
import { startEmbeddedMongo, StoreLockedError, CorruptStoreError } from './index.js';

const USAGE = '用法 / usage: npm run mongo -- [--dbpath 目录] [--port 端口] [--host 地址]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dbpath: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'embedded-mongo');
  const port = values.port === undefined ? 27017 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口无效 / invalid port: ${values.port ?? ''}\n${USAGE}`);
  const store = await startEmbeddedMongo({ dbPath: values.dbpath ?? config.dataDir, port, host: values.host ?? '127.0.0.1', logger });
  process.stdout.write(`${store.uri}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    store.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const known = err instanceof StoreLockedError || err instanceof CorruptStoreError;
  process.stderr.write(`${known ? (err as Error).message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
