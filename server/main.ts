/**
 * `npm start`: the composition root. Reads configuration, opens the database
 * (the embedded store when MONGODB_URI is unset), fills the demo gaps (the
 * WeCom simulator when WECOM_CORP_ID is unset), wires features, and serves.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { loadConfig, ConfigError, type Config } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { deriveKey } from '../lib/keys.js';
import { openDatabase, type Database } from '../models/db.js';
import { StoreLockedError } from '../embedded-mongo/index.js';
import { seedReferenceData } from '../models/seed/reference.js';
import { Engine } from '../flows/engine.js';
import { warmUp as warmUpNlu } from '../flows/nlu/index.js';
import { EffectRegistry } from '../flows/effects.js';
import { createWecomClient } from '../bot/wecom/api/index.js';
import { mongoTokenStore } from '../bot/wecom/mongoTokenStore.js';
import { createWecomPort } from '../bot/wecom/ports.js';
import { createOutbox } from '../bot/outbox/outboxStore.js';
import { OutboxSender } from '../bot/outbox/sender.js';
import { InboundPipeline } from '../bot/inbound/pipeline.js';
import { Scheduler } from '../scheduler/registry.js';
import { coreJobs } from '../scheduler/jobs/core.js';
import { applyContactChange } from '../bot/wecom/directorySync.js';
import { createApp } from './app.js';
import { healthRoutes } from './routes/health.js';
import { wecomCallbackRoutes } from './routes/wecomCallback.js';
import { Lifecycle } from './lifecycle.js';
import { oauthRoutes } from './auth/wecomOAuth.js';
import { sessionOptions } from './auth/options.js';
import { resolveRuntimeConfig } from './runtimeConfig.js';
import { allFeatures } from './features/index.js';
import type { InboundPort, Services } from './feature.js';

export interface Running {
  readonly services: Services;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts everything; used by `npm start` and by end-to-end tests. */
export async function start(config0: Config, logger: Logger, lifecycle = new Lifecycle(logger)): Promise<Running> {
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const db: Database = await openDatabase({ mongodbUri: config0.mongodbUri, dataDir: config0.dataDir, logger, role: 'app' });
  lifecycle.add({ name: 'database', stop: () => db.close() });
  await seedReferenceData();

  const config = await resolveRuntimeConfig(config0, logger);
  const wecom = createWecomClient({
    corpId: config.wecom.corpId,
    secret: config.wecom.secret,
    agentId: config.wecom.agentId,
    apiBase: config.wecom.apiBase,
    tokenStore: mongoTokenStore(`wecom:token:${config.wecom.corpId}:${config.wecom.agentId}`),
    ticketStores: {
      jsapi: mongoTokenStore(`wecom:jsapi:${config.wecom.corpId}`),
      agentConfig: mongoTokenStore(`wecom:agent-ticket:${config.wecom.corpId}:${config.wecom.agentId}`),
    },
    logger: logger.child({ component: 'wecom-api' }),
  });
  const outbox = createOutbox();
  const effects = new EffectRegistry();
  // The pipeline needs the engine, which needs the features' flows: bind late.
  let pipeline: InboundPipeline | undefined;
  const inbound: InboundPort = {
    accept: (event, channel) => {
      if (!pipeline) throw new Error('inbound pipeline not ready');
      return pipeline.accept(event, channel);
    },
  };
  const services: Services = {
    config, logger, db, instanceId, wecom, outbox, effects, inbound,
    wecomPort: createWecomPort(wecom, { tz: config.tz, leaveTemplateId: config.leaveTemplateId }),
    keys: {
      link: deriveKey(config.appSecret, 'link'),
      payslip: config.payslipKey ? Buffer.from(config.payslipKey, 'base64') : deriveKey(config.appSecret, 'payslip'),
      session: deriveKey(config.appSecret, 'session'),
      upload: deriveKey(config.appSecret, 'upload'),
    },
    now: () => new Date(),
  };

  warmUpNlu(); // jieba's dictionary and the classifier: ~1 s once, instead of on the first message
  const features = allFeatures(config);
  for (const f of features) await f.setup?.(services);
  const engine = new Engine({
    flows: features.flatMap((f) => f.flows?.(services) ?? []),
    cardHandlers: Object.assign({}, ...features.map((f) => f.cardHandlers ?? {})),
    awaitingHandlers: Object.assign({}, ...features.map((f) => f.awaitingHandlers ?? {})),
    ...(features.find((f) => f.approvalHandler)?.approvalHandler ? { approvalHandler: features.find((f) => f.approvalHandler)!.approvalHandler! } : {}),
    effects, outbox, tz: config.tz, publicBaseUrl: config.publicBaseUrl, logger: logger.child({ component: 'engine' }),
  });
  pipeline = new InboundPipeline({ engine, logger: logger.child({ component: 'inbound' }), instanceId });

  const scheduler = new Scheduler({ tz: config.tz, instanceId, logger: logger.child({ component: 'scheduler' }) });
  for (const job of [...coreJobs({ wecom, mode: config.mode }), ...features.flatMap((f) => f.jobs?.(services) ?? [])]) scheduler.register(job);

  const app = createApp({
    logger,
    proxy: config.env === 'production',
    routers: [
      healthRoutes({ ping: () => db.ping(), mode: config.mode, scheduler: () => scheduler.status() }),
      wecomCallbackRoutes({
        wecom: config.wecom, inbound, logger: logger.child({ component: 'callback' }),
        onContactChange: (change) => applyContactChange(wecom, change, logger.child({ component: 'directory' })),
      }),
      oauthRoutes({ ...sessionOptions(services), wecom: config.wecom, client: wecom, publicBaseUrl: config.publicBaseUrl, logger: logger.child({ component: 'oauth' }) }),
      ...features.flatMap((f) => f.routes?.(services) ?? []),
    ],
  });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  lifecycle.addServer(server);

  const sender = new OutboxSender({ wecom, logger: logger.child({ component: 'outbox' }), instanceId, hrAdmins: config.hrAdmins });
  sender.start();
  lifecycle.add({ name: 'outbox-sender', stop: () => sender.stop() });
  pipeline.start();
  lifecycle.add({ name: 'inbound-pipeline', stop: () => pipeline!.stop() });
  if (config.schedulerEnabled) {
    scheduler.start();
    lifecycle.add({ name: 'scheduler', stop: () => scheduler.stop() });
  }
  for (const f of features) {
    const stopper = await f.start?.(services);
    if (stopper) lifecycle.add(stopper);
  }

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { services, url: `http://localhost:${port}`, stop: () => lifecycle.stop() };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
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
