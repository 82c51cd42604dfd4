/**
 * The wiring of the app, shared by `npm start` (server/main.ts) and the
 * end-to-end test harness, so tests exercise exactly what production runs.
 * `compose` builds services, features, the engine, the inbound pipeline, the
 * Outbox sender, the scheduler and the Koa app; `startBackground` starts the
 * loops. Clocks and retry timing can be injected; nothing else differs.
 */
import type Koa from 'koa';
import type { Logger } from '../lib/logger.js';
import { deriveKey } from '../lib/keys.js';
import type { Database } from '../models/db.js';
import { Engine } from '../flows/engine.js';
import { warmUp as warmUpNlu } from '../flows/nlu/index.js';
import { EffectRegistry } from '../flows/effects.js';
import { createWecomClient, type WecomClient, type WecomClientOptions } from '../bot/wecom/api/index.js';
import { mongoTokenStore } from '../bot/wecom/mongoTokenStore.js';
import { createWecomPort } from '../bot/wecom/ports.js';
import { createOutbox } from '../bot/outbox/outboxStore.js';
import { OutboxSender } from '../bot/outbox/sender.js';
import { InboundPipeline } from '../bot/inbound/pipeline.js';
import { applyContactChange } from '../bot/wecom/directorySync.js';
import { Scheduler } from '../scheduler/registry.js';
import { coreJobs } from '../scheduler/jobs/core.js';
import { createApp } from './app.js';
import { healthRoutes } from './routes/health.js';
import { wecomCallbackRoutes } from './routes/wecomCallback.js';
import { oauthRoutes } from './auth/wecomOAuth.js';
import { sessionOptions } from './auth/options.js';
import { allFeatures } from './features/index.js';
import type { Lifecycle } from './lifecycle.js';
import type { Feature, InboundPort, RuntimeConfig, Services } from './feature.js';
import { cachedHolidaySpans } from '../flows/holidaySpans.js';

export interface ComposeOptions {
  readonly config: RuntimeConfig;
  readonly logger: Logger;
  readonly db: Database;
  readonly instanceId: string;
  /** Every part of the app reads this clock (tests fix it). */
  readonly now?: () => Date;
  /** Test knobs for the WeCom client (sleep, jitter, timeouts). */
  readonly wecomClient?: Pick<WecomClientOptions, 'sleep' | 'random' | 'fetchTimeoutMs'>;
  /** Test knobs for the inbound pipeline's retries and recovery. */
  readonly pipeline?: { readonly sleep?: (ms: number) => Promise<void>; readonly recoveryIntervalMs?: number };
  /** Test knob for the sender's back-off jitter. */
  readonly senderRandom?: () => number;
}

export interface Composed {
  readonly services: Services;
  readonly features: readonly Feature[];
  readonly app: Koa;
  readonly wecom: WecomClient;
  readonly pipeline: InboundPipeline;
  readonly sender: OutboxSender;
  readonly scheduler: Scheduler;
}

export async function compose(opts: ComposeOptions): Promise<Composed> {
  const { config, logger, db, instanceId } = opts;
  const now = opts.now ?? (() => new Date());
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
    ...(opts.now ? { now: () => now().getTime() } : {}),
    ...opts.wecomClient,
  });
  const outbox = createOutbox({ now });
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
    config, logger, db, instanceId, wecom, outbox, effects, inbound, now,
    wecomPort: createWecomPort(wecom, { tz: config.tz, leaveTemplateId: config.leaveTemplateId }),
    keys: {
      link: deriveKey(config.appSecret, 'link'),
      payslip: config.payslipKey ? Buffer.from(config.payslipKey, 'base64') : deriveKey(config.appSecret, 'payslip'),
      session: deriveKey(config.appSecret, 'session'),
      upload: deriveKey(config.appSecret, 'upload'),
    },
  };

  warmUpNlu(); // jieba's dictionary and the classifier: ~1 s once, instead of on the first message
  const features = allFeatures(config);
  for (const f of features) await f.setup?.(services);
  const approvalHandler = features.find((f) => f.approvalHandler)?.approvalHandler;
  const engine = new Engine({
    flows: features.flatMap((f) => f.flows?.(services) ?? []),
    cardHandlers: Object.assign({}, ...features.map((f) => f.cardHandlers ?? {})),
    awaitingHandlers: Object.assign({}, ...features.map((f) => f.awaitingHandlers ?? {})),
    ...(approvalHandler ? { approvalHandler } : {}),
    effects, outbox, tz: config.tz, publicBaseUrl: config.publicBaseUrl, logger: logger.child({ component: 'engine' }), now,
    holidays: cachedHolidaySpans(),
  });
  pipeline = new InboundPipeline({ engine, logger: logger.child({ component: 'inbound' }), instanceId, now, ...opts.pipeline });

  const scheduler = new Scheduler({ tz: config.tz, instanceId, logger: logger.child({ component: 'scheduler' }) });
  for (const job of [...coreJobs({ wecom, mode: config.mode }), ...features.flatMap((f) => f.jobs?.(services) ?? [])]) scheduler.register(job);

  const app = createApp({
    logger,
    proxy: config.env === 'production',
    routers: [
      healthRoutes({ ping: () => db.ping(), mode: config.mode, scheduler: () => scheduler.status() }),
      wecomCallbackRoutes({
        wecom: config.wecom, inbound, logger: logger.child({ component: 'callback' }), now,
        onContactChange: (change) => applyContactChange(wecom, change, logger.child({ component: 'directory' })),
      }),
      oauthRoutes({ ...sessionOptions(services), wecom: config.wecom, client: wecom, publicBaseUrl: config.publicBaseUrl, logger: logger.child({ component: 'oauth' }) }),
      ...features.flatMap((f) => f.routes?.(services) ?? []),
    ],
  });
  const sender = new OutboxSender({
    wecom, logger: logger.child({ component: 'outbox' }), instanceId, now, hrAdmins: config.hrAdmins,
    ...(opts.senderRandom ? { random: opts.senderRandom } : {}),
  });
  return { services, features, app, wecom, pipeline, sender, scheduler };
}

/**
 * Starts the background work and registers how to stop it. Tests leave the
 * sender loop and cron off and drive them step by step instead.
 */
export async function startBackground(c: Composed, lifecycle: Lifecycle, opts: { senderLoop: boolean; scheduler: boolean }): Promise<void> {
  if (opts.senderLoop) c.sender.start();
  lifecycle.add({ name: 'outbox-sender', stop: () => c.sender.stop() });
  c.pipeline.start();
  lifecycle.add({ name: 'inbound-pipeline', stop: () => c.pipeline.stop() });
  if (opts.scheduler) {
    c.scheduler.start();
    lifecycle.add({ name: 'scheduler', stop: () => c.scheduler.stop() });
  }
  for (const f of c.features) {
    const stopper = await f.start?.(c.services);
    if (stopper) lifecycle.add(stopper);
  }
}
