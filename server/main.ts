/**
 * `npm start`: reads configuration, opens the database (the embedded store
 * when MONGODB_URI is unset), fills the demo gaps (the WeCom simulator when
 * WECOM_CORP_ID is unset), wires the app (server/compose.ts) and serves.
 */
import { createServer } from 'node:http';
import type { Config } from '../lib/config.js';
import { instanceId as processId, loadConfigOrExit } from '../lib/process.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { openDatabase, type Database } from '../models/db.js';
import { StoreLockedError } from '../embedded-mongo/index.js';
import { seedReferenceData } from '../models/seed/reference.js';
import { Lifecycle } from './lifecycle.js';
import { resolveRuntimeConfig, withBoundPort } from './runtimeConfig.js';
import { compose, startBackground } from './compose.js';
import type { Services } from './feature.js';

export interface Running {
  readonly services: Services;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts everything; used by `npm start` and by end-to-end tests. */
export async function start(config0: Config, logger: Logger, lifecycle = new Lifecycle(logger)): Promise<Running> {
  const instanceId = processId('app');
  const db: Database = await openDatabase({ mongodbUri: config0.mongodbUri, dataDir: config0.dataDir, logger, role: 'app' });
  lifecycle.add({ name: 'database', stop: () => db.close() });
  await seedReferenceData();

  // Bind first (answering 503 until ready): with PORT=0 the links and the demo
  // simulator's address need the port the system picked.
  const server = createServer((_req, res) => {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '2' });
    res.end('HR 助手正在启动，请稍候再试。');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
    server.listen(config0.port, config0.host);
  });
  lifecycle.addServer(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config0.port;

  const config = await resolveRuntimeConfig(withBoundPort(config0, port), logger);
  const composed = await compose({ config, logger, db, instanceId });
  server.removeAllListeners('request');
  server.on('request', composed.app.callback());
  await startBackground(composed, lifecycle, { senderLoop: true, scheduler: config.schedulerEnabled });
  return { services: composed.services, url: `http://localhost:${port}`, stop: () => lifecycle.stop() };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  try {
    const running = await start(config, logger, lifecycle);
    const base = running.services.config.publicBaseUrl;
    logger.info({ url: base, mode: running.services.config.mode, db: running.services.db.kind }, 'HR assistant started');
    process.stdout.write(`\nHR 助手已启动：${base}\n`);
    if (running.services.config.mode === 'demo') {
      process.stdout.write(`演示模式（未配置企业微信）：打开 ${base}/console 体验员工、经理、HR 的对话\n`);
    }
    process.stdout.write(`健康检查：${base}/healthz\n\n`);
  } catch (err) {
    if (err instanceof StoreLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    logger.fatal({ err }, 'start-up failed');
    await lifecycle.stop();
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
