/**
 * The callback gateway without HTTP and without a database: what the Koa route for
 * `/wecom/callback` does, with its two outside dependencies made explicit.
 *
 *   GET  → verify → answer the bare echostr plaintext (within 1 s)
 *   POST → verify + decrypt + decode → dedupe → hand the event on → 200 with an
 *          empty body at once (WeCom retries after 5 s; replies go out later through
 *          message/send via the Outbox)
 *
 * The route only maps a `CallbackResponse` onto `ctx.status`, `ctx.type`, `ctx.body`.
 */
import type { Logger } from '../../lib/logger.js';
import { decodeMessage, verifyUrl, type CallbackConfig, type MessageQuery, type VerifyUrlQuery } from './callback.js';
import type { InboundEvent } from './events.js';

/**
 * Remembers which deliveries were seen (a unique index on `key` plus a TTL of a few
 * days is enough: WeCom retries within seconds).
 */
export interface DedupeStore {
  /** Records `key`; resolves `true` if it was new, `false` if it had been seen. */
  claim(key: string): Promise<boolean>;
  /** Forgets `key` again, so WeCom's retry is processed (used when the sink refused the event). */
  release(key: string): Promise<void>;
}

/**
 * Accepts a decoded event for processing (bot/dispatch: one serial queue per user).
 * It resolves as soon as the event is *accepted* (queued), not when it has been
 * handled: the 200 waits for it, and WeCom gives up after 5 s. If it rejects, the
 * dedupe key is released and WeCom is asked to retry (500).
 */
export type InboundSink = (event: InboundEvent) => Promise<void>;

export interface CallbackResponse {
  readonly status: 200 | 400 | 401 | 403 | 500;
  readonly contentType: 'text/plain';
  /** GET: the echostr plaintext; POST: empty. Refusals: a short English reason. */
  readonly body: string;
}

export interface GatewayDeps {
  readonly cfg: CallbackConfig;
  readonly dedupe: DedupeStore;
  readonly sink: InboundSink;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** GET /wecom/callback: URL verification when the callback URL is saved in the admin console. */
export function handleVerify(query: VerifyUrlQuery, deps: Pick<GatewayDeps, 'cfg' | 'logger' | 'now'>): CallbackResponse {
  const r = verifyUrl(query, deps.cfg, deps.now());
  if (!r.ok) {
    deps.logger.warn({ status: r.refusal.status, reason: r.refusal.reason }, 'wecom callback verification refused');
    return { status: r.refusal.status, contentType: 'text/plain', body: r.refusal.reason };
  }
  return { status: 200, contentType: 'text/plain', body: r.plaintext };
}

/** POST /wecom/callback: one message or event. Never throws. */
export async function handleMessage(query: MessageQuery, rawBody: string, deps: GatewayDeps): Promise<CallbackResponse> {
  const r = decodeMessage(query, rawBody, deps.cfg, deps.now());
  if (!r.ok) {
    deps.logger.warn({ status: r.refusal.status, reason: r.refusal.reason }, 'wecom callback refused');
    return { status: r.refusal.status, contentType: 'text/plain', body: r.refusal.reason };
  }
  const { event } = r;
  const log = { type: event.type, dedupeKey: event.dedupeKey, fromUser: event.fromUser };

  let fresh: boolean;
  try {
    fresh = await deps.dedupe.claim(event.dedupeKey);
  } catch (err) {
    // Answer 500 so that WeCom retries; a dedupe outage must not process twice or lose the event.
    deps.logger.error({ ...log, err: err instanceof Error ? err.message : String(err) }, 'dedupe store failed');
    return { status: 500, contentType: 'text/plain', body: 'dedupe store unavailable' };
  }
  if (!fresh) {
    deps.logger.info(log, 'duplicate wecom callback ignored');
    return { status: 200, contentType: 'text/plain', body: '' };
  }
  if (event.type === 'unknown') deps.logger.info({ ...log, msgType: event.msgType, event: event.event, problem: event.problem }, 'unrecognised wecom callback kept as unknown');

  try {
    await deps.sink(event);
  } catch (err) {
    deps.logger.error({ ...log, err: err instanceof Error ? err.message : String(err) }, 'inbound sink refused the event; asking WeCom to retry');
    try {
      await deps.dedupe.release(event.dedupeKey);
    } catch (releaseErr) {
      deps.logger.error({ ...log, err: releaseErr instanceof Error ? releaseErr.message : String(releaseErr) }, 'dedupe release failed: the retry will be ignored');
    }
    return { status: 500, contentType: 'text/plain', body: 'event not accepted' };
  }
  return { status: 200, contentType: 'text/plain', body: '' };
}

/** A per-process DedupeStore for tests and single-instance demos (no TTL: keys accumulate). */
export function memoryDedupeStore(): DedupeStore & { readonly size: number } {
  const seen = new Set<string>();
  return {
    async claim(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    async release(key) {
      seen.delete(key);
    },
    get size() {
      return seen.size;
    },
  };
}
