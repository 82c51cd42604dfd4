/**
 * How a feature plugs into the app. The composition root (main.ts) gathers
 * every feature's flows, card handlers, effects, routes, cron jobs and
 * background workers; features never reach into each other.
 */
import type Router from '@koa/router';
import type { Config, WecomConfig } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';
import type { Database } from '../models/db.js';
import type { Flow } from '../flows/flow.js';
import type { AwaitingHandler, ApprovalHandler, CardHandler } from '../flows/engine.js';
import type { EffectRegistry } from '../flows/effects.js';
import type { OutboxPort, WecomPort } from '../flows/ports.js';
import type { Inbound } from '../flows/types.js';
import type { CronJob } from '../scheduler/registry.js';
import type { WecomClient } from '../bot/wecom/api/index.js';
import type { Stopper } from './lifecycle.js';

/** Configuration after start-up filled the demo gaps: a secret and WeCom settings always exist. */
export type RuntimeConfig = Config & { readonly appSecret: string; readonly wecom: WecomConfig };

/** Accepts an inbound event from any channel: stored (deduplicated), then handled in order per user. */
export interface InboundPort {
  accept(inbound: Inbound, channel: 'wecom' | 'wechaty' | 'console'): Promise<'accepted' | 'duplicate'>;
}

export interface Services {
  readonly config: RuntimeConfig;
  readonly logger: Logger;
  readonly db: Database;
  /** Unique per process: lease owner id. */
  readonly instanceId: string;
  readonly keys: { readonly link: Buffer; readonly payslip: Buffer; readonly session: Buffer; readonly upload: Buffer };
  readonly wecom: WecomClient;
  readonly wecomPort: WecomPort;
  readonly outbox: OutboxPort;
  readonly effects: EffectRegistry;
  readonly inbound: InboundPort;
  readonly now: () => Date;
}

export interface Feature {
  readonly name: string;
  flows?(s: Services): readonly Flow<unknown>[];
  readonly cardHandlers?: Readonly<Record<string, CardHandler>>;
  readonly awaitingHandlers?: Readonly<Record<string, AwaitingHandler>>;
  readonly approvalHandler?: ApprovalHandler;
  /** Registers effects and anything else that needs services before routes exist. */
  setup?(s: Services): void | Promise<void>;
  routes?(s: Services): readonly Router[];
  jobs?(s: Services): readonly CronJob[];
  /** Background work (a worker loop, a channel); returns how to stop it. */
  start?(s: Services): Promise<Stopper | undefined>;
}
