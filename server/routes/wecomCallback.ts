/**
 * `GET/POST /wecom/callback`: the WeCom app's 接收消息 URL.
 *
 *   GET   URL verification when the URL is saved in the admin console: answer
 *         200 text/plain with the bare decrypted echostr (within 1 s).
 *   POST  one message or event: read the raw body (≤ 1 MiB, else 413), verify,
 *         decrypt and decode (bot/wecom/callback.ts), store it through the
 *         inbound pipeline, and answer 200 with an empty body at once — the
 *         handling happens after, and replies go out through the Outbox.
 *
 * Bad input is refused with the decoder's status and the reason logged: 401 bad
 * signature; 400 missing/duplicated parameters, malformed XML, bad base64,
 * wrong key, wrong corp id, wrong length; 403 stale timestamp. Never a 5xx for
 * bad input. The one 5xx is a store failure (database down): 500, so that WeCom
 * retries (it tries three times within about 15 s).
 *
 * Passive replies (an encrypted XML body, `encryptReply`) are not used: they
 * would have to be computed before answering, while the flow engine runs after
 * the event is safely stored. A passive reply would also bypass the Outbox, so
 * it would be neither retried nor counted against WeCom's per-member limit, and
 * an `update_button` reply changes only the tapping approver's copy of a card,
 * not the other approvers' (update_template_card does both).
 */
import Router from '@koa/router';
import type { WecomConfig } from '../../lib/config.js';
import type { Logger } from '../../lib/logger.js';
import type { Context } from 'koa';
import { callbackConfigFrom } from '../../bot/wecom/callback.js';
import { handleMessage, handleVerify, type CallbackResponse, type DedupeStore } from '../../bot/wecom/gateway.js';
import type { ContactChange } from '../../bot/wecom/events.js';
import { intakeWecomEvent } from '../../bot/inbound/wecomIntake.js';
import type { InboundPort } from '../feature.js';
import { MiB, readRawBody } from '../../lib/http/body.js';

export const CALLBACK_PATH = '/wecom/callback';
export const CALLBACK_BODY_LIMIT = MiB;

export interface WecomCallbackOptions {
  readonly wecom: WecomConfig;
  readonly inbound: InboundPort;
  readonly logger: Logger;
  /** The clock the timestamp check uses; injected in tests. */
  readonly now?: () => Date;
  /** Refreshes an employee after a 通讯录 change (bot/wecom/directorySync.ts `applyContactChange`). */
  readonly onContactChange?: (change: ContactChange) => Promise<void>;
  /** Allowed |server clock − timestamp|; default 300 s. */
  readonly maxClockSkewSeconds?: number;
}

/**
 * De-duplication is not done here: the inbound store's unique key (bot/inbound)
 * recognises a retried callback, for every channel alike, and survives restarts.
 */
const DEDUPE_IN_STORE: DedupeStore = { claim: async () => true, release: async () => undefined };

export function wecomCallbackRoutes(opts: WecomCallbackOptions): Router {
  const router = new Router();
  const cfg = callbackConfigFrom(opts.wecom, opts.maxClockSkewSeconds);
  const now = opts.now ?? (() => new Date());
  const { logger } = opts;
  const intake = { inbound: opts.inbound, logger, now, onContactChange: opts.onContactChange };

  const answer = (ctx: Context, r: CallbackResponse): void => {
    ctx.status = r.status;
    ctx.type = r.contentType;
    ctx.body = r.body;
  };

  router.get(CALLBACK_PATH, (ctx) => answer(ctx, handleVerify(ctx.query, { cfg, logger, now })));

  router.post(CALLBACK_PATH, async (ctx) => {
    const raw = await readRawBody(ctx, CALLBACK_BODY_LIMIT);
    answer(ctx, await handleMessage(ctx.query, raw.toString('utf8'), {
      cfg, logger, now, dedupe: DEDUPE_IN_STORE,
      sink: async (event) => void (await intakeWecomEvent(event, intake)),
    }));
  });

  return router;
}
